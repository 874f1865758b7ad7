"""The contract's columns in Excel and Parquet files import like the CSV files."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

from samskab.facts.errors import InputError
from samskab.facts.migration import net_migration
from samskab.facts.store import load_dataset

from .conftest import AREAS, POPULATION, write

MOVES = """\
move_date,from_municipality,to_municipality,from_parish,to_parish
2008-01-01,657,760,,7001
2008-12-31,760,760,7001,7003
2008-05-05,760,abroad,7004,
"""


def expected(tmp_path):
    data = load_dataset(
        areas=write(tmp_path, "areas.csv", AREAS),
        population=write(tmp_path, "population.csv", POPULATION),
        moves=write(tmp_path, "moves.csv", MOVES),
        in_memory=True,
    )
    return net_migration(data, first_year=2008, last_year=2008).to_pandas()


def test_excel_files_with_real_dates_and_numbers_import_like_csv(tmp_path):
    moves = pd.read_csv(write(tmp_path, "m.csv", MOVES), dtype=str, keep_default_na=False)
    moves["move_date"] = [datetime.date.fromisoformat(d) for d in moves.move_date]
    moves["from_municipality"] = [int(v) if v.isdigit() else v for v in moves.from_municipality]
    moves.to_excel(tmp_path / "moves.xlsx", index=False)
    pd.read_csv(write(tmp_path, "a.csv", AREAS)).to_excel(tmp_path / "areas.xlsx", index=False)
    pd.read_csv(write(tmp_path, "p.csv", POPULATION)).to_excel(tmp_path / "pop.xlsx", index=False)
    data = load_dataset(
        areas=tmp_path / "areas.xlsx",
        population=tmp_path / "pop.xlsx",
        moves=tmp_path / "moves.xlsx",
        in_memory=True,
    )
    table = net_migration(data, first_year=2008, last_year=2008).to_pandas()
    pd.testing.assert_frame_equal(table, expected(tmp_path))


def test_an_excel_error_names_the_spreadsheet_row(tmp_path):
    frame = pd.DataFrame(
        {
            "parish": ["7001", "7002", "abc"],
            "area": ["A", "A", "B"],
            "municipality": [760, 760, 760],
        }
    )
    frame.to_excel(tmp_path / "areas.xlsx", index=False)
    with pytest.raises(InputError) as caught:
        load_dataset(
            areas=tmp_path / "areas.xlsx",
            population=write(tmp_path, "p.csv", POPULATION),
            moves=write(tmp_path, "moves.csv", MOVES),
            in_memory=True,
        )
    assert str(caught.value) == (
        "areas.xlsx, row 4, column parish: 'abc' is not a parish code; expected 4 digits such as 7284"
    )


def test_parquet_files_with_typed_columns_import_like_csv(tmp_path):
    moves = pd.read_csv(write(tmp_path, "m.csv", MOVES), dtype=str)
    moves["move_date"] = pd.to_datetime(moves.move_date).dt.date
    moves.to_parquet(tmp_path / "moves.parquet")
    areas = pd.read_csv(write(tmp_path, "a.csv", AREAS))  # integer columns
    areas.to_parquet(tmp_path / "areas.parquet")
    data = load_dataset(
        areas=tmp_path / "areas.parquet",
        population=write(tmp_path, "population.csv", POPULATION),
        moves=tmp_path / "moves.parquet",
        in_memory=True,
    )
    table = net_migration(data, first_year=2008, last_year=2008).to_pandas()
    pd.testing.assert_frame_equal(table, expected(tmp_path))


def test_a_semicolon_separated_export_is_read_too(tmp_path):
    moves = MOVES.replace(",", ";")
    data = load_dataset(
        areas=write(tmp_path, "areas.csv", AREAS),
        population=write(tmp_path, "population.csv", POPULATION),
        moves=write(tmp_path, "moves.csv", moves),
        in_memory=True,
    )
    table = net_migration(data, first_year=2008, last_year=2008).to_pandas()
    pd.testing.assert_frame_equal(table, expected(tmp_path))
