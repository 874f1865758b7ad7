"""Benchmark the fact base on a national-scale move register.

Generates a synthetic register (national_register.py: 98 municipalities, 2,150 parishes,
2010–2024, 10 million moves by default), then measures, each run in a fresh process so that
its peak memory is its own, the best of --rounds runs:

(a) the first run: what `samskab facts net-migration` does with nothing stored (import and
    validate the three files into an empty cache folder, then the net-migration table
    2010–2024), against the reference: plain DuckDB reading the same CSV files and computing
    the same table in SQL (net_migration_sql.py); the two tables must be equal row for row;
(b) the cached run: the same with the dataset stored, against the same reference;
(c) the net-migration table through Ibis on the stored tables, against the same SQL on them
    (median of --runs after a warm-up);
(d) the whole fact base (build_fact_base), unless --no-build.

A run's time includes importing what it needs (the product Ibis and DuckDB, the reference
DuckDB), as a command started from a shell would. Everything stays in a temporary folder,
removed at the end unless --keep DIR is given (then the generated CSV files are reused by later
runs with the same --moves and --seed).

    .venv/bin/python benchmarks/facts_national.py [--moves N] [--rounds R] [--keep DIR]
"""

from __future__ import annotations

import argparse
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

import net_migration_sql
import numpy as np
import pyarrow as pa
from national_register import FIRST_YEAR, LAST_YEAR, PARISHES, register

TARGET_FIRST_RUN = 2.0  # × the reference
TARGET_CACHED_RUN = 1.2
TARGET_IMPORT_PEAK = 2 * 1024**3
TARGET_RATIO = 1.5  # Ibis against SQL on the stored tables
TARGET_BUILD_SECONDS = 60.0
TARGET_PEAK_BYTES = 4 * 1024**3


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


def step_command(files: dict[str, str], cache: str) -> dict[str, Any]:
    """Load the dataset (importing it unless `cache` holds it) and compute net migration."""
    started = time.perf_counter()
    from samskab.facts.migration import net_migration

    data = _load(files, cache)
    frame = net_migration(data, first_year=FIRST_YEAR, last_year=LAST_YEAR).to_pandas()
    elapsed = time.perf_counter() - started
    rows = data.moves.count().to_pyarrow().as_py()
    return {
        "seconds": elapsed,
        "peak": _peak(),
        "frame": frame,
        "path": str(data.path),
        "rows": rows,
        "warnings": list(data.warnings),
    }


def step_reference(files: dict[str, str]) -> dict[str, Any]:
    """Compute net migration from the CSV files in plain DuckDB SQL."""
    started = time.perf_counter()
    import duckdb

    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        frame = net_migration_sql.from_csv(con, files, FIRST_YEAR, LAST_YEAR)
    return {"seconds": time.perf_counter() - started, "peak": _peak(), "frame": frame}


def step_net_migration(files: dict[str, str], cache: str, runs: int) -> dict[str, Any]:
    from samskab.facts.migration import net_migration

    data = _load(files, cache)

    def run() -> Any:
        return net_migration(data, first_year=FIRST_YEAR, last_year=LAST_YEAR).to_pandas()

    return _repeat(run, runs)


def step_plain_sql(database: str, runs: int) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(database, read_only=True)
    return _repeat(lambda: net_migration_sql.from_store(con, FIRST_YEAR, LAST_YEAR), runs)


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
    parser.add_argument("--rounds", type=int, default=3, help="first and cached runs: best of")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of (c)")
    parser.add_argument("--no-build", action="store_true", help="skip (d), the whole build")
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
    print(f"load average at the start: {_load_average()}")
    print(f"work folder: {work}" + ("" if args.keep else " (removed at the end)"))

    paths, generated = register(work, args.moves, args.seed)
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:,.0f} MB" for p in paths.values())
    made = "reused" if generated is None else f"generated in {generated:.1f} s"
    print(f"register: {made} ({sizes})")
    print(
        f"  {args.moves:,} moves, {PARISHES:,} parishes in 98 municipalities, "
        f"{FIRST_YEAR}–{LAST_YEAR}, seed {args.seed}"
    )
    files = {name: str(path) for name, path in paths.items()}
    checks, cache = _first_and_cached_runs(work, files, args.rounds)
    checks += _on_the_store(files, cache, args.runs)
    if not args.no_build:
        checks += _whole_build(work, files, cache)
    print(f"\ntargets (load average at the end: {_load_average()})")
    for text, ok in checks:
        print(f"    {_verdict(ok)}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _first_and_cached_runs(
    work: Path, files: dict[str, str], rounds: int
) -> tuple[list[tuple[str, bool]], str]:
    """Run (a) and (b) `rounds` times, each after the reference; return the checks and the
    cache folder of the last round."""
    period = f"{FIRST_YEAR}–{LAST_YEAR}"
    print(f"\n(a) first run and (b) cached run of net migration {period}, best of {rounds}")
    results: dict[str, list[dict[str, Any]]] = {"reference": [], "first": [], "cached": []}
    cache = ""
    for number in range(1, rounds + 1):
        cache = str(work / f"cache-{number}")
        shutil.rmtree(cache, ignore_errors=True)
        results["reference"].append(in_fresh_process(step_reference, files))
        results["first"].append(in_fresh_process(step_command, files, cache))
        results["cached"].append(in_fresh_process(step_command, files, cache))
        print(
            f"    round {number}: reference {results['reference'][-1]['seconds']:.2f} s, "
            f"first {results['first'][-1]['seconds']:.2f} s, "
            f"cached {results['cached'][-1]['seconds']:.2f} s   (load {_load_average()})"
        )
    best = {kind: min(runs, key=lambda r: r["seconds"]) for kind, runs in results.items()}
    reference = best["reference"]["seconds"]
    first, cached = best["first"]["seconds"], best["cached"]["seconds"]
    peak = max(r["peak"] for r in results["first"])
    print(f"    {'':24}{'time':>9}{'reference':>11}{'ratio':>8}   peak memory")
    for kind, seconds in (("(a) first run", first), ("(b) cached run", cached)):
        kind_peak = max(r["peak"] for r in results["first" if "first" in kind else "cached"])
        print(
            f"    {kind:<24}{seconds:8.2f}s{reference:10.2f}s{seconds / reference:7.2f}×"
            f"   {_gib(kind_peak)}"
        )
    print(f"    reference peak memory {_gib(max(r['peak'] for r in results['reference']))}")
    first_run = results["first"][-1]
    print(f"    {first_run['rows']:,} moves stored; warnings: {first_run['warnings'] or 'none'}")
    equal = [
        _same(run["frame"], best["reference"]["frame"])
        for kind in ("first", "cached")
        for run in results[kind]
    ]
    note = next((text for same, text in equal if not same), "")
    rows = len(best["reference"]["frame"])
    print(
        f"    every run equals the reference row for row: "
        f"{'yes' if not note else 'NO — ' + note} ({rows} areas)"
    )
    checks = [
        (
            f"first run {first / reference:.2f}× the reference (target ≤ {TARGET_FIRST_RUN}×)",
            first / reference <= TARGET_FIRST_RUN,
        ),
        (
            f"cached run {cached / reference:.2f}× the reference (target ≤ {TARGET_CACHED_RUN}×)",
            cached / reference <= TARGET_CACHED_RUN,
        ),
        (
            f"first run peak memory {_gib(peak)} (target < {_gib(TARGET_IMPORT_PEAK)})",
            peak < TARGET_IMPORT_PEAK,
        ),
        ("first and cached runs equal the reference", not note),
    ]
    return checks, cache


def _on_the_store(files: dict[str, str], cache: str, runs: int) -> list[tuple[str, bool]]:
    """Run (c): net migration through Ibis and as plain SQL on the stored tables."""
    period = f"{FIRST_YEAR}–{LAST_YEAR}"
    print(f"\n(c) net migration {period} on the stored tables (median of {runs} after a warm-up)")
    ibis_run = in_fresh_process(step_net_migration, files, cache, runs)
    database = str(_load_path(files, cache))
    sql_run = in_fresh_process(step_plain_sql, database, runs)
    for name, run in (("Ibis", ibis_run), ("plain SQL", sql_run)):
        print(
            f"    {name:<10}{run['seconds']:8.3f} s   peak {_gib(run['peak'])}   runs "
            + " ".join(f"{t:.3f}" for t in run["times"])
        )
    same, note = _same(ibis_run["frame"], sql_run["frame"])
    print(f"    equal row for row: {'yes' if same else 'NO — ' + note}")
    ratio = ibis_run["seconds"] / sql_run["seconds"] if sql_run["seconds"] else math.inf
    return [
        (f"net migration Ibis/SQL = {ratio:.2f} (target ≤ {TARGET_RATIO}×)", ratio <= TARGET_RATIO),
        ("Ibis equals SQL on the store", same),
    ]


def _load_path(files: dict[str, str], cache: str) -> Path:
    """Return the stored dataset's file in `cache` (there is one)."""
    return next(Path(cache).glob("*.duckdb"))


def _whole_build(work: Path, files: dict[str, str], cache: str) -> list[tuple[str, bool]]:
    """Run (d): the whole fact base."""
    out = work / "fact-base"
    shutil.rmtree(out, ignore_errors=True)
    print(f"\n(d) whole build {FIRST_YEAR}–{LAST_YEAR} (build_fact_base)")
    built = in_fresh_process(step_build, files, cache, str(out))
    print(f"    {built['seconds']:8.1f} s   peak {_gib(built['peak'])}")
    table_rows = built["manifest"]["tables"]
    for name, seconds in built["tables"].items():
        count = table_rows.get(name, {}).get("rows")
        shown = f"{count:,} rows" if count is not None else "skipped"
        print(f"      {name:<30} {seconds:7.1f} s   {shown}")
    return [
        (
            f"whole build {built['seconds']:.1f} s (target < {TARGET_BUILD_SECONDS:.0f} s)",
            built["seconds"] < TARGET_BUILD_SECONDS,
        ),
        (
            f"build peak memory {_gib(built['peak'])} (target < {_gib(TARGET_PEAK_BYTES)})",
            built["peak"] < TARGET_PEAK_BYTES,
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
