"""The progress dashboard: every initiative with its owner, contact, next milestone, last
update and health, filtered by village and health."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q

from samskab.initiatives.health import Health, health, next_milestone
from samskab.initiatives.models import Initiative, Milestone
from samskab.projects.models import Project
from samskab.workshops.actions import workshop_settings


@dataclass(frozen=True)
class Row:
    initiative: Initiative
    health: Health
    next_milestone: Milestone | None
    last_update: datetime.datetime | None


def dashboard_rows(
    project: Project, today: datetime.date, *, village: str = "", health_filter: str = ""
) -> list[Row]:
    """Return a row per initiative of the project (of the village's, when one is given: the
    ones it owns or whose idea is for it), sorted worst health first; `health_filter` keeps
    only that health."""
    stall_weeks = workshop_settings(project).stall_weeks
    initiatives = (
        Initiative.objects.filter(project=project)
        .select_related("owner", "owner_village", "contact", "idea")
        .prefetch_related("milestones")
        .annotate(last_update=Max("updates__created"))
    )
    if village:
        initiatives = initiatives.filter(
            Q(owner_village=village) | Q(idea__villages=village)
        ).distinct()
    rows = []
    for initiative in initiatives:
        milestones = list(initiative.milestones.all())
        last = initiative.last_update  # type: ignore[attr-defined]
        state = health(
            initiative, milestones=milestones, last_update=last, today=today,
            stall_weeks=stall_weeks,
        )  # fmt: skip
        if not health_filter or state == health_filter:
            rows.append(Row(initiative, state, next_milestone(milestones), last))
    return sorted(rows, key=lambda row: (WORST_FIRST.index(row.health), row.initiative.title))


WORST_FIRST = [Health.OVERDUE, Health.STALLED, Health.ON_TRACK, Health.PAUSED, Health.DONE,
               Health.HANDED_OVER, Health.WOUND_DOWN]  # fmt: skip


def health_counts(rows: list[Row]) -> list[tuple[Health, int]]:
    """Return each health, worst first, with how many rows have it."""
    return [(state, sum(1 for r in rows if r.health == state)) for state in WORST_FIRST]
