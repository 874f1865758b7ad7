from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "samskab.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskab.core.processing import register as register_processing
        from samskab.evaluation.processing import RECORD as PROCESSING

        register_processing("evaluation", *PROCESSING)
        from samskab.evaluation.reminders import EVALUATION_NOTICES
        from samskab.initiatives.followup.notices import register

        register(EVALUATION_NOTICES)  # the daily follow-up invites and reminds the members
        post_save.connect(
            _ask_new_member, sender="projects.Membership", dispatch_uid="evaluation.ask_member"
        )


def _ask_new_member(sender: object, *, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A member who joins, or gets a role that answers, while a round is open is asked too."""
    if raw:  # loading a fixture or a backup: the responses come with it
        return
    from samskab.evaluation.actions import do_ask_member

    do_ask_member(instance)
