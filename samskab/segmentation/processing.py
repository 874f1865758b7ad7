"""The segments' part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.projects.models import SURVEY_MONTHS
from samskab.segmentation.models import Survey

RECORD = (
    Processing(
        Survey,
        _("The movers' survey (answers without names or CPR numbers), from which the segments "
          "are found."),
        _("Until the survey or the project is deleted, and at most %(months)s months after the "
          "upload (the retention period in the project's settings): then the daily follow-up "
          "deletes it, its file and fitted models. The demo's survey is kept."),
        _("The facilitators; the segments' profiles with small groups hidden: every member."),
        (("months", SURVEY_MONTHS),),
        technical=frozenset({"uploaded_by", "codebook"}),
        project_periods=lambda project: {"months": project.survey_months},
    ),
)  # fmt: skip
