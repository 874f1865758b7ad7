"""Notifications that an app above the initiatives adds to the follow-up (the evaluation's
invitations and reminders): what is due, what it says, and its mail's subject and link.

An app registers its notices once (in its AppConfig.ready); the follow-up records them with
its own rules (once, weekly, daily) and mails them like every other notification."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from samskab.initiatives.followup.due import Due
from samskab.initiatives.models import Notification


@dataclass(frozen=True)
class ProjectNotices:
    """A kind of project notification: `dues(today)` returns (project id, due) pairs,
    `describe` the message in the active language, `subject_and_link` the mail's subject
    and the absolute address it points to."""

    kind: str
    dues: Callable[[datetime.date], list[tuple[int, Due]]]
    describe: Callable[[Notification], str]
    subject_and_link: Callable[[Notification], tuple[str, str]]


_REGISTERED: dict[str, ProjectNotices] = {}


def register(notices: ProjectNotices) -> None:
    """Add the notices to every follow-up run from now on (again: replaced, not doubled)."""
    _REGISTERED[notices.kind] = notices


def registered() -> list[ProjectNotices]:
    return list(_REGISTERED.values())


def notices_of(kind: str) -> ProjectNotices | None:
    """Return the registered notices of the kind, or None for the follow-up's own kinds."""
    return _REGISTERED.get(kind)
