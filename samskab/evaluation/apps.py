from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "samskab.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskab.evaluation.reminders import EVALUATION_NOTICES
        from samskab.initiatives.followup.notices import register

        register(EVALUATION_NOTICES)  # the daily follow-up invites and reminds the members
