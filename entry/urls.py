from django.urls import path

from . import views

urlpatterns = [
    path("start/", views.landing, name="landing"),
    path("entry/", views.entry_home, name="entry-home"),
    path("entry/preferences/", views.preferences, name="entry-preferences"),
    path("entry/<slug:slug>/", views.entry_overview, name="entry-overview"),
    path("entry/<slug:slug>/<int:year>/", views.entry_sheet, name="entry-sheet"),
    path("entry/<slug:slug>/<int:year>/history/<slug:code>/", views.figure_history, name="figure-history"),
    path("entry/<slug:slug>/<int:year>/comments/<slug:code>/", views.add_comment, name="figure-comment"),
    path("entry/<slug:slug>/<int:year>/task-history/<int:task_id>/", views.task_history, name="task-history"),
    path("entry/<slug:slug>/<int:year>/template.xlsx", views.import_template, name="import-template"),
    path("entry/<slug:slug>/<int:year>/import/", views.import_upload, name="import-upload"),
    path("entry/<slug:slug>/<int:year>/import/confirm/", views.import_confirm, name="import-confirm"),
]
