from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "samskab.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskab.core.processing import register as register_processing
        from samskab.initiatives.processing import RECORD as PROCESSING

        register_processing("initiatives", *PROCESSING)
        from samskab.initiatives.tasks import send_followup
        from samskab.jobs.schedule import run_daily

        run_daily(send_followup)  # the worker runs the follow-up daily, with or without cron
        # The retention rule of the fact base's and the segments' uploads: those apps sit below
        # the follow-up, so it registers their purge and warnings (followup/uploads.py).
        from samskab.initiatives.followup.notices import register as register_notices
        from samskab.initiatives.followup.purges import register_purge
        from samskab.initiatives.followup.uploads import UPLOAD_NOTICES, purge_uploads

        register_purge("uploads", purge_uploads)
        register_notices(UPLOAD_NOTICES)
