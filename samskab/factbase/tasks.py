"""The fact base's background job: importing a dataset's files (queued by `start_import`)."""

from __future__ import annotations

import contextlib

from django_tasks import task

from samskab.factbase.actions import ImportRefused, run_import
from samskab.factbase.models import FactDataset


@task()
def import_dataset(dataset_id: int) -> str:
    """Validate and import a received dataset; return its status (a refusal is recorded on
    the dataset, not a failure of the job)."""
    dataset = FactDataset.objects.select_related("project").get(pk=dataset_id)
    if dataset.status != FactDataset.Status.IMPORTING:
        return dataset.status  # imported already, by an earlier start of the job
    with contextlib.suppress(ImportRefused):  # recorded on the dataset, with its problems
        run_import(dataset)
    return dataset.status
