from django.urls import path

from directives import views as directive_views

# Each block belongs to one area; add routes inside your own block.
urlpatterns = [
    # --- dashboards (indicators/views/dashboards.py)
    path("", directive_views.directive_list, name="home"),
    # --- data entry and approval (indicators/views/entry.py)
    # --- Excel exports and import (indicators/views/excel.py)
]
