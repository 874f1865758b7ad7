from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "samskab.workshops"
    label = "workshops"
    verbose_name = _("Workshops")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from samskab.projects.models import Project
        from samskab.projects.signals import project_copied

        project_copied.connect(_copy_setup, dispatch_uid="workshops.copy_setup")
        post_save.connect(_set_up, sender=Project, dispatch_uid="workshops.set_up")


def _set_up(
    sender: object, *, instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """Give a new project its four workshops with their checklists and its settings, so that
    no page has to create them when it is read."""
    if not created or raw:
        return
    from samskab.workshops.actions import ensure_workshops, workshop_settings

    ensure_workshops(instance)
    workshop_settings(instance)


def _copy_setup(sender: object, *, source: Any, target: Any, **kwargs: Any) -> None:
    """Give a project copied from a template the template's workshop set-up."""
    from samskab.workshops.actions import copy_setup

    copy_setup(source, target)
