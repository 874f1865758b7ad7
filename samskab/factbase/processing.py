"""The fact base's part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.factbase.models import FactDataset

RECORD = (
    Processing(
        FactDataset,
        _("The municipality's pseudonymised register of moves (no CPR number: a file holding "
          "one is refused), read into the fact base's aggregates."),
        _("Until the dataset or the project is deleted: its files and the stored copy go with "
          "it."),
        _("Exact figures: the facilitators; everyone else sees small counts hidden."),
        technical=frozenset({"uploaded_by", "problems", "checksum"}),
    ),
)  # fmt: skip
