"""The evaluation's part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.evaluation.models import Response

RECORD = (
    Processing(
        Response,
        _("A member's answers to an evaluation round, by personal link."),
        _("Kept with the project."),
        _("Summaries with small groups hidden: every member; the free text and the answers "
          "themselves: the facilitators."),
    ),
)  # fmt: skip
