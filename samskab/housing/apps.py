from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "samskab.housing"
    label = "housing"
    verbose_name = _("Housing supply")
    default_auto_field = "django.db.models.BigAutoField"
