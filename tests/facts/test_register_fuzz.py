"""Whatever damage the register files carry (CSV bytes, Excel cells, Parquet types), the fact
base either imports them or refuses them with InputError naming the file: never another error."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.facts.errors import InputError
from samskab.facts.store import load_dataset
from tests.common.damage import SPREADSHEET_CELLS, damaged, steady_workbook

from .conftest import AREAS, POPULATION

MOVES = """\
move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age,household_type,sex
2008-01-01,657,760,,7001,p1,34,couple_with_children,F
2008-12-31,760,760,7001,7003,p2,0,other,M
2009-05-05,760,abroad,7004,,p1,125,,
"""
FLOWS = """\
year,from_municipality,to_municipality,from_parish,to_parish,from_area,to_area,age_band,moves
2008,657,760,,7001,,,18-29,4
2008,760,760,7002,,,Syd,65+,2
2009,760,udland,7004,,,,,1
"""
GOOD = {
    "areas": AREAS.encode(),
    "population": POPULATION.encode(),
    "moves": MOVES.encode(),
    "flows": FLOWS.encode(),
}
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def imported_or_refused(files: dict[str, tuple[str, bytes]]) -> None:
    """Load the files (role -> (file name, content)); a refusal must name one of them."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for role, (name, content) in files.items():
            paths[role] = Path(folder) / name
            paths[role].write_bytes(content)
        try:
            load_dataset(**paths, in_memory=True)
        except InputError as error:
            names = {name for name, _ in files.values()}
            assert error.problems
            assert all(p.file in names and p.message for p in error.problems), error.problems
            assert all(p.row is None or p.row >= 1 for p in error.problems)


def _files(register: str, damaged_role: str, content: bytes, suffix: str) -> dict:
    roles = ["areas", "population", register]
    return {
        role: (f"{role}{suffix if role == damaged_role else '.csv'}",
               content if role == damaged_role else GOOD[role])
        for role in roles
    }  # fmt: skip


@st.composite
def damaged_csv_files(draw: st.DrawFn) -> dict:
    """The three files of a dataset, one of them damaged."""
    register = draw(st.sampled_from(["moves", "flows"]))
    role = draw(st.sampled_from(["areas", "population", register]))
    return _files(register, role, draw(damaged(GOOD[role])), ".csv")


@FUZZ
@given(damaged_csv_files())
def test_a_damaged_csv_file_is_imported_or_refused(files):
    imported_or_refused(files)


def _rows(role: str) -> list[list[str]]:
    return [line.split(",") for line in GOOD[role].decode().splitlines()]


@st.composite
def spreadsheet_cells(draw: st.DrawFn, role: str) -> list[list[object]]:
    """The good file's rows with some cells (the header's too) replaced by any Excel value."""
    rows: list[list[object]] = [list(r) for r in _rows(role)]
    for _ in range(draw(st.integers(1, 6))):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, len(rows[row]) - 1))
        rows[row][column] = draw(SPREADSHEET_CELLS)
    return rows


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return steady_workbook(out.getvalue())


@st.composite
def damaged_workbooks(draw: st.DrawFn) -> dict:
    """The three files of a dataset, one of them a workbook with odd cells or broken bytes."""
    register = draw(st.sampled_from(["moves", "flows"]))
    role = draw(st.sampled_from(["areas", "population", register]))
    content = _workbook(draw(spreadsheet_cells(role)))
    if draw(st.booleans()):
        content = draw(damaged(content, most=1))
    return _files(register, role, content, ".xlsx")


@FUZZ
@given(damaged_workbooks())
def test_a_workbook_with_any_cells_is_imported_or_refused(files):
    imported_or_refused(files)


PARQUET_COLUMNS = st.one_of(
    st.lists(st.integers(-(2**63), 2**63 - 1), min_size=3, max_size=3),
    st.lists(st.floats(), min_size=3, max_size=3),
    st.lists(st.one_of(st.none(), st.booleans()), min_size=3, max_size=3),
    st.lists(st.datetimes(), min_size=3, max_size=3),
    st.lists(st.binary(max_size=4), min_size=3, max_size=3),
    st.lists(st.lists(st.integers(0, 9), max_size=2), min_size=3, max_size=3),
    st.lists(st.one_of(st.none(), st.text(max_size=5)), min_size=3, max_size=3),
)


@st.composite
def damaged_parquet(draw: st.DrawFn) -> dict:
    """The three files of a dataset, one of them Parquet with columns of any type."""
    register = draw(st.sampled_from(["moves", "flows"]))
    role = draw(st.sampled_from(["areas", "population", register]))
    header, *rows = _rows(role)
    frame = pd.DataFrame(rows[:3], columns=header, dtype=object)
    for _ in range(draw(st.integers(1, 3))):
        frame[draw(st.sampled_from([*header, "Year", "extra"]))] = draw(PARQUET_COLUMNS)
    out = io.BytesIO()
    frame.to_parquet(out, index=False)
    content = out.getvalue()
    if draw(st.booleans()):
        content = draw(damaged(content, most=1))
    return _files(register, role, content, ".parquet")


@FUZZ
@given(damaged_parquet())
def test_a_parquet_file_of_any_types_is_imported_or_refused(files):
    imported_or_refused(files)


def test_populations_whose_sum_overflows_are_refused(tmp_path):
    population = "year,parish,population,age\n" + "".join(
        f"2008,{parish},9223372036854775807,{age}\n" for parish in (7001, 7002, 7003, 7004)
        for age in (1, 2)
    )  # fmt: skip
    (tmp_path / "areas.csv").write_bytes(GOOD["areas"])
    (tmp_path / "moves.csv").write_bytes(GOOD["moves"])
    (tmp_path / "population.csv").write_text(population, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_dataset(areas=tmp_path / "areas.csv", population=tmp_path / "population.csv",
                     moves=tmp_path / "moves.csv", in_memory=True)  # fmt: skip
    too_many = ("'9223372036854775807' is out of range; expected a number of residents between 0 "
                "and 10000000")  # fmt: skip
    assert [(p.file, p.row, p.column, p.message) for p in caught.value.problems] == [
        ("population.csv", 2, "population", too_many),
        ("population.csv", 3, "population", too_many),
        ("population.csv", 4, "population", too_many),
        ("population.csv", None, "population", "… and 5 more rows with the same problem"),
    ]
