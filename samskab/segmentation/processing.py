"""The segments' part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.segmentation.models import Survey

RECORD = (
    Processing(
        Survey,
        _("The movers' survey (answers without names or CPR numbers), from which the segments "
          "are found."),
        _("Until the survey or the project is deleted: its file and fitted models go with it."),
        _("The facilitators; the segments' profiles with small groups hidden: every member."),
        technical=frozenset({"uploaded_by", "codebook"}),
    ),
)  # fmt: skip
