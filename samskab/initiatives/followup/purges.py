"""Personal data that other apps purge on every follow-up run, once its retention period has
passed (the welcome app's lists of newcomers and former residents).

An app registers its purge once (in its AppConfig.ready); `run_followup` calls every one before
it records the day's notifications, so nobody is reminded of a person already deleted."""

from __future__ import annotations

import datetime
from collections.abc import Callable

Purge = Callable[[datetime.date], int]  # deletes what expired by `today`; returns how many

_REGISTERED: dict[str, Purge] = {}


def register_purge(name: str, purge: Purge) -> None:
    """Run the purge on every follow-up from now on (registered again: replaced, not doubled)."""
    _REGISTERED[name] = purge


def run_purges(today: datetime.date) -> dict[str, int]:
    """Run every registered purge; return how many records each deleted."""
    return {name: purge(today) for name, purge in _REGISTERED.items()}
