"""Every table of the fact base is the same on PySpark as on DuckDB, for a synthetic register."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import os
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from samskab.facts import build, cohorts, migration
from samskab.facts.bands import parse_age_bands
from samskab.facts.columns import HOUSEHOLD_TYPES
from samskab.facts.store import Dataset, load_dataset

pytestmark = [
    pytest.mark.spark,
    # PySpark 4.0 passes pandas' deprecated `copy` keyword when it converts results.
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:DeprecationWarning"),
]

# Two municipalities with areas, listed interleaved so that area order differs from name order.
AREAS = [
    ("7003", "Tarm", "760"),
    ("6501", "Sunds", "657"),
    ("7001", "Hvide Sande", "760"),
    ("6502", "Sunds", "0657"),
    ("7002", "Hvide Sande", "760"),
    ("7004", "Skjern", "760"),
    ("6503", "Aulum", "657"),
    ("7005", "Skjern", "760"),
]
# Places a person can live: (municipality, parish); "" is an unknown parish, 7006 and 6504 lie
# in no area, 101 and 661 are outside the areas' municipalities.
PLACES = [
    *[(municipality.lstrip("0"), parish) for parish, _, municipality in AREAS],
    ("760", "7006"), ("760", ""), ("657", "6504"), ("657", ""),
    ("101", "1001"), ("101", ""), ("661", ""), ("abroad", ""),
]  # fmt: skip
YEARS = range(2018, 2025)
PARAMS = [
    build.Params(first_year=2019, last_year=2023),
    build.Params(
        first_year=2018, last_year=2024, municipality=760, age_bands=parse_age_bands("0-29,30+")
    ),
]


def _spark_missing() -> str | None:
    """Return why PySpark cannot run here, or None."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home, "bin", "java")) if home else shutil.which("java")
    if java is None or not Path(java).exists():
        return "Java is not installed (PySpark needs Java 17 or later, on PATH or in JAVA_HOME)"
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    major = re.search(r'version "(\d+)', version)
    if major is None or int(major.group(1)) < 17:
        return f"PySpark needs Java 17 or later; java -version says: {version.strip()[:80]}"
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -e '.[spark]')"
    return None


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    """Return one local Spark session for the module, stopped at its end."""
    missing = _spark_missing()
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    from samskab.facts.spark import spark_session

    spark = spark_session(app_name="samskab-parity")
    yield spark
    spark.stop()


def _write(path: Path, header: list[str], rows: list[tuple[object, ...]]) -> Path:
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _population(rng: random.Random) -> list[tuple[object, ...]]:
    """Return population rows for every parish and year; Aulum is empty in 2020."""
    parishes = [parish for parish, _, _ in AREAS] + ["7006", "6504"]
    return [
        (year, parish, 0 if (parish, year) == ("6503", 2020) else rng.randint(40, 2500))
        for year in [*YEARS, 2025]
        for parish in parishes
    ]


def _dates(rng: random.Random, count: int) -> list[dt.date]:
    """Return `count` sorted move dates, often on 31 December or 1 January, some repeated."""
    dates = []
    for _ in range(count):
        year = rng.choice(YEARS)
        edge = rng.random()
        if edge < 0.15:
            dates.append(dt.date(year, 12, 31))
        elif edge < 0.3:
            dates.append(dt.date(year, 1, 1))
        elif edge < 0.38 and dates:
            dates.append(dates[-1])
        else:
            dates.append(dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365)))
    return sorted(dates)


def _next_place(
    rng: random.Random, here: tuple[str, str], seen: list[tuple[str, str]]
) -> tuple[str, str]:
    """Return where a person at `here` moves: the same parish, the same area, back, or anywhere."""
    areas = {parish: area for parish, area, _ in AREAS}
    choice = rng.random()
    if choice < 0.1:
        return here
    if choice < 0.2 and here[1] in areas:
        siblings = [p for p in PLACES if areas.get(p[1]) == areas[here[1]] and p != here]
        return rng.choice(siblings or [here])
    earlier = [place for place in seen if place != here]
    if choice < 0.4 and earlier:
        return rng.choice(earlier)
    return rng.choice(PLACES)


def _person_moves(rng: random.Random, person: str) -> list[tuple[object, ...]]:
    """Return one person's moves, each from where the previous one left them."""
    here = rng.choice(PLACES)
    seen = [here]
    born = rng.randint(1940, 2017)
    household = rng.choice([*HOUSEHOLD_TYPES, "", "Couple_With_Children"])
    sex = rng.choice(["m", "f", "F", ""])
    rows: list[tuple[object, ...]] = []
    for date in _dates(rng, rng.randint(1, 6)):
        there = _next_place(rng, here, seen)
        age = "" if rng.random() < 0.1 else max(date.year - born, 0)
        rows.append((date.isoformat(), *here, *there, person, age, household, sex))
        here = there
        seen.append(there)
    return rows


def _moves(rng: random.Random) -> list[tuple[object, ...]]:
    """Return the register's moves: persons' chains and anonymous moves, in shuffled order."""
    rows = [row for n in range(110) for row in _person_moves(rng, f"p{n:03d}")]
    for date in _dates(rng, 40):
        origin, destination = rng.choice(PLACES), rng.choice(PLACES)
        rows.append((date.isoformat(), *origin, *destination, "", rng.randint(0, 90), "", ""))
    rng.shuffle(rows)
    return rows


def _flows(rng: random.Random) -> list[tuple[object, ...]]:
    """Return counted flows, each end given by its parish, its area or only its municipality."""
    ends = [(m.lstrip("0"), "", area) for _, area, m in AREAS] + [(m, p, "") for m, p in PLACES]
    bands = ["0-17", "18-29", "30-44", "45-64", "65+", ""]
    return [
        (rng.choice(YEARS), origin[0], destination[0], origin[1], destination[1], origin[2],
         destination[2], rng.choice(bands), rng.choice([*HOUSEHOLD_TYPES, ""]), rng.randint(0, 9))
        for origin, destination in ((rng.choice(ends), rng.choice(ends)) for _ in range(150))
    ]  # fmt: skip


MOVES_HEADER = ["move_date", "from_municipality", "from_parish", "to_municipality", "to_parish"]
MOVES_HEADER += ["person_id", "age", "household_type", "sex"]
FLOWS_HEADER = ["year", "from_municipality", "to_municipality", "from_parish", "to_parish"]
FLOWS_HEADER += ["from_area", "to_area", "age_band", "household_type", "moves"]


def _register(folder: Path, kind: str) -> Dataset:
    """Return the synthetic register of this kind ("moves" or "flows"), loaded into DuckDB."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    areas = _write(folder / "areas.csv", ["parish", "area", "municipality"], list(AREAS))
    header = ["year", "parish", "population"]
    population = _write(folder / "population.csv", header, _population(rng))
    if kind == "moves":
        moves = _write(folder / "moves.csv", MOVES_HEADER, _moves(rng))
        return load_dataset(areas=areas, population=population, moves=moves, in_memory=True)
    flows = _write(folder / "flows.csv", FLOWS_HEADER, _flows(rng))
    return load_dataset(areas=areas, population=population, flows=flows, in_memory=True)


@pytest.fixture(scope="module")
def duck(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return _register(tmp_path_factory.mktemp("register"), "moves")


@pytest.fixture(scope="module")
def spark(duck: Dataset, session: Any) -> Dataset:
    from samskab.facts.spark import to_spark

    copied = to_spark(duck, session)
    assert copied.moves.get_backend().name == "pyspark"
    return copied


def _normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with one dtype per kind of column, None for missing, rows sorted."""
    frame = frame.copy()
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_bool_dtype(column) or pd.api.types.is_integer_dtype(column):
            frame[name] = column.astype("Int64")
        elif pd.api.types.is_float_dtype(column):
            frame[name] = column.astype("float64")
        else:
            frame[name] = column.astype(object).where(column.notna(), None)
    return frame.sort_values(list(frame.columns), na_position="last").reset_index(drop=True)


def _assert_same(duck_frame: pd.DataFrame, spark_frame: pd.DataFrame) -> None:
    assert list(spark_frame.columns) == list(duck_frame.columns)
    assert len(duck_frame) > 0
    pd.testing.assert_frame_equal(
        _normalised(spark_frame), _normalised(duck_frame), check_exact=False, rtol=0, atol=1e-9
    )


def test_register_has_the_edge_cases(duck: Dataset) -> None:
    moves = duck.moves
    day = moves.move_date.month() * 100 + moves.move_date.day()
    cases = {
        "inside a parish": moves.from_parish == moves.to_parish,
        "inside an area": (moves.from_area == moves.to_area)
        & (moves.from_parish != moves.to_parish),
        "unknown parish": moves.from_parish.isnull() & (moves.from_municipality != 0),
        "parish in no area": moves.to_parish.notnull() & moves.to_area.isnull(),
        "abroad": moves.to_municipality == 0,
        "31 December": day == 1231,
        "1 January": day == 101,
        "no person": moves.person_id.isnull(),
    }
    counts = moves.aggregate(
        **{k: v.fill_null(False).cast("int64").sum() for k, v in cases.items()}
    )
    assert all(count >= 5 for count in counts.to_pandas().iloc[0]), counts.to_pandas()
    returners = cohorts.return_migration(duck).returners.sum().to_pandas()
    assert returners >= 5


@pytest.mark.parametrize("params", PARAMS, ids=["all", "760"])
@pytest.mark.parametrize("spec", build.SPECS, ids=[spec.name for spec in build.SPECS])
def test_table_is_the_same_on_spark(
    spec: build.Spec, params: build.Params, duck: Dataset, spark: Dataset
) -> None:
    _assert_same(build.compute_table(spec, duck, params), build.compute_table(spec, spark, params))


def test_net_migration_of_counted_flows_is_the_same_on_spark(tmp_path: Path, session: Any) -> None:
    from samskab.facts.spark import to_spark

    duck = _register(tmp_path, "flows")
    assert not duck.individual
    spark = to_spark(duck, session)
    for params in PARAMS:
        period = {"first_year": params.first_year, "last_year": params.last_year}
        expected = migration.net_migration(duck, **period, municipality=params.municipality)
        actual = migration.net_migration(spark, **period, municipality=params.municipality)
        _assert_same(expected.to_pandas(), actual.to_pandas())
