from django.urls import path

from directives import views as directive_views

urlpatterns = [
    path("", directive_views.directive_list, name="home"),
]
