from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "samskab.workshops"
    label = "workshops"
    verbose_name = _("Workshops")
    default_auto_field = "django.db.models.BigAutoField"
