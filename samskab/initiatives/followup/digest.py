"""The facilitators' weekly overview of a project's open initiatives: which have stalled,
which are overdue, and which milestones and reviews come up in the next two weeks."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.contrib.auth.models import User

from samskab.initiatives.followup.due import Due, Repeat
from samskab.initiatives.health import is_stalled
from samskab.initiatives.models import Initiative, Notification
from samskab.projects.models import Role
from samskab.workshops.actions import workshop_settings

COMING_UP = datetime.timedelta(days=14)


def digests(initiatives: list[Initiative], today: datetime.date) -> list[tuple[int, Due]]:
    """Return (project id, digest) for each project whose open initiatives have anything to
    report, addressed to its facilitators."""
    by_project: dict[int, list[Initiative]] = defaultdict(list)
    for initiative in initiatives:
        if initiative.is_open:
            by_project[initiative.project_id].append(initiative)
    found = []
    for project_id, open_ones in sorted(by_project.items()):
        details = digest_details(open_ones, today)
        if any(details.values()):
            people = list(User.objects.filter(
                memberships__project=project_id, memberships__role=Role.FACILITATOR
            ).order_by("pk"))  # fmt: skip
            due = Due(Notification.Kind.DIGEST, "weekly", people, {"details": details},
                      Repeat.WEEKLY)  # fmt: skip
            found.append((project_id, due))
    return found


def digest_details(initiatives: list[Initiative], today: datetime.date) -> dict[str, list]:
    """Return the digest's lists: "stalled" as [initiative id, title], "overdue" and "coming"
    as [initiative id, title, milestone title ("" for the review date), date]."""
    stall_weeks = workshop_settings(initiatives[0].project).stall_weeks
    details: dict[str, list[Any]] = {"stalled": [], "overdue": [], "coming": []}
    for initiative in initiatives:
        last_update = getattr(initiative, "last_update", None)
        if is_stalled(initiative, last_update, today=today, stall_weeks=stall_weeks):
            details["stalled"].append([initiative.pk, initiative.title])
        for title, date in _dates(initiative):
            group = "overdue" if date < today else "coming" if date - today <= COMING_UP else ""
            if group:
                details[group].append([initiative.pk, initiative.title, title, date.isoformat()])
    for group in ("overdue", "coming"):
        details[group].sort(key=lambda row: (row[3], row[1]))
    return details


def _dates(initiative: Initiative) -> list[tuple[str, datetime.date]]:
    dates = [(m.title, m.due) for m in initiative.milestones.all() if not m.done]
    if initiative.review_date is not None:
        dates.append(("", initiative.review_date))
    return dates
