"""Benchmark the fact base on a national-scale move register.

Generates a synthetic register in the data contract's CSV format (98 municipalities, 2,150
parishes, 15 years, 10 million moves by default), then measures, each in a fresh process so that
each step's peak memory is its own:

(a) the import (load_dataset into an empty cache folder),
(b) the net-migration table through Ibis (net_migration(...).to_pandas()),
(c) the whole fact base (build_fact_base),
(d) the same net-migration table written as plain DuckDB SQL against the stored tables.

Everything stays in a temporary folder, removed at the end unless --keep DIR is given (then the
generated CSV files are reused by later runs with the same --moves and --seed).

    .venv/bin/python benchmarks/facts_national.py [--moves N] [--seed S] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samskab.facts.columns import HOUSEHOLD_TYPES

FIRST_YEAR = 2010
LAST_YEAR = 2024
PARISHES = 2_150
POPULATION = 5_900_000
PERSONS_PER_MOVE = 0.4  # distinct persons per move: about 2.5 moves per person
CHUNK = 1_000_000
GENERATOR_VERSION = 1
# Shares of the kinds of move: inside one parish, between parishes of one municipality,
# between municipalities, from abroad, to abroad.
MOVE_KINDS = (0.12, 0.38, 0.38, 0.06, 0.06)
UNKNOWN_PARISH = 0.01  # share of domestic ends whose parish is not given

TARGET_RATIO = 1.5
TARGET_BUILD_SECONDS = 60.0
TARGET_PEAK_BYTES = 4 * 1024**3


# ---------------------------------------------------------------------------------------------
# The register
# ---------------------------------------------------------------------------------------------


def _geography(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Return parishes (code, municipality, area index, 2010 population), grouped by
    municipality, and the areas' names and municipalities."""
    from samskab.facts.municipalities import MUNICIPALITIES

    codes = np.array([m.code for m in MUNICIPALITIES if m.code != 411])
    weights = rng.lognormal(0.0, 0.6, len(codes))
    for code, factor in ((101, 12.0), (751, 6.0), (461, 4.0), (851, 4.0), (147, 2.0)):
        weights[codes == code] *= factor
    weights /= weights.sum()
    # At least 6 parishes per municipality, the rest roughly in proportion to its size.
    minimum = 6
    spare = PARISHES - minimum * len(codes)
    share = weights**0.8 / (weights**0.8).sum() * spare
    counts = minimum + np.floor(share).astype(int)
    rest = PARISHES - counts.sum()
    counts[np.argsort(share - np.floor(share))[::-1][:rest]] += 1
    parish_codes = np.sort(rng.choice(np.arange(1000, 10000), PARISHES, replace=False))
    municipality = np.repeat(codes, counts)
    population = np.empty(PARISHES)
    area_of = np.empty(PARISHES, dtype=np.int64)
    area_names: list[str] = []
    area_municipality: list[int] = []
    start = 0
    for code, count, weight in zip(codes, counts, weights, strict=True):
        shares = rng.gamma(2.0, 1.0, count)
        population[start : start + count] = POPULATION * weight * shares / shares.sum()
        areas = int(np.clip(count // 3, 5, 10))
        for number, part in enumerate(np.array_split(np.arange(count), areas), start=1):
            area_of[start + part] = len(area_names)
            area_names.append(f"Område {code}-{number}")
            area_municipality.append(int(code))
        start += count
    return {
        "parish": parish_codes,
        "municipality": municipality,
        "population": population,
        "area_of": area_of,
        "first": np.repeat(np.cumsum(counts) - counts, counts),
        "count": np.repeat(counts, counts),
        "area_names": np.array(area_names),
        "area_municipality": np.array(area_municipality),
    }


def _write_areas(geo: dict[str, np.ndarray], path: Path, rng: np.random.Generator) -> None:
    # Rows in a shuffled order, as a user's file might be; area order is first appearance.
    order = rng.permutation(PARISHES)
    table = pa.table(
        {
            "parish": geo["parish"][order],
            "area": geo["area_names"][geo["area_of"]][order],
            "municipality": geo["municipality"][order],
        }
    )
    _write_csv(table, path)


def _write_population(geo: dict[str, np.ndarray], path: Path, rng: np.random.Generator) -> None:
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    growth = rng.normal(0.004, 0.006, PARISHES)
    middle = (FIRST_YEAR + LAST_YEAR) / 2
    counts = geo["population"][None, :] * (1 + growth[None, :] * (years[:, None] - middle))
    table = pa.table(
        {
            "year": np.repeat(years, PARISHES),
            "parish": np.tile(geo["parish"], len(years)),
            "population": np.maximum(np.rint(counts), 0).astype(np.int64).ravel(),
        }
    )
    _write_csv(table, path)


def _moves_chunk(
    geo: dict[str, np.ndarray], rng: np.random.Generator, n: int, persons: int
) -> pa.Table:
    cumulative = np.cumsum(geo["population"])
    cumulative /= cumulative[-1]

    def parishes(size: int) -> np.ndarray:
        return np.minimum(np.searchsorted(cumulative, rng.random(size)), PARISHES - 1)

    kind = rng.choice(len(MOVE_KINDS), n, p=MOVE_KINDS)
    origin = parishes(n)
    destination = parishes(n)
    inside = kind == 0
    destination[inside] = origin[inside]
    local = kind == 1
    first, count = geo["first"][origin[local]], geo["count"][origin[local]]
    step = rng.integers(1, count)  # never the same parish
    destination[local] = first + (origin[local] - first + step) % count
    from_abroad, to_abroad = kind == 3, kind == 4

    def ends(index: np.ndarray, abroad: np.ndarray) -> tuple[pa.Array, pa.Array]:
        municipality = pa.array(geo["municipality"][index]).cast(pa.string())
        municipality = pc.if_else(pa.array(abroad), "abroad", municipality)
        unknown = abroad | (rng.random(n) < UNKNOWN_PARISH)
        return municipality, pa.array(geo["parish"][index], mask=unknown)

    from_municipality, from_parish = ends(origin, from_abroad)
    to_municipality, to_parish = ends(destination, to_abroad)
    days = (LAST_YEAR - FIRST_YEAR + 1) * 365 + sum(
        1 for y in range(FIRST_YEAR, LAST_YEAR + 1) if y % 4 == 0
    )
    dates = np.datetime64(f"{FIRST_YEAR}-01-01") + rng.integers(0, days, n).astype("timedelta64[D]")
    person = pc.binary_join_element_wise(
        "p", pa.array(rng.integers(0, persons, n)).cast(pa.string()), ""
    )
    age = np.clip(np.rint(rng.gamma(4.0, 8.0, n)), 0, 105).astype(np.int64)
    household = pa.array(
        np.array(HOUSEHOLD_TYPES)[rng.choice(5, n, p=(0.35, 0.08, 0.22, 0.25, 0.10))],
        mask=rng.random(n) < 0.02,
    )
    sex = np.where(rng.random(n) < 0.5, "M", "F")
    return pa.table(
        {
            "move_date": pa.array(dates.astype("datetime64[D]")),
            "from_municipality": from_municipality,
            "to_municipality": to_municipality,
            "from_parish": from_parish,
            "to_parish": to_parish,
            "person_id": person,
            "age": pa.array(age, mask=rng.random(n) < 0.005),
            "household_type": household,
            "sex": sex,
        }
    )


def _write_csv(table: pa.Table, path: Path) -> None:
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="none"))


def generate(folder: Path, moves: int, seed: int) -> dict[str, Path]:
    """Write areas.csv, population.csv and moves.csv into `folder`; return their paths."""
    rng = np.random.default_rng(seed)
    geo = _geography(rng)
    paths = {name: folder / f"{name}.csv" for name in ("areas", "population", "moves")}
    _write_areas(geo, paths["areas"], rng)
    _write_population(geo, paths["population"], rng)
    persons = max(1, int(moves * PERSONS_PER_MOVE))
    writer: pacsv.CSVWriter | None = None
    try:
        for start in range(0, moves, CHUNK):
            chunk = _moves_chunk(geo, rng, min(CHUNK, moves - start), persons)
            if writer is None:
                options = pacsv.WriteOptions(quoting_style="none")
                writer = pacsv.CSVWriter(paths["moves"], chunk.schema, write_options=options)
            writer.write_table(chunk)
    finally:
        if writer is not None:
            writer.close()
    return paths


def register(folder: Path, moves: int, seed: int) -> tuple[dict[str, Path], float | None]:
    """Return the register's files, generating them unless `folder` holds the same register;
    with the generation's wall time (None when reused)."""
    stamp = folder / "register.json"
    wanted = {"version": GENERATOR_VERSION, "moves": moves, "seed": seed}
    paths = {name: folder / f"{name}.csv" for name in ("areas", "population", "moves")}
    reusable = all(p.exists() for p in paths.values())
    if reusable and stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return paths, None
    stamp.unlink(missing_ok=True)
    started = time.perf_counter()
    paths = generate(folder, moves, seed)
    elapsed = time.perf_counter() - started
    stamp.write_text(json.dumps(wanted) + "\n")
    return paths, elapsed


# ---------------------------------------------------------------------------------------------
# The steps, each run in a fresh process
# ---------------------------------------------------------------------------------------------


def _peak() -> int:
    """Return this process's peak resident memory in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _load(files: dict[str, str], cache: str) -> Any:
    from samskab.facts.store import load_dataset

    return load_dataset(
        areas=Path(files["areas"]),
        population=Path(files["population"]),
        moves=Path(files["moves"]),
        cache_dir=Path(cache),
    )


def step_import(files: dict[str, str], cache: str) -> dict[str, Any]:
    """Import into an empty cache folder; time the importer's phases as well."""
    from samskab.facts import importer

    phases: dict[str, float] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    importer._stage = timed("stage (read CSV as text)", importer._stage)
    importer._validate = timed("validate (checks)", importer._validate)
    importer._create_typed = timed("typed tables", importer._create_typed)
    started = time.perf_counter()
    data = _load(files, cache)
    elapsed = time.perf_counter() - started
    rows = data.moves.count().to_pyarrow().as_py()
    return {
        "seconds": elapsed,
        "peak": _peak(),
        "path": str(data.path),
        "rows": rows,
        "phases": phases,
        "warnings": list(data.warnings),
    }


def step_net_migration(files: dict[str, str], cache: str, runs: int) -> dict[str, Any]:
    from samskab.facts.migration import net_migration

    data = _load(files, cache)

    def run() -> Any:
        return net_migration(data, first_year=FIRST_YEAR, last_year=LAST_YEAR).to_pandas()

    return _repeat(run, runs)


NET_MIGRATION_SQL = """
WITH period AS (
    SELECT from_area, to_area, weight::BIGINT AS w,
           from_municipality = to_municipality AS internal
    FROM moves
    WHERE year BETWEEN $first AND $last
      AND NOT same_area
),
ends AS (
    SELECT to_area AS area,
           CASE WHEN internal THEN w ELSE 0 END AS internal_in, 0 AS internal_out,
           CASE WHEN internal THEN 0 ELSE w END AS external_in, 0 AS external_out
    FROM period WHERE to_area IS NOT NULL
    UNION ALL
    SELECT from_area, 0, CASE WHEN internal THEN w ELSE 0 END,
           0, CASE WHEN internal THEN 0 ELSE w END
    FROM period WHERE from_area IS NOT NULL
),
counts AS (
    SELECT area, sum(internal_in)::BIGINT AS internal_in, sum(internal_out)::BIGINT AS internal_out,
           sum(external_in)::BIGINT AS external_in, sum(external_out)::BIGINT AS external_out
    FROM ends GROUP BY area
),
base AS (
    SELECT a.area, sum(p.population)::BIGINT AS base_population
    FROM population p JOIN areas a USING (parish)
    WHERE p.year = $first
    GROUP BY a.area
),
nets AS (
    SELECT l.area, l.area_order,
           coalesce(c.internal_in, 0) - coalesce(c.internal_out, 0) AS net_internal,
           coalesce(c.external_in, 0) - coalesce(c.external_out, 0) AS net_external,
           b.base_population
    FROM (SELECT area, min(area_order) AS area_order FROM areas GROUP BY area) l
    LEFT JOIN counts c USING (area)
    LEFT JOIN base b USING (area)
)
SELECT area, net_internal, net_external, net_internal + net_external AS net_total,
       CASE WHEN base_population > 0 THEN
           sign(net_internal + net_external)
           * ((abs(net_internal + net_external) * 2000 + base_population)
              // (base_population * 2)) / 10
       END::DOUBLE AS pct_of_base_population
FROM nets
ORDER BY area_order
"""


def step_plain_sql(database: str, runs: int) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(database, read_only=True)

    def run() -> Any:
        return con.execute(NET_MIGRATION_SQL, {"first": FIRST_YEAR, "last": LAST_YEAR}).df()

    return _repeat(run, runs)


def _repeat(run: Callable[[], Any], runs: int) -> dict[str, Any]:
    run()  # warm-up
    times = []
    frame = None
    for _ in range(runs):
        started = time.perf_counter()
        frame = run()
        times.append(time.perf_counter() - started)
    return {"seconds": statistics.median(times), "times": times, "peak": _peak(), "frame": frame}


def step_build(files: dict[str, str], cache: str, out: str) -> dict[str, Any]:
    from samskab.facts.build import Params, build_fact_base

    data = _load(files, cache)
    tables: dict[str, float] = {}
    mark = [time.perf_counter()]

    def on_table(name: str) -> None:
        now = time.perf_counter()
        tables[name] = now - mark[0]
        mark[0] = now

    started = time.perf_counter()
    manifest = build_fact_base(data, Params(FIRST_YEAR, LAST_YEAR), Path(out), on_table=on_table)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "peak": _peak(), "tables": tables, "manifest": manifest}


def in_fresh_process(function: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run function(*args) in a new spawned interpreter and return its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _gib(size: int) -> str:
    return f"{size / 1024**3:.2f} GiB"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _same(left: Any, right: Any) -> tuple[bool, str]:
    """Return whether two net-migration frames are equal row for row, and a note if not."""
    if list(left.columns) != list(right.columns):
        return False, f"columns differ: {list(left.columns)} vs {list(right.columns)}"
    if len(left) != len(right):
        return False, f"row counts differ: {len(left)} vs {len(right)}"
    for name in left.columns:
        if left[name].dtype != right[name].dtype:
            return False, f"column {name}: {left[name].dtype} vs {right[name].dtype}"
        a, b = left[name].to_numpy(), right[name].to_numpy()
        if name == "area":
            equal = list(a) == list(b)
        else:
            equal = np.array_equal(a.astype(float), b.astype(float), equal_nan=True)
        if not equal:
            return False, f"column {name} differs"
    return True, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=10_000_000, help="moves to generate")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of (b) and (d)")
    parser.add_argument("--keep", type=Path, help="work folder to keep (and reuse the register)")
    args = parser.parse_args(argv)

    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        work = args.keep.resolve()
    else:
        work = Path(tempfile.mkdtemp(prefix="samskab-national-"))
    try:
        return _benchmark(work, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _benchmark(work: Path, args: argparse.Namespace) -> int:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    print(f"machine: {os.cpu_count()} cores, {_gib(ram)} RAM, {platform.platform()}")
    print(
        f"python {platform.python_version()}, duckdb {version('duckdb')}, "
        f"ibis {version('ibis-framework')}, numpy {np.__version__}, pyarrow {pa.__version__}"
    )
    print(f"work folder: {work}" + ("" if args.keep else " (removed at the end)"))

    paths, generated = register(work, args.moves, args.seed)
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:,.0f} MB" for p in paths.values())
    if generated is None:
        print(f"register: reused ({sizes})")
    else:
        print(f"register: generated in {generated:.1f} s ({sizes})")
    print(
        f"  {args.moves:,} moves, {PARISHES:,} parishes in 98 municipalities, "
        f"{FIRST_YEAR}–{LAST_YEAR}, seed {args.seed}"
    )
    files = {name: str(path) for name, path in paths.items()}
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    out = work / "fact-base"
    shutil.rmtree(out, ignore_errors=True)

    print("\n(a) import: load_dataset into an empty cache folder")
    imported = in_fresh_process(step_import, files, str(cache))
    print(f"    {imported['seconds']:8.1f} s   peak {_gib(imported['peak'])}")
    print(f"    {imported['rows']:,} moves stored; warnings: {imported['warnings'] or 'none'}")
    for phase, seconds in imported["phases"].items():
        print(f"      {phase:<28} {seconds:7.1f} s")
    database = imported["path"]
    print(f"    store: {Path(database).stat().st_size / 1e6:,.0f} MB")

    period = f"{FIRST_YEAR}–{LAST_YEAR}"
    print(f"\n(b) net migration {period} through Ibis (median of {args.runs} after a warm-up)")
    ibis_run = in_fresh_process(step_net_migration, files, str(cache), args.runs)
    print(
        f"    {ibis_run['seconds']:8.3f} s   peak {_gib(ibis_run['peak'])}   runs "
        + " ".join(f"{t:.3f}" for t in ibis_run["times"])
    )

    print(f"\n(d) net migration {period} as plain DuckDB SQL", end="")
    print(f" (median of {args.runs} after a warm-up)")
    sql_run = in_fresh_process(step_plain_sql, database, args.runs)
    print(
        f"    {sql_run['seconds']:8.3f} s   peak {_gib(sql_run['peak'])}   runs "
        + " ".join(f"{t:.3f}" for t in sql_run["times"])
    )
    same, note = _same(ibis_run["frame"], sql_run["frame"])
    rows = len(ibis_run["frame"])
    print(f"    (d) equals (b) row for row: {'yes' if same else 'NO — ' + note} ({rows} areas)")

    print(f"\n(c) whole build {period} (build_fact_base)")
    built = in_fresh_process(step_build, files, str(cache), str(out))
    print(f"    {built['seconds']:8.1f} s   peak {_gib(built['peak'])}")
    table_rows = built["manifest"]["tables"]
    for name, seconds in built["tables"].items():
        count = table_rows.get(name, {}).get("rows")
        shown = f"{count:,} rows" if count is not None else "skipped"
        print(f"      {name:<30} {seconds:7.1f} s   {shown}")

    ratio = ibis_run["seconds"] / sql_run["seconds"] if sql_run["seconds"] else math.inf
    peak = max(imported["peak"], ibis_run["peak"], sql_run["peak"], built["peak"])
    checks = [
        (f"net migration (b)/(d) = {ratio:.2f} (target ≤ {TARGET_RATIO}×)", ratio <= TARGET_RATIO),
        (
            f"whole build {built['seconds']:.1f} s (target < {TARGET_BUILD_SECONDS:.0f} s)",
            built["seconds"] < TARGET_BUILD_SECONDS,
        ),
        (
            f"peak memory {_gib(peak)} over all steps (target < {_gib(TARGET_PEAK_BYTES)})",
            peak < TARGET_PEAK_BYTES,
        ),
        ("(d) equals (b)", same),
    ]
    print("\ntargets")
    for text, ok in checks:
        print(f"    {_verdict(ok)}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
