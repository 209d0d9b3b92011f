from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import docs, views

urlpatterns = [
    path("api/v1/indicators/", views.IndicatorList.as_view(), name="api-indicators"),
    path("api/v1/targets/", views.TargetList.as_view(), name="api-targets"),
    path("api/v1/units/", views.UnitList.as_view(), name="api-units"),
    path("api/v1/measurements/", views.MeasurementList.as_view(), name="api-measurements"),
    path("api/v1/assessments/", views.AssessmentList.as_view(), name="api-assessments"),
    path("api/v1/units/<slug:slug>/years/<int:year>/figures/", views.UnitFigures.as_view(), name="api-figures"),
    path("api/v1/reports/<slug:slug>/<int:year>/", views.ReportView.as_view(), name="api-report"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", docs.SwaggerDocs.as_view(url_name="api-schema"), name="api-docs"),
]
