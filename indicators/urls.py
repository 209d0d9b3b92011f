from django.urls import path

from directives import views as directive_views

from .views import entry as entry_views

# Each block belongs to one area; add routes inside your own block.
urlpatterns = [
    # --- dashboards (indicators/views/dashboards.py)
    path("", directive_views.directive_list, name="home"),
    # --- data entry and approval (indicators/views/entry.py)
    path("start/", entry_views.landing, name="landing"),
    path("entry/", entry_views.entry_home, name="entry-home"),
    path("entry/<slug:slug>/", entry_views.entry_overview, name="entry-overview"),
    path("entry/<slug:slug>/<int:year>/", entry_views.entry_sheet, name="entry-sheet"),
    path("entry/<slug:slug>/<int:year>/history/<slug:code>/", entry_views.figure_history, name="figure-history"),
    path("entry/<slug:slug>/<int:year>/task-history/<int:task_id>/", entry_views.task_history, name="task-history"),
    # --- Excel exports and import (indicators/views/excel.py)
]
