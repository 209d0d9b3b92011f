from django.urls import path

from . import views

urlpatterns = [
    path("reports/<slug:slug>/<int:year>.xlsx", views.report_workbook, name="report-workbook"),
    path("reports/<slug:slug>/<int:year>.docx", views.report_document, name="report-document"),
    path("exports/data.xlsx", views.data_export, name="export-data"),
]
