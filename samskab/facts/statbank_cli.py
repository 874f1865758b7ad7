"""The `samskab facts` subcommands for Statistics Denmark: municipality-balance, fetch-statbank,
public."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from samskab.facts.bands import DEFAULT_AGE_BANDS, parse_age_bands
from samskab.facts.errors import FactsError
from samskab.facts.municipalities import municipality_name, resolve_municipality
from samskab.facts.output import FORMATS, print_table, records


def register(facts: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add municipality-balance and fetch-statbank to the `samskab facts` subcommands."""
    balance = facts.add_parser(
        "municipality-balance",
        help="moves in, out and net per municipality from StatBank FLY66 files",
        description="Read StatBank FLY66 (web downloads in any layout, API CSV or BULK) and "
        "print, per municipality, the moves from and to the other Danish municipalities. What "
        "was read (files, lines, observations, moves, years, municipalities) goes to standard "
        "error with --format table or csv, and into the object with --format json.",
    )
    balance.add_argument(
        "--statbank",
        nargs="+",
        type=Path,
        required=True,
        metavar="FILE_OR_DIR",
        help="FLY66 files, or folders of .csv/.txt files",
    )
    _add_period(balance)
    balance.add_argument("--municipality", help="only this municipality (code, e.g. 760, or name)")
    balance.add_argument("--format", choices=FORMATS, default="table", help="default: table")
    balance.set_defaults(handler=run_balance)

    fetch = facts.add_parser(
        "fetch-statbank",
        help="download a municipality's public fact base from the StatBank API",
        description="Download FLY66, BEV107, FOLK1A and KM1 for a municipality and period from "
        "api.statbank.dk into CSV files.",
    )
    fetch.add_argument("--municipality", required=True, help="code (760) or name")
    _add_period(fetch)
    fetch.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write")
    fetch.set_defaults(handler=run_fetch)

    public = facts.add_parser(
        "public",
        help="the public fact base of every municipality from StatBank",
        description="Build, for every municipality and each year of the period, what Statistics "
        "Denmark publishes: moves between municipalities and net migration (FLY66), moves in, "
        "out, immigration and emigration (BEV107), population (FOLK1A) and population per "
        "parish (KM1), as CSV and Parquet files with a manifest.json that says what was read "
        "and holds the figures against each other. The tables are read from --statbank, a "
        "folder of files named by their table (FLY66..., BEV107..., FOLK1A..., KM1...); "
        "without it they are downloaded from api.statbank.dk into DIR/statbank.",
    )
    _add_period(public)
    public.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write")
    public.add_argument(
        "--statbank", type=Path, metavar="FOLDER", help="StatBank files (default: download)"
    )
    public.add_argument(
        "--age-bands",
        default=DEFAULT_AGE_BANDS,
        metavar="BANDS",
        help=f"the age bands of the flows by age (default: {DEFAULT_AGE_BANDS})",
    )
    public.set_defaults(handler=run_public)


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first_year", type=int, required=True, metavar="YEAR")
    parser.add_argument("--to", dest="last_year", type=int, required=True, metavar="YEAR")


def run_balance(
    args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Print the municipality balance and what was read; return the exit status (0)."""
    from samskab.facts.statbank import municipality_balance, read_statbank

    code = _municipality(args.municipality) if args.municipality else None
    read = read_statbank(args.statbank)
    first, last = args.first_year, args.last_year
    everyone = municipality_balance(read.moves, first_year=first, last_year=last)
    balance = municipality_balance(read.moves, first_year=first, last_year=last, municipality=code)
    between = int(everyone["moves_in"].sum())
    out = stdout or sys.stdout
    if args.format == "json":
        period = {"first_year": first, "last_year": last, "moves_between_municipalities": between}
        answer = {**read.summary(), "period": period, "balance": records(balance)}
        json.dump(answer, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    print(read.describe(), file=stderr or sys.stderr)
    print(
        f"Moves between municipalities in {first}-{last}: {between:,}.", file=stderr or sys.stderr
    )
    title = f"Moves between municipalities, {first}-{last} (StatBank FLY66)"
    print_table(balance, args.format, title=title, stream=out)
    return 0


def run_fetch(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """Download the fact base and list the files written; return the exit status (0)."""
    from samskab.facts.statbank_api import fetch_fact_base

    code = _municipality(args.municipality)
    paths = fetch_fact_base(code, args.first_year, args.last_year, args.out)
    out = stdout or sys.stdout
    print(
        f"StatBank tables for {municipality_name(code)} ({code}) written to {args.out}:", file=out
    )
    for path in paths:
        print(f"  {path}", file=out)
    return 0


def run_public(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """Build the public fact base and say what was read and written; return 0."""
    from samskab.facts.public import build_public, public_fact_base
    from samskab.facts.statbank_api import fetch_public

    folder = args.statbank
    if folder is None:
        folder = args.out / "statbank"
        fetch_public(args.first_year, args.last_year, folder)
    bands = parse_age_bands(args.age_bands)
    result = public_fact_base(folder, args.first_year, args.last_year, bands)
    manifest = build_public(result, args.out)
    out = stdout or sys.stdout
    print(f"Public fact base {args.first_year}-{args.last_year} from {folder}:", file=out)
    for table, read in manifest["read"].items():
        files = len(read["files"])
        moves = f", {read['moves']:,} moves" if "moves" in read else ""
        print(f"  read {table}: {files} file{'s' if files != 1 else ''}, {read['lines']:,} "
              f"lines, {read['observations']:,} observations{moves}", file=out)  # fmt: skip
    for name, table in manifest["tables"].items():
        print(f"  wrote {name}: {table['rows']:,} rows", file=out)
    for name, reason in manifest["skipped"].items():
        print(f"  left out {name}: {reason}", file=out)
    for name in manifest["ignored_files"]:
        print(f"  not read: {name} (its name starts with no table's name)", file=out)
    _print_checks(manifest["checks"], out)
    print(f"Written to {args.out} (manifest.json says the same).", file=out)
    return 0


def _print_checks(checks: dict[str, object], out: TextIO) -> None:
    against = checks.get("fly66_against_bev107")
    if isinstance(against, dict):
        if against["differ"]:
            print(f"  check: FLY66 and BEV107 differ on the moves in or out of "
                  f"{against['differ']:,} of {against['compared']:,} municipality-years (at "
                  f"most {against['largest_difference']:,} moves; the two tables are compiled "
                  "apart)", file=out)  # fmt: skip
        else:
            print(f"  check: FLY66 and BEV107 agree on the moves in and out of all "
                  f"{against['compared']:,} municipality-years", file=out)  # fmt: skip
    ages = checks.get("flows_by_age_against_flows")
    if isinstance(ages, dict) and not ages["differ"]:
        print(f"  check: the flows by age add up to the flows of all {ages['compared']:,} pairs "
              "of municipalities and years", file=out)  # fmt: skip
    for year in checks.get("population_against_country") or []:  # type: ignore[attr-defined]
        same = "=" if year["municipalities"] == year["country"] else "≠"
        print(f"  check: population {year['year']}: municipalities {year['municipalities']:,} "
              f"{same} country {year['country']:,}", file=out)  # fmt: skip


def _municipality(label: str) -> int:
    code = resolve_municipality(label)
    if code is None:
        raise FactsError(f"--municipality {label}: not a Danish municipality (e.g. 760 or Herning)")
    return code
