from django.urls import path

from indicators.views import dashboards

urlpatterns = [
    path("provinces/", dashboards.province_list, name="province-list"),
    path("provinces/<slug:slug>/", dashboards.province_detail, name="province-detail"),
]
