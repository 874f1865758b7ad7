"""The segments' background job: fitting a range of K (queued by `actions.do_start_fit`)."""

from __future__ import annotations

from django_tasks import task

from samskab.segmentation import fitting
from samskab.segmentation.actions import fit_job, refresh_fit
from samskab.segmentation.models import Fit


@task(queue_name="fits")
def fit_segments(fit_id: int) -> str:
    """Fit the models of a queued fit and record its outcome; return its status."""
    fit = Fit.objects.select_related("survey").get(pk=fit_id)
    if fit.status == Fit.Status.RUNNING:
        fitting.compute(fit_job(fit))
        refresh_fit(fit)
    return fit.status
