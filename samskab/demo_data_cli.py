"""`samskab demo-data DIR [--seed N]`: write a fictional municipality in the contract's format."""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path


def register(top: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `samskab demo-data` to the top-level commands."""
    parser = top.add_parser(
        "demo-data",
        help="write synthetic moves, areas, population and parish boundaries to try samskab on",
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="folder to write the files into")
    parser.add_argument("--seed", type=int, default=2016, help="random seed (default: 2016)")
    parser.set_defaults(handler=run_demo_data)


def run_demo_data(args: argparse.Namespace) -> int:
    """Write the demo files into DIR and print what they hold; return the exit status."""
    from samskab.demo_data import write_demo_data

    paths = write_demo_data(args.dir, seed=args.seed)
    print(f"Wrote synthetic demo data (seed {args.seed}) to {args.dir}/:")
    for path in paths.values():
        print(f"  {path.name}")
    for line in _summary(paths):
        print(line)
    return 0


def _rows(path: Path) -> list[dict[str, str]]:
    """Return the rows of a CSV file as dictionaries."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _summary(paths: dict[str, Path]) -> list[str]:
    """Return lines that describe the files: parishes, areas, residents and moves per year."""
    areas = _rows(paths["areas"])
    population = _rows(paths["population"])
    first = min(int(row["year"]) for row in population)
    residents = sum(int(row["population"]) for row in population if int(row["year"]) == first)
    per_year = Counter(row["move_date"][:4] for row in _rows(paths["moves"]))
    lines = [
        f"Parishes: {len(areas)}, areas: {len({row['area'] for row in areas})}",
        f"Residents on 1 January {first}: {residents:,}",
        "Moves per year:",
    ]
    lines += [f"  {year}: {count:,}" for year, count in sorted(per_year.items())]
    return lines
