from django.urls import path

from .views import dashboards
from .views import entry as entry_views
from .views import excel as excel_views

# Each block belongs to one area; add routes inside your own block.
urlpatterns = [
    # --- dashboards (indicators/views/dashboards.py)
    path("", dashboards.overview, name="home"),
    path("indicators/", dashboards.indicator_list, name="indicator-list"),
    path("indicators/<slug:code>/", dashboards.indicator_detail, name="indicator-detail"),
    # --- data entry and approval (indicators/views/entry.py)
    path("start/", entry_views.landing, name="landing"),
    path("entry/", entry_views.entry_home, name="entry-home"),
    path("entry/<slug:slug>/", entry_views.entry_overview, name="entry-overview"),
    path("entry/<slug:slug>/<int:year>/", entry_views.entry_sheet, name="entry-sheet"),
    path("entry/<slug:slug>/<int:year>/history/<slug:code>/", entry_views.figure_history, name="figure-history"),
    path("entry/<slug:slug>/<int:year>/task-history/<int:task_id>/", entry_views.task_history, name="task-history"),
    # --- Excel exports and import (indicators/views/excel.py)
    path("reports/<slug:slug>/<int:year>.xlsx", excel_views.report_workbook, name="report-workbook"),
    path("exports/data.xlsx", excel_views.data_export, name="export-data"),
    path("entry/<slug:slug>/<int:year>/template.xlsx", excel_views.import_template, name="import-template"),
    path("entry/<slug:slug>/<int:year>/import/", excel_views.import_upload, name="import-upload"),
    path("entry/<slug:slug>/<int:year>/import/confirm/", excel_views.import_confirm, name="import-confirm"),
]
