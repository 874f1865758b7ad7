"""What the follow-up has found due: a notification to record for some people."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from django.contrib.auth.models import User


class Repeat(enum.Enum):
    """How often the same thing is told to the same person."""

    ONCE = "once"  # a reminder: once for each date and stage
    WEEKLY = "weekly"  # while it lasts: overdue, stalled, the digest
    DAILY = "daily"  # status news: once a day at most


@dataclasses.dataclass(frozen=True)
class Due:
    """What is due to be told: a kind and key, to whom, with what fields, how often."""

    kind: str
    key: str
    people: list[User]
    fields: dict[str, Any]
    repeat: Repeat
