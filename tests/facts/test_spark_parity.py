"""Every table of the fact base is the same on PySpark as on DuckDB, for a synthetic register."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from samskab.facts import build, cohorts, migration
from samskab.facts.bands import parse_age_bands
from samskab.facts.columns import HOUSEHOLD_TYPES
from samskab.facts.spark_engine import spark_missing
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


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    """Return one local Spark session for the module, stopped at its end."""
    missing = spark_missing()
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(str(missing))
        pytest.skip(str(missing))
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


def _files(folder: Path, kind: str) -> dict[str, Path]:
    """Write the synthetic register of this kind ("moves" or "flows") and return its files."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    areas = _write(folder / "areas.csv", ["parish", "area", "municipality"], list(AREAS))
    header = ["year", "parish", "population"]
    population = _write(folder / "population.csv", header, _population(rng))
    if kind == "moves":
        register = _write(folder / "moves.csv", MOVES_HEADER, _moves(rng))
    else:
        register = _write(folder / "flows.csv", FLOWS_HEADER, _flows(rng))
    return {"areas": areas, "population": population, kind: register}


def _register(folder: Path, kind: str) -> Dataset:
    """Return the synthetic register of this kind, imported by DuckDB."""
    return load_dataset(**_files(folder, kind), in_memory=True)


def _on_spark(session: Any, files: dict[str, Path]) -> Dataset:
    """Return the files imported by Spark itself: read, checked and typed there."""
    from samskab.facts.spark_import import import_with_spark

    data = import_with_spark(session, **{role: str(path) for role, path in files.items()})
    assert data.moves.get_backend().name == "pyspark"
    return data


@pytest.fixture(scope="module")
def register_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _files(tmp_path_factory.mktemp("register"), "moves")


@pytest.fixture(scope="module")
def duck(register_files: dict[str, Path]) -> Dataset:
    return load_dataset(**register_files, in_memory=True)


@pytest.fixture(scope="module")
def spark(register_files: dict[str, Path], session: Any) -> Dataset:
    return _on_spark(session, register_files)


def _normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with one dtype per kind of column, None for missing, rows sorted."""
    frame = frame.copy()
    for name in frame.columns:
        column = frame[name]
        if column.isna().all():  # an empty column's dtype says nothing of its type
            frame[name] = pd.Series([None] * len(column), index=column.index, dtype=object)
        elif pd.api.types.is_bool_dtype(column) or pd.api.types.is_integer_dtype(column):
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


def test_the_typed_tables_read_by_spark_are_duckdbs_row_for_row(
    duck: Dataset, spark: Dataset
) -> None:
    for name in ("areas", "population", "moves"):
        expected, actual = getattr(duck, name), getattr(spark, name)
        assert actual.schema().names == expected.schema().names, name
        types = [
            [t.copy(nullable=True) for t in table.schema().types] for table in (actual, expected)
        ]
        assert types[0] == types[1], name
        _assert_same(expected.to_pandas(), actual.to_pandas())
    assert (spark.individual, spark.has_persons) == (duck.individual, duck.has_persons)
    assert spark.files == duck.files and spark.warnings == duck.warnings


def test_a_copy_into_spark_gives_the_same_tables(duck: Dataset, session: Any) -> None:
    from samskab.facts.spark import to_spark

    copied = to_spark(duck, session)
    params = PARAMS[1]
    for spec in build.SPECS[:3]:
        _assert_same(
            build.compute_table(spec, duck, params), build.compute_table(spec, copied, params)
        )


def test_net_migration_of_counted_flows_is_the_same_on_spark(tmp_path: Path, session: Any) -> None:
    files = _files(tmp_path, "flows")
    duck = load_dataset(**files, in_memory=True)
    assert not duck.individual
    spark = _on_spark(session, files)
    _assert_same(duck.moves.to_pandas(), spark.moves.to_pandas())
    for params in PARAMS:
        period = {"first_year": params.first_year, "last_year": params.last_year}
        expected = migration.net_migration(duck, **period, municipality=params.municipality)
        actual = migration.net_migration(spark, **period, municipality=params.municipality)
        _assert_same(expected.to_pandas(), actual.to_pandas())


# Inputs each import must refuse, and the problem codes each must find among its problems.
AREAS_CSV = "parish,area,municipality\n7001,Hvide Sande,760\n7002,Hvide Sande,760\n6501,Sunds,657\n"
POPULATION_CSV = "year,parish,population\n2020,7001,100\n2020,7002,200\n2020,6501,300\n"
MOVES_HEAD = ",".join(MOVES_HEADER) + "\n"
FLOWS_HEAD = ",".join(FLOWS_HEADER) + "\n"
BAD_INPUTS: dict[str, tuple[dict[str, str], set[str]]] = {
    "cells": (
        {
            "moves.csv": MOVES_HEAD + "2023-02-30,760,7001,657,6501,p1,30,other,m\n"
            "2023-01-05,76,7001,657,6501,p2,30,other,m\n2023-01-05,999,,657,6501,p3,30,other,m\n"
            "2023-01-05,760,12,657,6501,p4,30,other,m\n2023-01-05,760,7001,abroad,6501,p5,30,,\n"
            "2023-01-05,760,7001,657,6501,p6,-1,x,q\n2023-01-05,760,7001,657,6501,p7,abc,,\n"
            ",760,7001,657,6501,p8,30,,\n2023-01-05,,7001,657,6501,p9,30,,\n"
            "2023-01-05,760,7001,abroad,7002,p10,30,,\n"
        },
        {
            "not_date",
            "not_municipality",
            "unknown_municipality",
            "not_parish",
            "parish_abroad",
            "out_of_range_between",
            "not_a_choice",
            "not_whole_between",
            "empty_date",
            "empty_municipality",
        },
    ),
    "placement": (
        {
            "moves.csv": MOVES_HEAD + "2023-01-05,657,7001,760,7002,p1,30,,\n"
            "2023-01-06,760,7001,657,7002,p1,30,,\n"
        },
        {"parish_other_municipality"},
    ),
    "areas": (
        {
            "areas.csv": AREAS_CSV + "7001,Sunds,657\n7009,Sunds,760\n",
            "moves.csv": MOVES_HEAD + "2023-01-05,760,7001,657,6501,p1,30,,\n",
        },
        {"parish_in_two_areas", "area_across_municipalities"},
    ),
    "population twice": (
        {
            "population.csv": POPULATION_CSV + "2020,7002,5\n",
            "moves.csv": MOVES_HEAD + "2023-01-05,760,7001,657,6501,p1,30,,\n",
        },
        {"two_populations"},
    ),
    "CPR in a cell and a header": (
        {
            "moves.csv": MOVES_HEAD + "2023-01-05,760,7001,657,6501,010190-1234,30,,\n",
            "population.csv": "year,parish,population,0101901234\n2020,7001,100,1\n",
        },
        {"cpr_cell_register", "cpr_header_register"},
    ),
    "columns": (
        {
            "moves.csv": "move_date,from_municipality,age,age\n2023-01-05,760,3,3\n",
            "areas.csv": "parish,area\n7001,Hvide Sande\n",
        },
        {"column_twice", "missing_column"},
    ),
    "flows": (
        {"flows.csv": FLOWS_HEAD + "2020,760,657,7001,6501,,,18_29,,3\n2020,760,657,,,,,,,-3\n"},
        {"not_age_band", "out_of_range_between"},
    ),
    "flows against the areas": (
        {
            "flows.csv": FLOWS_HEAD + "2020,760,657,,,Nowhere,,,,2\n2020,760,657,,,Sunds,,,,1\n"
            "2020,760,657,7001,,Sunds,,,,1\n"
        },
        {"not_an_area", "area_other_municipality", "area_lacks_parish"},
    ),
    "no moves": (
        {"flows.csv": FLOWS_HEAD + "2020,760,657,7001,6501,,,,,0\n"},
        {"no_moves"},
    ),
    "a file that is not there": ({"areas.csv": "", "moves.csv": MOVES_HEAD}, {"file_not_found_at"}),
}


def _bad_files(folder: Path, files: dict[str, str]) -> dict[str, Path]:
    """Write the case's files over good areas and population; "" means the file is absent."""
    texts = {"areas.csv": AREAS_CSV, "population.csv": POPULATION_CSV, **files}
    paths: dict[str, Path] = {}
    for name, text in texts.items():
        path = folder / name
        if text:
            path.write_text(text, encoding="utf-8")
        paths[name.removesuffix(".csv")] = path
    return paths


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_spark_refuses_what_duckdb_refuses_with_the_same_problems(
    case: str, tmp_path: Path, session: Any
) -> None:
    from samskab.facts.errors import InputError

    files, codes = BAD_INPUTS[case]
    paths = _bad_files(tmp_path, files)
    with pytest.raises(InputError) as on_duckdb:
        load_dataset(**paths, in_memory=True)
    with pytest.raises(InputError) as on_spark:
        _on_spark(session, paths)
    assert codes <= {problem.code for problem in on_duckdb.value.problems}
    assert on_spark.value.problems == on_duckdb.value.problems


def test_spark_reads_semicolons_a_byte_order_mark_and_parquet_as_duckdb_does(
    tmp_path: Path, session: Any
) -> None:
    rows = "2023-01-05;760;7001;657;6501;p1;30;other;f\n2024-03-01;657;6501;760;7002;p1;31;;\n"
    (tmp_path / "moves.csv").write_text("\ufeff" + MOVES_HEAD.replace(",", ";") + rows)
    pd.read_csv(io.StringIO(POPULATION_CSV), dtype=str).to_parquet(tmp_path / "pop.parquet")
    paths = _bad_files(tmp_path, {"moves.csv": (tmp_path / "moves.csv").read_text()})
    paths["population"] = tmp_path / "pop.parquet"
    duck, spark = load_dataset(**paths, in_memory=True), _on_spark(session, paths)
    assert spark.moves.count().to_pyarrow().as_py() == 2
    for name in ("areas", "population", "moves"):
        _assert_same(getattr(duck, name).to_pandas(), getattr(spark, name).to_pandas())


def test_a_row_spark_cannot_parse_is_refused_as_unreadable(tmp_path: Path, session: Any) -> None:
    from samskab.facts.errors import InputError

    paths = _bad_files(tmp_path, {"moves.csv": MOVES_HEAD + '2023-01-05,760,"7001\n'})
    with pytest.raises(InputError) as on_spark:
        _on_spark(session, paths)
    assert [(p.file, p.code) for p in on_spark.value.problems] == [("moves.csv", "unreadable")]


def test_an_excel_workbook_is_refused_by_the_spark_engine(tmp_path: Path, session: Any) -> None:
    from samskab.facts.errors import InputError

    paths = _bad_files(tmp_path, {"moves.csv": MOVES_HEAD})
    paths["areas"] = tmp_path / "areas.xlsx"
    pd.read_csv(io.StringIO(AREAS_CSV), dtype=str).to_excel(paths["areas"], index=False)
    with pytest.raises(InputError) as on_spark:
        _on_spark(session, paths)
    assert "save the sheet as CSV" in on_spark.value.problems[0].message
    danish = on_spark.value.problems[0].text("da")
    assert "Spark-motoren læser CSV- og Parquet-filer; gem arket som CSV" in danish
    assert "en CSV-fil i UTF-8 med en overskriftsrække eller en Parquet-fil" in danish


def test_the_command_line_on_spark_prints_what_it_prints_on_duckdb(
    register_files: dict[str, Path], tmp_path: Path
) -> None:
    """`samskab facts net-migration --engine spark` in its own process, as a user runs it."""
    args = [str(Path(sys.executable).with_name("samskab")), "facts", "net-migration"]
    for role, path in register_files.items():
        args += [f"--{role}", str(path)]
    args += ["--from", "2019", "--to", "2023", "--municipality", "760", "--format", "json"]
    env = {**os.environ, "SAMSKAB_CACHE_DIR": str(tmp_path)}
    duck = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    spark_args = [*args, "--engine", "spark", "--spark-conf", "spark.sql.shuffle.partitions=2"]
    spark = subprocess.run(spark_args, capture_output=True, text=True, env=env)
    assert spark.returncode == 0, spark.stderr[-2000:]
    assert json.loads(duck.stdout) and spark.stdout == duck.stdout


def test_the_fact_base_built_on_spark_is_the_one_built_on_duckdb(
    register_files: dict[str, Path], tmp_path: Path
) -> None:
    """`samskab facts build --engine spark` writes the same files as on DuckDB, byte for byte."""
    args = [str(Path(sys.executable).with_name("samskab")), "facts", "build"]
    for role, path in register_files.items():
        args += [f"--{role}", str(path)]
    args += ["--from", "2019", "--to", "2023", "--suppress-below", "3"]
    env = {**os.environ, "SAMSKAB_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([*args, "--out", str(tmp_path / "duck")], env=env, check=True,
                   capture_output=True)  # fmt: skip
    spark = subprocess.run([*args, "--out", str(tmp_path / "spark"), "--engine", "spark"],
                           env=env, capture_output=True, text=True)  # fmt: skip
    assert spark.returncode == 0, spark.stderr[-2000:]
    written = sorted(path.name for path in (tmp_path / "duck").glob("*.csv"))
    assert len(written) >= 14
    assert sorted(path.name for path in (tmp_path / "spark").glob("*.csv")) == written
    for name in [*written, "manifest.json"]:
        same = (tmp_path / "spark" / name).read_bytes() == (tmp_path / "duck" / name).read_bytes()
        assert same, name


def _cpr_corpus(rng: random.Random, count: int) -> list[str]:
    """Return texts around the CPR rule's edges: DDMMYY and four digits with every separator,
    impossible days and months, 29 February, nine-digit numbers with .0 and blanks, longer runs
    of digits, and text around them."""
    separators = ["", "-", " ", "\u2013", "\u2014", "\u2212", "\u00a0", " - ", "/", "\u2009"]
    texts = []
    for _ in range(count):
        day, month, year = rng.randint(0, 33), rng.randint(0, 13), rng.randint(0, 99)
        if rng.random() < 0.2:
            day, month = 29, 2
        date = f"{day:02d}{month:02d}{year:02d}"
        digits = "".join(rng.choice("0123456789") for _ in range(rng.choice([3, 4, 4, 4, 5])))
        shape = rng.random()
        if shape < 0.5:
            text = date + rng.choice(separators) + digits
        elif shape < 0.75:
            text = str(rng.randint(100_000_000, 999_999_999)) + rng.choice(["", ".0", ".00", ".5"])
        else:
            text = "".join(rng.choice("0123456789- .x\u00a0\t") for _ in range(rng.randint(0, 16)))
        texts.append(
            rng.choice(["", " ", "ring ", "x", "1"]) + text + rng.choice(["", " ", "\t", "!"])
        )
    return texts


def test_the_cpr_rule_in_sparks_sql_says_what_the_python_rule_says(session: Any) -> None:
    from samskab.facts.cpr import is_cpr_shaped, shaped_sql
    from samskab.facts.spark_sql import SparkSQL

    texts = [*_cpr_corpus(random.Random(11), 4000), "120388-2231", "809871234", "290200-4321"]
    texts += ["290100-1234", "310488-1234", "01019012345", " 809871234 ", "ring 120388 2231 nu"]
    expected = [is_cpr_shaped(text) for text in texts]
    assert 300 < sum(expected) < len(texts) - 300  # both kinds, in numbers
    frame = pd.DataFrame({"i": range(len(texts)), "v": texts})
    session.createDataFrame(frame).createOrReplaceTempView("cpr_corpus")
    found = SparkSQL(session).execute(f"SELECT i, {shaped_sql('v')} FROM cpr_corpus").fetchall()
    assert [shaped for _, shaped in sorted(found)] == expected
