"""The `samskab` command line. Each command returns an exit status; a user never sees a
traceback: errors in input are printed as the fact base words them, with exit status 2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from samskab.common.texts import cli_language
from samskab.facts.cpr import redact
from samskab.facts.errors import FactsError


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every samskab command."""
    from samskab import demo_command, demo_data_cli, web_commands, worker_command
    from samskab.facts import boundaries_cli, commands, statbank_cli
    from samskab.handbook import cli as handbook_cli
    from samskab.initiatives.followup import cli as followup_cli
    from samskab.segments import commands as segments_commands

    parser = argparse.ArgumentParser(
        prog="samskab",
        description="Settlement co-creation for municipalities and village associations.",
    )
    top = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    facts = top.add_parser("facts", help="build and query the fact base on moves").add_subparsers(
        dest="facts_command", metavar="COMMAND", required=True
    )
    commands.register(facts)
    statbank_cli.register(facts)
    boundaries_cli.register(facts)
    segments_commands.register(top)
    demo_data_cli.register(top)
    demo_command.register(top)
    web_commands.register(top)
    worker_command.register(top)
    followup_cli.register(top)
    handbook_cli.register(top)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.handler(args)
    except FactsError as error:
        print(f"samskab: {error.text(cli_language())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: say so plainly; SAMSKAB_DEBUG=1 shows the traceback
        if _is_configuration_error(error):
            print(f"samskab: {error}", file=sys.stderr)
            return 2
        if os.environ.get("SAMSKAB_DEBUG"):
            raise
        # A library's error text may quote a value of the input: never a CPR-shaped one.
        print(
            redact(f"samskab: internal error ({type(error).__name__}: {error}); ")
            + "run with SAMSKAB_DEBUG=1 for details",
            file=sys.stderr,
        )
        return 1
    return status


def _is_configuration_error(error: Exception) -> bool:
    """Return whether Django refused its settings (a missing secret key, a bad address)."""
    exceptions = sys.modules.get("django.core.exceptions")
    return exceptions is not None and isinstance(error, exceptions.ImproperlyConfigured)


if __name__ == "__main__":
    sys.exit(main())
