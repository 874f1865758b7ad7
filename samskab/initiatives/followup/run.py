"""The follow-up: reminders before milestones and review dates, notices when they are overdue,
nudges for stalled initiatives, news for an idea's scorers when its initiative changes status,
a weekly overview for each project's facilitators, and the notices other apps register
(`notices.py`: the evaluation's invitations and reminders); first it purges the personal data
whose retention period has passed (`purges.py`).

It works from state, not from the calendar: every run records whatever is due or overdue and
nobody has been told yet, whatever day it is, so a missed day loses nothing. Each notification
is shown in the app at once; its mail is sent afterwards (`followup_mail`) and marked sent only
once it went out, so a mail that failed is tried again on the next run. Two runs on one day (a
cron run and the worker's own) record nothing twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet

from samskab.initiatives.actions import stewards
from samskab.initiatives.followup.digest import digests
from samskab.initiatives.followup.due import Due, Repeat
from samskab.initiatives.followup.mail import deliver_pending
from samskab.initiatives.followup.notices import registered
from samskab.initiatives.followup.purges import run_purges
from samskab.initiatives.health import is_stalled
from samskab.initiatives.models import Initiative, Notification
from samskab.workshops.actions import workshop_settings

REMIND_DAYS = (7, 1)  # reminders this many days before a milestone or review date
OVERDUE = "overdue"
EVERY_WEEK = datetime.timedelta(days=7)  # overdue and stalled initiatives, the digest

Kind = Notification.Kind


def run_followup(today: datetime.date, *, email: bool = True) -> int:
    """Record every notification due on `today` and not yet given, then (with `email`) mail
    every one not yet mailed, also of earlier runs; return how many were recorded."""
    mail = Notification.Mail.PENDING if email else Notification.Mail.NONE
    run_purges(today)
    recorded = 0
    initiatives = list(_initiatives())
    for initiative in initiatives:
        for due in initiative_dues(initiative, today):
            recorded += _record(due, initiative.project_id, initiative, today, mail)
        if initiative.status != initiative.notified_status:
            recorded += _status_news(initiative, today, mail)
    for project_id, due in digests(initiatives, today):
        recorded += _record(due, project_id, None, today, mail)
    for notices in registered():
        for project_id, due in notices.dues(today):
            recorded += _record(due, project_id, None, today, mail)
    if email:
        deliver_pending(today)
    return recorded


def _initiatives() -> QuerySet[Initiative]:
    found = Initiative.objects.select_related("project", "owner", "contact", "idea")
    return found.prefetch_related("milestones").annotate(last_update=Max("updates__created"))


def initiative_dues(initiative: Initiative, today: datetime.date) -> list[Due]:
    """Return the reminders, overdue notices and nudge due for an open initiative."""
    if not initiative.is_open:
        return []
    people, dues = stewards(initiative), []
    for milestone in initiative.milestones.all():
        if not milestone.done:
            subject = f"m{milestone.pk}:{milestone.due.isoformat()}"
            dues += _about_date(Kind.MILESTONE, subject, milestone.due, today, people,
                                milestone=milestone)  # fmt: skip
    review = initiative.review_date
    if review is not None:
        dues += _about_date(Kind.REVIEW, f"review:{review.isoformat()}", review, today, people)
    stall_weeks = workshop_settings(initiative.project).stall_weeks
    last_update = initiative.last_update  # type: ignore[attr-defined]
    if is_stalled(initiative, last_update, today=today, stall_weeks=stall_weeks):
        dues.append(Due(Kind.STALLED, "stalled", people, {"days_left": stall_weeks},
                        Repeat.WEEKLY))  # fmt: skip
    return dues


def reminder_stage(days_left: int) -> str | None:
    """Return the stage reached `days_left` days before a date: "7" within a week, "1" on
    the last day and the day itself, "overdue" after it; None while more than a week away."""
    if days_left < 0:
        return OVERDUE
    reached = [days for days in REMIND_DAYS if days_left <= days]
    return str(min(reached)) if reached else None


def _about_date(kind: str, subject: str, date: datetime.date, today: datetime.date,
                people: list[User], **fields: Any) -> list[Due]:  # fmt: skip
    days_left = (date - today).days
    stage = reminder_stage(days_left)
    if stage is None:
        return []
    repeat = Repeat.WEEKLY if stage == OVERDUE else Repeat.ONCE
    return [Due(kind, f"{subject}:{stage}", people, {"days_left": days_left, **fields}, repeat)]


def _status_news(initiative: Initiative, today: datetime.date, mail: str) -> int:
    """Tell the idea's scorers who are still members of the project about the new status."""
    scorers: Iterable[User] = []
    if initiative.idea_id:
        scorers = User.objects.filter(
            scores__idea=initiative.idea_id, memberships__project=initiative.project_id
        ).distinct()
    status = initiative.status
    due = Due(Kind.STATUS, status, list(scorers), {"status": status}, Repeat.DAILY)
    recorded = _record(due, initiative.project_id, initiative, today, mail)
    initiative.notified_status = status
    initiative.save(update_fields=["notified_status"])
    return recorded


def _record(due: Due, project_id: int, initiative: Initiative | None, today: datetime.date,
            mail: str) -> int:  # fmt: skip
    """Record the notification for each person not yet told; return how many were."""
    told = _already_told(due, project_id, initiative, today)
    recorded = 0
    for person in due.people:
        if person.pk in told:
            continue
        state = mail if person.email else Notification.Mail.NONE
        try:
            with transaction.atomic():
                Notification.objects.create(
                    kind=due.kind, project_id=project_id, initiative=initiative,
                    recipient=person, day=today, key=due.key, mail=state, **due.fields,
                )  # fmt: skip
        except IntegrityError:
            continue  # recorded by another run at the same moment
        recorded += 1
    return recorded


def _already_told(due: Due, project_id: int, initiative: Initiative | None,
                  today: datetime.date) -> set[int]:  # fmt: skip
    told = Notification.objects.filter(
        kind=due.kind, key=due.key, project_id=project_id, initiative=initiative
    )
    if due.repeat == Repeat.WEEKLY:
        told = told.filter(day__gt=today - EVERY_WEEK)
    elif due.repeat == Repeat.DAILY:
        told = told.filter(day=today)
    return set(told.values_list("recipient_id", flat=True))
