from django.apps import AppConfig


class EntryConfig(AppConfig):
    """Data entry, approval, history and the Excel import (no models)."""

    name = "entry"
