"""`samskab demo`: the product's main job on its embedded default, for a first look.

Writes the demo municipality's files, builds its fact base (DuckDB, no server) and prints the
headline tables.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from samskab.facts.output import print_table
from samskab.web_commands import serve, setup_django

if TYPE_CHECKING:  # the fact base is imported when the command runs
    from samskab.facts.build import Spec

HEADLINE_PERIODS = ((2008, 2013), (2019, 2024))


def register(top: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `samskab demo` to the top-level commands."""
    demo = top.add_parser("demo", help="build the demo municipality's fact base and show it")
    demo.add_argument(
        "--dir", type=Path, default=Path("demo"), help="where to write (default: ./demo)"
    )
    demo.add_argument("--seed", type=int, default=2016)
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument(
        "--no-serve",
        action="store_true",
        help="prepare everything and print the tables, but do not start the web app",
    )
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    """Write the demo data, build the fact base for 2008–2024, print the headline tables."""
    from samskab.demo_data import write_demo_data
    from samskab.facts.build import SPECS, Params, build_fact_base, compute_table
    from samskab.facts.migration import NET_MIGRATION_COLUMNS, TOTALS_NOTE
    from samskab.facts.store import load_dataset

    files = write_demo_data(args.dir / "data", seed=args.seed)
    data = load_dataset(
        areas=files["areas"],
        population=files["population"],
        moves=files["moves"],
        cache_dir=args.dir / "cache",
    )
    out = args.dir / "factbase"
    build_fact_base(data, Params(2008, 2024), out)
    for first, last in HEADLINE_PERIODS:
        table = compute_table(SPECS[0], data, Params(first, last))
        print_table(
            table[list(NET_MIGRATION_COLUMNS)],
            "table",
            title=f"Net migration per area, {first}–{last}",
            note=TOTALS_NOTE,
        )
    whole = Params(2008, 2024)
    retention = compute_table(_spec("retention"), data, whole)
    three_years = retention[retention.years_after == 3]
    print_table(
        three_years[["cohort_year", "newcomers", "stayed", "share_stayed"]],
        "table",
        title="Newcomers still living in the municipality after 3 years",
    )
    returners = compute_table(_spec("return_migration"), data, whole)
    print_table(
        returners[["year", "in_movers", "returners", "share_returners"]],
        "table",
        title="In-movers who had lived in the municipality before",
    )
    print(f"\nThe whole fact base (CSV and Parquet) is in {out}/;")
    print(f"the demo municipality's input files are in {args.dir / 'data'}/.")
    _prepare_web(args.dir)
    if not args.no_serve:
        print(f"\nThe demo runs on http://127.0.0.1:{args.port}/  (Ctrl+C stops it)")
        serve("127.0.0.1", args.port, args.dir / "web")
    return 0


def _prepare_web(folder: Path) -> None:
    """Set up the web application's database with the demo project and print the log-ins."""
    setup_django(folder / "web", local_http=True)
    from samskab.projects.demo import DEMO_USERS, seed_demo_project

    project = seed_demo_project(folder / "data")
    from samskab.factbase.demo import seed_demo_facts, seed_public_facts

    seed_demo_facts(project, folder / "data")
    seed_public_facts(folder / "data")
    from samskab.ideas.demo import seed_demo_workshops
    from samskab.initiatives.demo import seed_demo_initiatives

    seed_demo_workshops(project)
    seed_demo_initiatives(project)
    from samskab.evaluation.demo import seed_demo_evaluation

    seed_demo_evaluation(project)
    from samskab.villages.demo import seed_demo_villages

    seed_demo_villages(project)
    from samskab.housing.demo import seed_demo_housing

    seed_demo_housing(project)
    from samskab.marketing.demo import seed_demo_marketing

    seed_demo_marketing(project)
    from samskab.welcome.demo import seed_demo_welcome

    seed_demo_welcome(project)
    from samskab.segmentation.demo import seed_demo_segments

    fit = seed_demo_segments(project, folder / "data")
    from samskab.housing.demo import seed_demo_demand_from_survey

    seed_demo_demand_from_survey(fit)
    print(f"\nDemo project: {project.name}. Log in as:")
    for person in DEMO_USERS:
        role = person.role.label if person.role is not None else "outsider (no project)"
        print(f"  {person.username:12} password {person.password:18} {role}")


def _spec(name: str) -> Spec:
    from samskab.facts.build import SPECS

    return next(spec for spec in SPECS if spec.name == name)
