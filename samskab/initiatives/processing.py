"""The initiatives' part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.initiatives.models import Initiative, Notification, ProgressUpdate

RECORD = (
    Processing(
        Initiative,
        _("The initiatives and joint events with their owner and the municipality's contact "
          "person."),
        _("Kept with the project."),
        _("The project's members."),
    ),
    Processing(
        ProgressUpdate,
        _("Progress updates on an initiative, each with its author."),
        _("Kept with the project; under no name once the author deletes their account."),
        _("The project's members."),
    ),
    Processing(
        Notification,
        _("The follow-up's reminders and news to a member, and whether the mail went out."),
        _("Kept with the project."),
        _("The member it is for."),
        technical=frozenset({"recipient"}),
    ),
)  # fmt: skip
