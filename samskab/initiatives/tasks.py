"""The initiatives' background job: the daily follow-up's notifications and mail.

Queued jobs name the task by its dotted path; those queued while it lived in the workshops app
are renamed by migration 0001 of this app."""

from __future__ import annotations

import datetime

from django_tasks import task

from samskab.initiatives.followup.run import run_followup


@task()
def send_followup(day: str) -> int:
    """Send every notification due on `day` (YYYY-MM-DD); return how many were sent."""
    return run_followup(datetime.date.fromisoformat(day))
