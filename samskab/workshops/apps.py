from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "samskab.workshops"
    label = "workshops"
    verbose_name = _("Workshops")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskab.jobs.schedule import run_daily
        from samskab.workshops.tasks import send_followup

        run_daily(send_followup)  # the worker runs the follow-up daily, with or without cron
