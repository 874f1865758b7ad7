"""The daily follow-up: reminders before milestones and review dates, nudges for stalled
initiatives, and news for everyone who scored an idea when its initiative changes status.

Every message is a Notification (shown in the app) and an email through Django's backend. The
constraint on Notification makes a second run on the same day send nothing twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.workshops.actions import workshop_settings
from samskab.workshops.health import is_stalled
from samskab.workshops.initiative_actions import stewards
from samskab.workshops.initiative_models import Initiative, Notification

REMIND_DAYS = (7, 1)  # reminders this many days before a milestone or review date
NUDGE_EVERY = datetime.timedelta(days=7)  # a stalled initiative is nudged once a week

Kind = Notification.Kind


def run_followup(today: datetime.date, *, email: bool = True) -> int:
    """Send every notification due on `today`; return how many were sent."""
    sent = 0
    initiatives = Initiative.objects.select_related("project", "owner", "contact", "idea")
    initiatives = initiatives.prefetch_related("milestones").annotate(
        last_update=Max("updates__created")
    )
    for initiative in initiatives:
        if initiative.is_open:
            sent += _reminders(initiative, today, email=email)
            sent += _nudge_if_stalled(initiative, today, email=email)
        if initiative.status != initiative.notified_status:
            sent += _status_news(initiative, today, email=email)
    return sent


def _reminders(initiative: Initiative, today: datetime.date, *, email: bool) -> int:
    people, sent = stewards(initiative), 0
    for milestone in initiative.milestones.all():
        days = (milestone.due - today).days
        if not milestone.done and days in REMIND_DAYS:
            extra = {"milestone": milestone, "days_left": days}
            sent += _notify(
                Kind.MILESTONE, initiative, people, today, f"m{milestone.pk}", extra, email
            )
    if initiative.review_date is not None:
        days = (initiative.review_date - today).days
        if days in REMIND_DAYS:
            sent += _notify(Kind.REVIEW, initiative, people, today, "", {"days_left": days}, email)
    return sent


def _nudge_if_stalled(initiative: Initiative, today: datetime.date, *, email: bool) -> int:
    stall_weeks = workshop_settings(initiative.project).stall_weeks
    last_update = initiative.last_update  # type: ignore[attr-defined]
    if not is_stalled(initiative, last_update, today=today, stall_weeks=stall_weeks):
        return 0
    recent = Notification.objects.filter(
        kind=Kind.STALLED, initiative=initiative, day__gt=today - NUDGE_EVERY
    ).values_list("recipient_id", flat=True)
    people = [p for p in stewards(initiative) if p.pk not in set(recent)]
    return _notify(Kind.STALLED, initiative, people, today, "", {"days_left": stall_weeks}, email)


def _status_news(initiative: Initiative, today: datetime.date, *, email: bool) -> int:
    scorers = User.objects.filter(scores__idea=initiative.idea_id) if initiative.idea_id else []
    extra = {"status": initiative.status}
    sent = _notify(Kind.STATUS, initiative, scorers, today, initiative.status, extra, email)
    initiative.notified_status = initiative.status
    initiative.save(update_fields=["notified_status"])
    return sent


def _notify(
    kind: str,
    initiative: Initiative,
    people: Iterable[User],
    today: datetime.date,
    key: str,
    extra: dict,
    email: bool,
) -> int:
    """Record and send one notification to each person not yet told this today."""
    sent = 0
    for person in people:
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    kind=kind, initiative=initiative, recipient=person, day=today, key=key, **extra
                )
        except IntegrityError:
            continue  # already sent today
        sent += 1
        if email and person.email:
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("samskab: %(title)s") % {"title": initiative.title}
                send_mail(subject, describe(notification), None, [person.email])
    return sent


def describe(notification: Notification) -> str:
    """Return the notification's message in the active language."""
    title = notification.initiative.title
    days = notification.days_left or 0
    if notification.kind == Kind.MILESTONE and notification.milestone is not None:
        milestone = notification.milestone
        return ngettext(
            "The milestone “%(milestone)s” of “%(title)s” is due tomorrow (%(date)s).",
            "The milestone “%(milestone)s” of “%(title)s” is due in %(days)d days (%(date)s).",
            days,
        ) % {"milestone": milestone.title, "title": title, "days": days,
             "date": date_format(milestone.due)}  # fmt: skip
    if notification.kind == Kind.REVIEW:
        review = notification.initiative.review_date
        return ngettext(
            "“%(title)s” is up for review tomorrow (%(date)s).",
            "“%(title)s” is up for review in %(days)d days (%(date)s).",
            days,
        ) % {"title": title, "days": days, "date": date_format(review) if review else ""}
    if notification.kind == Kind.STALLED:
        return _(
            "“%(title)s” has had no progress update for %(weeks)d weeks or more. "
            "Post an update, or change its status if it has stopped."
        ) % {"title": title, "weeks": days}
    status = Initiative.Status(notification.status).label if notification.status else ""
    return _("“%(title)s”, which grew from an idea you scored, is now: %(status)s.") % {
        "title": title,
        "status": status,
    }
