"""`followup`: queue a run of the follow-up at once; the worker (`samskab worker`, started
beside the web server) runs it, and also queues one by itself every morning. A second run on
one day tells nobody anything twice."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_tasks import TaskResultStatus

from samskab.initiatives.tasks import send_followup


class Command(BaseCommand):
    help = "Queue the reminders before milestones and review dates, nudges and status news."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="the day to run for, YYYY-MM-DD (default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        job = send_followup.enqueue(today.isoformat())
        if job.status == TaskResultStatus.FAILED:
            raise CommandError(f"the follow-up failed: {job.errors[-1].exception_class_path}")
        if job.is_finished:  # a queue that runs jobs at once
            self.stdout.write(f"{today.isoformat()}: {job.return_value} notification(s) sent.")
        else:
            self.stdout.write(f"{today.isoformat()}: the follow-up is queued as job {job.id}.")
