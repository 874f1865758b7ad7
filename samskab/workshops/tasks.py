"""The workshops' background job: the daily follow-up's notifications and mail."""

from __future__ import annotations

import datetime

from django_tasks import task

from samskab.workshops.followup import run_followup


@task()
def send_followup(day: str) -> int:
    """Send every notification due on `day` (YYYY-MM-DD); return how many were sent."""
    return run_followup(datetime.date.fromisoformat(day))
