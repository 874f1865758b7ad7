"""The retention rule for uploaded register extracts (samskab.projects.retention): a dataset
of uploaded files is deleted its project's `register_months` after the upload, its files and
the fact base's stored copy with it (as any deleted dataset's: see the app's post_delete). The
demo's data is no one's and is kept."""

from __future__ import annotations

import datetime

from samskab.factbase.models import FactDataset
from samskab.projects import retention
from samskab.projects.retention import Upload


def uploads(*, valid: bool = False) -> list[Upload]:
    """Return every dataset of uploaded files (with `valid`: only the valid ones) with the day
    it is deleted."""
    datasets = FactDataset.objects.filter(source=FactDataset.Source.UPLOAD)
    if valid:
        datasets = datasets.filter(status=FactDataset.Status.VALID)
    return [
        _upload(dataset) for dataset in datasets.select_related("project").order_by("created", "pk")
    ]


def _upload(dataset: FactDataset) -> Upload:
    project, names = dataset.project, dataset.uploaded_names
    return retention.upload(
        retention.REGISTER, dataset.pk, project, names, dataset.created, project.register_months
    )


def warned(today: datetime.date) -> list[Upload]:
    """Return the valid datasets deleted within the warning's time of `today` (an import that
    failed keeps no file worth a warning)."""
    return retention.warned(uploads(valid=True), today)


def purge(today: datetime.date) -> list[Upload]:
    """Delete every dataset of uploaded files whose day has come by `today`, as a deleted
    dataset always goes (its files and stored copy once the deletion is committed); return
    them."""
    return retention.delete_due(FactDataset, uploads(), today)
