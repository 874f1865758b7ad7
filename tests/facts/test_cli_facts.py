"""`samskab facts net-migration` and `samskab facts build` as a user runs them."""

from __future__ import annotations

import json

import pandas as pd

from samskab.facts import store

from .conftest import AREAS, POPULATION, write

MOVES = """\
move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age
2008-01-01,657,760,,7001,p1,30
2008-12-31,760,760,7001,7003,p2,25
2008-05-05,760,abroad,7004,,p3,40
2009-03-03,751,760,,7004,p3,41
"""


def files(tmp_path, moves=MOVES):
    return [
        "--moves",
        write(tmp_path, "moves.csv", moves),
        "--areas",
        write(tmp_path, "areas.csv", AREAS),
        "--population",
        write(tmp_path, "population.csv", POPULATION),
        "--cache-dir",
        tmp_path / "cache",
    ]


def test_csv_output_is_the_header_and_the_rows_and_nothing_else(tmp_path, cli):
    result = cli(
        "facts",
        "net-migration",
        *files(tmp_path),
        "--from",
        "2008",
        "--to",
        "2008",
        "--format",
        "csv",
    )
    assert result.status == 0
    assert result.out == (
        "area,net_internal,net_external,net_total,pct_of_base_population\n"
        "Nord,-1,1,0,0.0\n"
        "Syd,1,-1,0,0.0\n"
    )


def test_json_output_is_one_object_per_area(tmp_path, cli):
    args = ["facts", "net-migration", *files(tmp_path), "--from", "2008", "--to", "2009"]
    result = cli(*args, "--municipality", "760", "--format", "json")
    assert json.loads(result.out) == [
        {"area": "Nord", "net_internal": -1, "net_external": 1, "net_total": 0,
         "pct_of_base_population": 0.0},
        {"area": "Syd", "net_internal": 1, "net_external": 0, "net_total": 1,
         "pct_of_base_population": 0.0},
    ]  # fmt: skip


def test_json_output_with_totals_marks_each_kind_of_row(tmp_path, cli):
    args = ["facts", "net-migration", *files(tmp_path), "--from", "2008", "--to", "2009"]
    result = cli(*args, "--municipality", "760", "--format", "json", "--with-totals")
    assert json.loads(result.out) == [
        {
            "area": "Nord",
            "net_internal": -1,
            "net_external": 1,
            "net_total": 0,
            "pct_of_base_population": 0.0,
            "area_kind": "area",
        },
        {
            "area": "Syd",
            "net_internal": 1,
            "net_external": 0,
            "net_total": 1,
            "pct_of_base_population": 0.0,
            "area_kind": "area",
        },
        {
            "area": "Parish unknown or outside the areas",
            "net_internal": 0,
            "net_external": 0,
            "net_total": 0,
            "pct_of_base_population": None,
            "area_kind": "no_area",
        },
        {
            "area": "Total",
            "net_internal": 0,
            "net_external": 1,
            "net_total": 1,
            "pct_of_base_population": None,
            "area_kind": "total",
        },
    ]


def test_the_table_format_shows_every_area(tmp_path, cli):
    result = cli("facts", "net-migration", *files(tmp_path), "--from", "2008", "--to", "2008")
    assert result.status == 0 and "Nord" in result.out and "Syd" in result.out


def test_bad_input_exits_2_with_file_row_and_column_and_no_traceback(tmp_path, cli):
    moves = MOVES + "2008-02-30,657,760,,7001,p9,30\n"
    result = cli(
        "facts", "net-migration", *files(tmp_path, moves), "--from", "2008", "--to", "2008"
    )
    assert result.status == 2
    assert result.err == (
        "samskab: moves.csv, row 6, column move_date: '2008-02-30' is not a valid date; "
        "expected YYYY-MM-DD, e.g. 2013-12-31\n"
    )
    assert "Traceback" not in result.err and result.out == ""


def test_the_problem_is_in_danish_under_a_danish_locale(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    moves = MOVES + "2008-02-30,657,760,,7001,p9,30\n"
    result = cli(
        "facts", "net-migration", *files(tmp_path, moves), "--from", "2008", "--to", "2008"
    )
    assert result.status == 2
    assert result.err == (
        "samskab: moves.csv, række 6, kolonne move_date: '2008-02-30' er ikke en gyldig dato; "
        "forventede ÅÅÅÅ-MM-DD, fx 2013-12-31\n"
    )
    assert result.out == ""


def test_an_unknown_municipality_option_is_refused(tmp_path, cli):
    result = cli(
        "facts",
        "net-migration",
        *files(tmp_path),
        "--from",
        "2008",
        "--to",
        "2008",
        "--municipality",
        "999",
    )
    assert result.status == 2
    assert "'999' is not an official municipality code" in result.err


def test_a_rerun_opens_the_stored_dataset_instead_of_reading_the_files(tmp_path, cli, monkeypatch):
    arguments = ["facts", "net-migration", *files(tmp_path), "--from", "2008", "--to", "2008"]
    assert cli(*arguments).status == 0
    imports = []
    monkeypatch.setattr(store, "import_files", lambda *a, **k: imports.append(1))
    assert cli(*arguments).status == 0
    assert imports == []
    assert len(list((tmp_path / "cache").glob("*.duckdb"))) == 1


def test_build_writes_every_table_as_csv_and_parquet(tmp_path, cli):
    out = tmp_path / "factbase"
    result = cli("facts", "build", *files(tmp_path), "--from", "2008", "--to", "2009", "--out", out)
    assert result.status == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["tables"]) >= {
        "net_migration",
        "net_migration_by_year",
        "flows_areas",
        "flows_parishes",
        "flows_municipalities",
        "top_destinations",
        "top_origins",
        "retention",
        "return_migration",
    }
    for name in manifest["tables"]:
        csv = pd.read_csv(out / f"{name}.csv")
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert len(csv) == len(parquet) == manifest["tables"][name]["rows"]
    nets = pd.read_csv(out / "net_migration.csv")
    assert nets.net_total.tolist() == [0, 1, 0, 1]  # Nord, Syd, the rest, the total


def test_build_can_suppress_small_cells(tmp_path, cli):
    out = tmp_path / "factbase"
    result = cli(
        "facts",
        "build",
        *files(tmp_path),
        "--from",
        "2008",
        "--to",
        "2009",
        "--out",
        out,
        "--suppress-below",
        "5",
    )
    assert result.status == 0
    flows = pd.read_csv(out / "flows_municipalities.csv", dtype=str)
    assert set(flows.moves) <= {"<5", ".."}
    assert json.loads((out / "manifest.json").read_text())["suppressed_below"] == 5


def test_build_says_which_tables_counted_flows_cannot_give(tmp_path, cli):
    flows = write(
        tmp_path,
        "flows.csv",
        "year,from_municipality,to_municipality,to_parish,moves\n2008,657,760,7001,4\n",
    )
    result = cli(
        "facts",
        "build",
        "--flows",
        flows,
        "--areas",
        write(tmp_path, "areas.csv", AREAS),
        "--population",
        write(tmp_path, "population.csv", POPULATION),
        "--from",
        "2008",
        "--to",
        "2008",
        "--out",
        tmp_path / "out",
        "--cache-dir",
        tmp_path / "cache",
    )
    assert result.status == 0
    assert "retention" in result.out and "skipped: Newcomer retention needs moves.csv" in result.out


def test_the_spark_engine_without_java_says_what_is_missing(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-java"))
    args = ["facts", "net-migration", *files(tmp_path)[:-2], "--from", "2008", "--to", "2009"]
    result = cli(*args, "--engine", "spark")
    assert result.status != 0 and result.out == ""
    assert "--engine spark: Java is not installed" in result.err
    assert "Traceback" not in result.err
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    danish = cli(*args, "--engine", "spark")
    assert "--engine spark: Java er ikke installeret (PySpark kræver Java 17" in danish.err


def test_a_spark_setting_must_be_key_equals_value(tmp_path, cli):
    args = ["facts", "build", *files(tmp_path)[:-2], "--from", "2008", "--to", "2009"]
    result = cli(*args, "--out", tmp_path / "out", "--engine", "spark", "--spark-conf", "memory")
    assert result.status == 2
    assert "'memory' is not KEY=VALUE, e.g. spark.driver.memory=4g" in result.err
