from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The read-only pages for leaders (no models)."""

    name = "dashboards"
