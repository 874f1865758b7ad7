"""The `samskab facts net-migration` and `samskab facts build` commands."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from samskab.facts.bands import DEFAULT_AGE_BANDS, parse_age_bands
from samskab.facts.output import FORMATS, is_url, print_table, publish

# Ibis and DuckDB are imported when a command runs, so that `samskab --help` answers at once.
if TYPE_CHECKING:
    from samskab.facts.store import Dataset


def register(facts: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add net-migration and build to the `samskab facts` commands."""
    net = facts.add_parser("net-migration", help="net migration per area for a period")
    _dataset_arguments(net)
    net.add_argument("--format", choices=FORMATS, default="table")
    net.add_argument(
        "--with-totals",
        action="store_true",
        help="CSV and JSON: add the rows 'Parish unknown or outside the areas' and 'Total' "
        "after the areas (the table format always shows them)",
    )
    net.set_defaults(handler=run_net_migration)

    build = facts.add_parser("build", help="write the whole fact base into a folder")
    _dataset_arguments(build)
    build.add_argument(
        "--out",
        required=True,
        metavar="FOLDER_OR_URL",
        help="folder for the tables, or an object store's folder: s3://bucket/folder (s3a:// "
        "too), abfss://container@account.dfs.core.windows.net/folder, gs://bucket/folder, "
        "hdfs://host/folder",
    )
    build.add_argument(
        "--age-bands", default=DEFAULT_AGE_BANDS, help="e.g. 0-17,18-29,30-44,45-64,65+"
    )
    build.add_argument(
        "--suppress-below",
        type=int,
        default=None,
        metavar="N",
        help="hide counts from 1 to N-1 (small-cell suppression), e.g. 5",
    )
    build.set_defaults(handler=run_build)


def _dataset_arguments(parser: argparse.ArgumentParser) -> None:
    # Files as text: with --engine spark they may be URLs (s3a://bucket/moves.csv).
    register = parser.add_mutually_exclusive_group(required=True)
    register.add_argument("--moves", help="moves.csv (one row per move)")
    register.add_argument("--flows", help="flows.csv (counted moves)")
    parser.add_argument("--areas", required=True)
    parser.add_argument("--population", required=True)
    parser.add_argument("--from", dest="first_year", type=int, required=True, metavar="YEAR")
    parser.add_argument("--to", dest="last_year", type=int, required=True, metavar="YEAR")
    parser.add_argument("--municipality", type=_municipality, default=None, metavar="CODE")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="where imported datasets are kept (default: the user's cache folder; DuckDB only)",
    )
    parser.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="duckdb (default): this machine; spark: Spark reads, checks and analyses the files "
        "(CSV or Parquet, local paths or s3a://, abfss://, hdfs:// URLs)",
    )
    parser.add_argument(
        "--spark-master",
        metavar="URL",
        default=None,
        help="with --engine spark: spark://host:7077, yarn, k8s://… (default: local[*])",
    )
    parser.add_argument(
        "--spark-conf",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        type=_setting,
        help="with --engine spark: a Spark setting, e.g. spark.executor.memory=8g (repeatable)",
    )


def _municipality(text: str) -> int:
    from samskab.facts.municipalities import municipality_codes

    if text.isdigit() and int(text) in municipality_codes():
        return int(text)
    raise argparse.ArgumentTypeError(f"'{text}' is not an official municipality code such as 760")


def _setting(text: str) -> tuple[str, str]:
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not KEY=VALUE, e.g. spark.driver.memory=4g")
    return key.strip(), value.strip()


def _load(args: argparse.Namespace) -> Dataset:
    if args.engine == "spark":
        from samskab.facts.spark_engine import load_with_spark

        data = load_with_spark(
            areas=args.areas,
            population=args.population,
            moves=args.moves,
            flows=args.flows,
            master=args.spark_master or "local[*]",
            conf=dict(args.spark_conf),
        )
    else:
        from samskab.facts.store import load_dataset

        data = load_dataset(
            areas=Path(args.areas),
            population=Path(args.population),
            moves=Path(args.moves) if args.moves else None,
            flows=Path(args.flows) if args.flows else None,
            cache_dir=args.cache_dir,
        )
    for warning in data.warnings:
        print(f"samskab: warning: {warning}", file=sys.stderr)
    return data


def run_net_migration(args: argparse.Namespace) -> int:
    """Print net migration per area, then each municipality's rest and total rows: always in
    the table format; in CSV and JSON, whose contract is one row per area, with --with-totals
    (the JSON objects then say which kind of row each is, in `area_kind`)."""
    from samskab.facts.migration import TOTALS_NOTE, net_migration

    data = _load(args)
    table = net_migration(
        data,
        first_year=args.first_year,
        last_year=args.last_year,
        municipality=args.municipality,
        totals=args.format == "table" or args.with_totals,
    ).to_pandas()
    if args.format != "json" or not args.with_totals:
        table = table.drop(columns="area_kind", errors="ignore")
    title = f"Net migration {args.first_year}–{args.last_year}"
    print_table(table, args.format, title=title, note=TOTALS_NOTE)
    return 0


def run_build(args: argparse.Namespace) -> int:
    """Write the fact base, with a progress bar on a terminal."""
    from rich.progress import Progress

    from samskab.facts.build import SPECS, Params, build_fact_base

    params = Params(
        args.first_year, args.last_year, args.municipality, parse_age_bands(args.age_bands)
    )
    data = _load(args)
    remote = is_url(args.out)
    with tempfile.TemporaryDirectory(prefix="samskab-build-") as staging:
        # To an object store the tables go once all are built: a failed build writes nothing.
        out = Path(staging) if remote else Path(args.out)
        with Progress(disable=not sys.stderr.isatty(), transient=True) as progress:
            task = progress.add_task("Building the fact base", total=len(SPECS))
            manifest = build_fact_base(
                data,
                params,
                out,
                suppress_below=args.suppress_below,
                on_table=lambda name: progress.advance(task),
            )
        if remote:
            publish(out, args.out)
    tables: dict[str, dict[str, int]] = manifest["tables"]  # type: ignore[assignment]
    print(f"Wrote {len(tables)} tables to {args.out.split('?')[0]}:")
    for name, info in tables.items():
        print(f"  {name:32} {info['rows']:>9,} rows")
    skipped: dict[str, str] = manifest["skipped"]  # type: ignore[assignment]
    for name, reason in skipped.items():
        print(f"  {name:32} skipped: {reason}")
    return 0
