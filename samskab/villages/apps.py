from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "samskab.villages"
    label = "villages"
    verbose_name = _("Village profiles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskab.core.processing import register as register_processing
        from samskab.villages.processing import RECORD as PROCESSING

        register_processing("villages", *PROCESSING)
