"""How an initiative is doing, computed from its dates and updates on a given day."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.initiatives.models import Initiative, Milestone


class Health(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    OVERDUE = "overdue", _("Overdue")
    STALLED = "stalled", _("Stalled")
    DONE = "done", _("Done")
    PAUSED = "paused", _("Paused")
    WOUND_DOWN = "wound_down", _("Wound down")
    HANDED_OVER = "handed_over", _("Handed over to the village association")


def next_milestone(milestones: Sequence[Milestone]) -> Milestone | None:
    """Return the earliest milestone not done, or None."""
    open_ones = sorted((m for m in milestones if not m.done), key=lambda m: (m.due, m.pk))
    return open_ones[0] if open_ones else None


def last_activity(initiative: Initiative, last_update: datetime.datetime | None) -> datetime.date:
    """Return the day of the last progress update, or of the initiative's creation."""
    return timezone.localdate(last_update or initiative.created)


def health(
    initiative: Initiative,
    *,
    milestones: Sequence[Milestone],
    last_update: datetime.datetime | None,
    today: datetime.date,
    stall_weeks: int,
) -> Health:
    """Return the initiative's health on `today`.

    Done, paused, wound-down and handed-over initiatives are just that. An open one is overdue
    when a milestone not done or its review date lies before today (overdue wins over stalled:
    it says more), stalled when nobody has posted an update for `stall_weeks` weeks, and
    otherwise on track.
    """
    if initiative.status == Initiative.Status.DONE:
        return Health.DONE
    if initiative.status == Initiative.Status.PAUSED:
        return Health.PAUSED
    if initiative.status in Initiative.OUTCOMES:
        return Health(initiative.status)  # a recorded outcome is shown as it is
    late = [m for m in milestones if not m.done and m.due < today]
    if late or (initiative.review_date is not None and initiative.review_date < today):
        return Health.OVERDUE
    if is_stalled(initiative, last_update, today=today, stall_weeks=stall_weeks):
        return Health.STALLED
    return Health.ON_TRACK


def is_stalled(
    initiative: Initiative,
    last_update: datetime.datetime | None,
    *,
    today: datetime.date,
    stall_weeks: int,
) -> bool:
    """Return True when an open initiative has had no update for `stall_weeks` weeks (also
    when it is overdue as well)."""
    silent = today - last_activity(initiative, last_update)
    return initiative.is_open and silent >= datetime.timedelta(weeks=stall_weeks)
