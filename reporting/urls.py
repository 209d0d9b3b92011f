from django.urls import path

from . import views

urlpatterns = [
    path("reports/<slug:slug>/<int:year>.xlsx", views.report_workbook, name="report-workbook"),
    path("reports/<slug:slug>/<int:year>.docx", views.report_document, name="report-document"),
    path("exports/data.xlsx", views.data_export, name="export-data"),
    path("exports/data/", views.export_start, name="export-start"),
    path("exports/<str:job_id>/", views.export_job, name="export-job"),
    path("exports/<str:job_id>/status.json", views.export_job_status, name="export-job-status"),
    path("exports/<str:job_id>/data.xlsx", views.export_job_file, name="export-job-file"),
]
