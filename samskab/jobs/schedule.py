"""Jobs the worker queues by itself once a day, so an installation without cron or a systemd
timer still runs them.

An app registers a task that takes the day (YYYY-MM-DD) with `run_daily`. From the setting
DAILY_AT (local time; SAMSKAB_DAILY_AT, 07:00 by default as the systemd timer's), the worker of
the default queue queues it for the day unless a run for that day is already in the queue,
queued by itself or by a command (`samskab followup` from cron). Such a task must be
idempotent: a cron run and the worker's run on one day may still both run.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

_DAILY: list[Any] = []  # tasks (django_tasks.Task) taking the day as their one argument


def run_daily(task: Any) -> Any:
    """Register a task to be queued every day; return it."""
    if task not in _DAILY:
        _DAILY.append(task)
    return task


def schedule_daily(now: datetime.datetime | None = None) -> list[str]:
    """Queue each daily task for today once it is settings.DAILY_AT, unless today's run is
    already queued (or ran); return the ids of the jobs queued."""
    local = timezone.localtime(now or timezone.now())
    if settings.DAILY_AT is None or local.time() < settings.DAILY_AT:
        return []  # off (a cron job runs them), or not yet
    day = local.date().isoformat()
    queued = []
    for task in _DAILY:
        runs = DBTaskResult.objects.filter(task_path=task.module_path, args_kwargs__args__0=day)
        if not runs.exists():
            queued.append(str(task.enqueue(day).id))
    return queued
