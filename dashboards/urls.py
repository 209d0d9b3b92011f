from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="home"),
    path("provinces/", views.province_list, name="province-list"),
    path("provinces/<slug:slug>/", views.province_detail, name="province-detail"),
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator-detail"),
    path("directives/", views.directive_list, name="directive-list"),
    path("directives/<slug:slug>/", views.directive_detail, name="directive-detail"),
]
