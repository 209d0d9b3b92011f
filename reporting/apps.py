from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """The Excel writer, the periodic report and the full export (no models)."""

    name = "reporting"
