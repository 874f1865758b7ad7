"""The fact base's part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.factbase.models import FactDataset
from samskab.projects.models import REGISTER_MONTHS

RECORD = (
    Processing(
        FactDataset,
        _("The municipality's pseudonymised register of moves (no CPR number: a file holding "
          "one is refused), read into the fact base's aggregates."),
        _("Until the dataset or the project is deleted, and at most %(months)s months after "
          "the upload (the retention period in the project's settings): then the daily "
          "follow-up deletes it, its files and the stored copy. The demo's data is kept."),
        _("Exact figures: the facilitators; everyone else sees small counts hidden."),
        (("months", REGISTER_MONTHS),),
        technical=frozenset({"uploaded_by", "problems", "checksum"}),
        project_periods=lambda project: {"months": project.register_months},
    ),
)  # fmt: skip
