from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "samskab.ideas"
    label = "ideas"
    verbose_name = _("Ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskab.core.processing import register as register_processing
        from samskab.ideas.processing import RECORD as PROCESSING

        register_processing("ideas", *PROCESSING)
        from samskab.workshops.signals import scale_changing

        scale_changing.connect(_check_scale, dispatch_uid="ideas.check_scale")


def _check_scale(sender: object, *, project: Any, scale_max: int, **kwargs: Any) -> None:
    """Refuse a scale below the scores already given in the project."""
    from samskab.ideas.actions import check_scale

    check_scale(project, scale_max)
