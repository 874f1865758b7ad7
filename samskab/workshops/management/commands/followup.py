"""`followup`: send today's reminders, nudges and status news (run daily from cron)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from samskab.workshops.followup import run_followup


class Command(BaseCommand):
    help = "Send reminders before milestones and review dates, nudges and status news."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="the day to run for, YYYY-MM-DD (default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        sent = run_followup(today)
        self.stdout.write(f"{today.isoformat()}: {sent} notification(s) sent.")
