"""The retention rule for uploaded survey files (samskab.projects.retention): a survey of an
uploaded file is deleted its project's `survey_months` after the upload, with the segmentations
fitted on it, its file and their models (as any deleted survey's: see the app's post_delete).
The demo's survey is no one's and is kept."""

from __future__ import annotations

import datetime

from samskab.projects import retention
from samskab.projects.retention import Upload
from samskab.segmentation.models import Survey


def uploads() -> list[Upload]:
    """Return every survey of an uploaded file with the day it is deleted."""
    surveys = Survey.objects.filter(source=Survey.Source.UPLOAD)
    return [
        _upload(survey) for survey in surveys.select_related("project").order_by("created", "pk")
    ]


def _upload(survey: Survey) -> Upload:
    project, names = survey.project, [survey.original_name]
    return retention.upload(
        retention.SURVEY, survey.pk, project, names, survey.created, project.survey_months
    )


def warned(today: datetime.date) -> list[Upload]:
    """Return the surveys deleted within the warning's time of `today`."""
    return retention.warned(uploads(), today)


def purge(today: datetime.date) -> list[Upload]:
    """Delete every survey of an uploaded file whose day has come by `today`, as a deleted
    survey always goes (its fits with it, its folder once the deletion is committed); return
    them."""
    return retention.delete_due(Survey, uploads(), today)
