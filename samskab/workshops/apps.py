from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "samskab.workshops"
    label = "workshops"
    verbose_name = _("Workshops")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from samskab.projects.signals import project_copied

        project_copied.connect(_copy_setup, dispatch_uid="workshops.copy_setup")


def _copy_setup(sender: object, *, source: Any, target: Any, **kwargs: Any) -> None:
    """Give a project copied from a template the template's workshop set-up."""
    from samskab.workshops.actions import copy_setup

    copy_setup(source, target)
