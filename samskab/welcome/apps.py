from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelcomeConfig(AppConfig):
    name = "samskab.welcome"
    label = "welcome"
    verbose_name = _("Welcome and former residents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskab.core.processing import register as register_processing
        from samskab.welcome.processing import RECORD as PROCESSING

        register_processing("welcome", *PROCESSING)
        from samskab.initiatives.followup.purges import register_purge
        from samskab.welcome.retention import purge

        register_purge("welcome", purge)  # the daily follow-up deletes expired sign-ups
