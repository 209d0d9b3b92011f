from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvincesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "provinces"
    verbose_name = _("Tỉnh, thành phố và phân quyền")  # the admin's heading
