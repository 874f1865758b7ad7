"""The projects' part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.projects.models import AuditEvent, Membership

RECORD = (
    Processing(
        Membership,
        _("A member's role in a project (and village), and their consent to be named in the "
          "project's handbook."),
        _("Until the member leaves or deletes their account, or the project is deleted."),
        _("The project's members."),
        technical=frozenset({"user"}),
    ),
    Processing(
        AuditEvent,
        _("Who did what to personal data or permissions in the project, and when."),
        _("Kept with the project."),
        _("The project's facilitators."),
        technical=frozenset({"actor"}),
    ),
)  # fmt: skip
