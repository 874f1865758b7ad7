"""A synthetic national-scale move register in the data contract's CSV format.

98 municipalities, 2,150 parishes in about 640 areas, 2010–2024; areas.csv, population.csv and
moves.csv, the moves drawn in proportion to the parishes' populations. Used by
facts_national.py.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

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
