from django.urls import path

from . import views
from .fragments import cached_page

# Each page is served from its cached blocks while the data generation stands (dashboards/fragments.py).
urlpatterns = [
    path("", cached_page(views.overview), name="home"),
    path("provinces/", cached_page(views.province_list), name="province-list"),
    path("provinces/<slug:slug>/", cached_page(views.province_detail), name="province-detail"),
    path("indicators/", cached_page(views.indicator_list), name="indicator-list"),
    path("indicators/<slug:code>/", cached_page(views.indicator_detail), name="indicator-detail"),
    path("directives/", cached_page(views.directive_list), name="directive-list"),
    path("directives/<slug:slug>/", cached_page(views.directive_detail), name="directive-detail"),
]
