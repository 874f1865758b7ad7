from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactbaseConfig(AppConfig):
    name = "samskab.factbase"
    label = "factbase"
    verbose_name = _("Fact base")
    default_auto_field = "django.db.models.BigAutoField"
