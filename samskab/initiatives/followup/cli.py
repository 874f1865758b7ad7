"""`samskab followup`: queue the follow-up of a data folder at once (the worker also runs it
daily by itself; from cron, a second run on one day tells nobody anything twice)."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path


def register(top: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `samskab followup` to the top-level commands."""
    followup = top.add_parser(
        "followup", help="send reminders and nudges for initiatives (run daily)"
    )
    followup.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="folder with the web application's database (default: ./data)",
    )
    followup.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        help="the day to run for, YYYY-MM-DD (default: today)",
    )
    followup.set_defaults(handler=run_followup_command)


def run_followup_command(args: argparse.Namespace) -> int:
    """Set up Django on the data folder and run the `followup` management command."""
    from samskab.web_commands import setup_django

    setup_django(args.data_dir, local_http=False)
    from django.core.management import call_command

    options = {"today": args.today} if args.today else {}
    call_command("followup", **options)
    return 0
