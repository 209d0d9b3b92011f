from django.urls import path

from . import views

urlpatterns = [
    path("directives/", views.directive_list, name="directive-list"),
    path("directives/<slug:slug>/", views.directive_detail, name="directive-detail"),
]
