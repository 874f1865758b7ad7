"""What a follow-up notification says, in the active language (the page's, or the mail
recipient's)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.initiatives.followup.notices import notices_of
from samskab.initiatives.models import Initiative, Notification

Kind = Notification.Kind
LinkTo = Callable[[int], str]  # an initiative's id → its address, for the digest's lines


def describe(notification: Notification, *, link_to: LinkTo | None = None) -> str:
    """Return the notification's message in the active language (a digest: several lines,
    each initiative followed by its address when `link_to` is given)."""
    registered = notices_of(notification.kind)
    if registered is not None:
        return registered.describe(notification)
    if notification.kind == Kind.DIGEST:
        return _digest(notification.details, link_to)
    title = notification.initiative.title if notification.initiative else ""
    days = notification.days_left or 0
    if notification.kind == Kind.MILESTONE and notification.milestone is not None:
        return _milestone(title, notification.milestone.title, notification.milestone.due, days)
    if notification.kind == Kind.REVIEW:
        review = notification.initiative.review_date if notification.initiative else None
        return _review(title, review, days)
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


def _milestone(title: str, milestone: str, due: datetime.date, days: int) -> str:
    values = {"milestone": milestone, "title": title, "days": abs(days), "date": date_format(due)}
    if days < 0:
        return (
            ngettext(
                "The milestone “%(milestone)s” of “%(title)s” was due %(days)d day ago (%(date)s) "
                "and is not done. Mark it done, or agree on a new date.",
                "The milestone “%(milestone)s” of “%(title)s” was due %(days)d days ago (%(date)s) "
                "and is not done. Mark it done, or agree on a new date.",
                -days,
            )
            % values
        )
    if days == 0:
        return _("The milestone “%(milestone)s” of “%(title)s” is due today (%(date)s).") % values
    return (
        ngettext(
            "The milestone “%(milestone)s” of “%(title)s” is due tomorrow (%(date)s).",
            "The milestone “%(milestone)s” of “%(title)s” is due in %(days)d days (%(date)s).",
            days,
        )
        % values
    )


def _review(title: str, review: datetime.date | None, days: int) -> str:
    values = {"title": title, "days": abs(days), "date": date_format(review) if review else ""}
    if days < 0:
        return (
            ngettext(
                "The review of “%(title)s” was due %(days)d day ago (%(date)s).",
                "The review of “%(title)s” was due %(days)d days ago (%(date)s).",
                -days,
            )
            % values
        )
    if days == 0:
        return _("“%(title)s” is up for review today (%(date)s).") % values
    return (
        ngettext(
            "“%(title)s” is up for review tomorrow (%(date)s).",
            "“%(title)s” is up for review in %(days)d days (%(date)s).",
            days,
        )
        % values
    )


def _digest(details: dict[str, list], link_to: LinkTo | None) -> str:
    headings = {
        "stalled": _("Stalled (no progress update for a while):"),
        "overdue": _("Overdue:"),
        "coming": _("Coming up in the next two weeks:"),
    }
    lines = [_("This week's overview of the open initiatives.")]
    for group, heading in headings.items():
        if details.get(group):
            lines += ["", heading]
            lines += [_digest_line(row, link_to) for row in details[group]]
    return "\n".join(lines)


def _digest_line(row: list, link_to: LinkTo | None) -> str:
    initiative_id, title = row[0], row[1]
    line = f"- {title}"
    if len(row) == 4:
        what = _("milestone “%(milestone)s”") % {"milestone": row[2]} if row[2] else _("review")
        day = date_format(datetime.date.fromisoformat(row[3]))
        line = f"- {title}: {what}, {day}"
    return f"{line}\n  {link_to(initiative_id)}" if link_to else line
