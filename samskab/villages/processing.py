"""The villages' part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.villages.models import Stakeholder

RECORD = (
    Processing(
        Stakeholder,
        _("Organisations and people worth involving in the project, their interest and role, "
          "and which member holds the contact."),
        _("Until the facilitator removes them, or the project is deleted."),
        _("The project's members."),
        technical=frozenset({"contact_holder"}),
    ),
)  # fmt: skip
