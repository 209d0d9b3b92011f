from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directives"
    verbose_name = _("Văn bản chỉ đạo và nhiệm vụ")  # the admin's heading
