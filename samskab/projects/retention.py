"""The retention rule for uploaded personal data: a register extract or a survey file is
deleted a number of months after its upload, the period its project sets (`register_months`,
`survey_months`). The fact base and the segments find their uploads that are due
(`samskab.factbase.retention`, `samskab.segmentation.retention`); the daily follow-up warns the
facilitators WARN_BEFORE the day and deletes them on it, writing one line per project to the
audit log (`record_purged`)."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from samskab.projects import audit
from samskab.projects.models import AuditAction, Project

WARN_BEFORE = datetime.timedelta(days=30)
REGISTER, SURVEY = "register", "survey"


@dataclass(frozen=True)
class Upload:
    """One uploaded register extract (`kind` REGISTER) or survey file (SURVEY): its record's
    id, the files as the user named them, the day it came and the day the rule deletes it."""

    kind: str
    pk: int
    project: Project
    files: str
    uploaded: datetime.date
    deleted_on: datetime.date

    @property
    def key(self) -> str:
        """What a warning about this upload is told once for (a new period: a new warning)."""
        return f"{self.kind}{self.pk}:{self.deleted_on.isoformat()}"


def months_later(day: datetime.date, months: int) -> datetime.date:
    """Return the day `months` months after `day` (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def deleted_on(uploaded: datetime.datetime, months: int) -> datetime.date:
    """Return the day an upload made at `uploaded` is deleted when kept `months` months."""
    return months_later(timezone.localdate(uploaded), months)


def upload(kind: str, pk: int, project: Project, files: Iterable[str],
           uploaded: datetime.datetime, months: int) -> Upload:  # fmt: skip
    """Return the upload with the day it is deleted after `months` months, and never sooner
    than WARN_BEFORE after the project's periods took effect: an upload older than a period
    when the rule came (or the period was shortened) is warned of before it goes."""
    day = timezone.localdate(uploaded)
    deleted = max(deleted_on(uploaded, months), project.retention_from + WARN_BEFORE)
    return Upload(kind, pk, project, ", ".join(files), day, deleted)


def due(uploads: Iterable[Upload], today: datetime.date) -> list[Upload]:
    """Return the uploads whose day has come by `today`."""
    return [item for item in uploads if item.deleted_on <= today]


def delete_due(
    model: type[models.Model], uploads: Iterable[Upload], today: datetime.date
) -> list[Upload]:
    """Delete the records of `model` (a dataset, a survey) of the uploads whose day has come
    by `today`, one by one as a deleted record always goes (its files once the deletion is
    committed); return those uploads."""
    expired = due(uploads, today)
    with transaction.atomic():
        for record in model._default_manager.filter(pk__in=[item.pk for item in expired]):
            record.delete()
    return expired


def warned(uploads: Iterable[Upload], today: datetime.date) -> list[Upload]:
    """Return the uploads deleted within WARN_BEFORE of `today` (not yet deleted)."""
    return [item for item in uploads if today < item.deleted_on <= today + WARN_BEFORE]


def record_purged(uploads: Iterable[Upload]) -> None:
    """Write one line per project to its audit log: the files deleted, as the user named them,
    each upload followed by the day it came ("moves.csv, areas.csv (2023-05-01); ...")."""
    per_project: dict[Project, list[Upload]] = defaultdict(list)
    for item in uploads:
        per_project[item.project].append(item)
    for project, items in per_project.items():
        detail = "; ".join(f"{item.files} ({item.uploaded.isoformat()})" for item in items)
        audit.record(project, None, AuditAction.UPLOADS_PURGED, detail)
