"""A plain, clean moves.csv is read, checked and converted in one scan; any other file takes the
precise path, and both make the same tables from a valid file."""

from __future__ import annotations

import pytest

from samskab.facts import importer
from samskab.facts.errors import InputError

from .conftest import AREAS, POPULATION, write

HEADER = "move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age,household_type,sex\n"
PLAIN = (
    "2008-03-01,657,760,,7001,p1,34,couple_with_children,F\n"
    "2008-05-01,760,760,7001,7003,p1,34,,F\n"
    "2009-01-02,760,abroad,7005,,p2,,other,M\n"
)
# Valid, but not in the plain form: spaces to trim, a leading zero, upper case, an empty
# quoted value, a leading zero in an age.
NOT_PLAIN = (
    "2008-03-01, 657,760,,7001,p1 ,34,couple_with_children,F\n"
    "2008-05-01,0760,760,7001,7003,p1,034,,f\n"
    '2009-01-02,760,ABROAD,7005,"",p2,,OTHER,M\n'
)
ROWS = [
    (2, 2008, 657, 760, None, 7001, None, "Nord", "p1", 34, "couple_with_children", "F", False),
    (3, 2008, 760, 760, 7001, 7003, "Nord", "Syd", "p1", 34, None, "F", False),
    (4, 2009, 760, 0, 7005, None, None, None, "p2", None, "other", "M", False),
]


def moves_rows(tmp_path, moves, *, precise=False, monkeypatch=None):
    """Return the typed moves of an import, in file order; with `precise`, by the precise path."""
    import duckdb

    if precise:
        monkeypatch.setattr(importer, "_import_in_one_pass", lambda *args: None)
    with duckdb.connect() as con:
        importer.import_files(
            con,
            areas=write(tmp_path, "areas.csv", AREAS),
            population=write(tmp_path, "population.csv", POPULATION),
            moves=write(tmp_path, "moves.csv", moves),
            written=tmp_path / "moves.parquet",
        )
        return con.execute(
            "SELECT seq, year, from_municipality, to_municipality, from_parish, to_parish, "
            "from_area, to_area, person_id, age, household_type, sex, same_area "
            "FROM moves ORDER BY seq"
        ).fetchall()


def test_a_plain_file_is_imported_without_the_precise_path(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the precise path was taken")

    monkeypatch.setattr(importer, "_import_precisely", refuse)
    assert moves_rows(tmp_path, HEADER + PLAIN) == ROWS


def test_a_valid_file_that_is_not_plain_makes_the_same_table(tmp_path):
    assert moves_rows(tmp_path, HEADER + NOT_PLAIN) == ROWS


def test_the_precise_path_makes_the_same_table_from_a_plain_file(tmp_path, monkeypatch):
    assert moves_rows(tmp_path, HEADER + PLAIN, precise=True, monkeypatch=monkeypatch) == ROWS


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "2008-03-01,760,760,7001,7003,p1,126,,F\n",
            "moves.csv, row 3, column age: '126' is out of range; expected an age in whole years "
            "between 0 and 125",
        ),
        (
            "2008-03-01,760,999,7001,,p1,,,F\n",
            "moves.csv, row 3, column to_municipality: '999' is not in the official list of "
            "Danish municipality codes",
        ),
        (
            "2008-03-01,657,760,7001,7003,p1,,,F\n",
            "moves.csv, row 3, column from_parish: parish 7001 belongs to an area of another "
            "municipality in areas.csv; check from_municipality",
        ),
        (
            "2008-03-01,abroad,760,7001,7003,p1,,,F\n",
            "moves.csv, row 3, column from_parish: a parish ('7001') is given for a move abroad; "
            "leave from_parish empty when from_municipality is 'abroad'",
        ),
    ],
)
def test_a_row_only_the_typed_values_show_wrong_is_refused(tmp_path, row, message):
    moves = HEADER + "2008-03-01,657,760,,7001,p1,34,,F\n" + row
    with pytest.raises(InputError) as caught:
        moves_rows(tmp_path, moves)
    assert [str(problem) for problem in caught.value.problems] == [message]


def test_a_cpr_number_in_an_ignored_column_is_refused(tmp_path):
    moves = HEADER.replace("\n", ",note\n") + "2008-03-01,657,760,,7001,p1,34,,F,ring 120388-2231\n"
    with pytest.raises(InputError) as caught:
        moves_rows(tmp_path, moves)
    assert [str(problem) for problem in caught.value.problems] == [
        "moves.csv, row 2, column note: holds a value shaped like a CPR number (DDMMYY-XXXX); "
        "registers must be pseudonymised: replace CPR numbers by pseudonymous ids before "
        "importing"
    ]


@pytest.mark.parametrize("name", ["area", "parish", "municipality"])
def test_an_ignored_column_named_as_a_column_of_areas_changes_nothing(tmp_path, monkeypatch, name):
    def refuse(*args, **kwargs):
        raise AssertionError("the precise path was taken")

    monkeypatch.setattr(importer, "_import_precisely", refuse)
    with_column = HEADER.replace("\n", f",{name}\n") + PLAIN.replace("\n", ",Syd\n")
    assert moves_rows(tmp_path, with_column) == ROWS


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "2008-3-01,760,760,7001,7003,p1,,,F\n",
            "moves.csv, row 3, column move_date: '2008-3-01' is not a valid date; expected "
            "YYYY-MM-DD, e.g. 2013-12-31",
        ),
        (
            "2008-03-01,+760,760,7001,7003,p1,,,F\n",
            "moves.csv, row 3, column from_municipality: '+760' is not a municipality code; "
            "expected 3 digits such as 760 (0760 also works), or 'abroad'",
        ),
        (
            "2008-03-01,760,760,7e03,7003,p1,,,F\n",
            "moves.csv, row 3, column from_parish: '7e03' is not a parish code; expected 4 "
            "digits such as 7284",
        ),
        (
            "2008-03-01,760,760,7001,7003,p1,+34,,F\n",
            "moves.csv, row 3, column age: '+34' is not a whole number; expected an age in "
            "whole years between 0 and 125",
        ),
    ],
)
def test_a_value_a_cast_reads_but_the_contract_does_not_is_refused(tmp_path, row, message):
    moves = HEADER + "2008-03-01,657,760,,7001,p1,34,,F\n" + row
    with pytest.raises(InputError) as caught:
        moves_rows(tmp_path, moves)
    assert [str(problem) for problem in caught.value.problems] == [message]


def test_a_move_keeps_its_row_in_the_file_as_its_place(tmp_path):
    many = HEADER + "".join(f"2008-03-01,760,760,7001,7003,p{n},,,F\n" for n in range(3000))
    rows = moves_rows(tmp_path, many)
    assert [(seq, person) for seq, *_, person, _, _, _, _ in rows][:3] == [
        (2, "p0"),
        (3, "p1"),
        (4, "p2"),
    ]
    assert all(person == f"p{seq - 2}" for seq, *_, person, _, _, _, _ in rows)


def test_a_register_read_in_parallel_keeps_the_order_of_its_rows(tmp_path):
    """Large enough to be read and joined with the areas on every core, which does not keep
    the rows' order: `seq` must still be each move's row in the file."""
    ends = ["760,760,7001,7003", "760,657,7002,", "657,760,,7004", "760,abroad,7005,"]
    many = HEADER + "".join(
        f"2008-03-{1 + n % 28:02d},{ends[n % 4]},p{n},{n % 90},,F\n" for n in range(400_000)
    )
    rows = moves_rows(tmp_path, many)
    assert len(rows) == 400_000
    assert all(person == f"p{seq - 2}" for seq, *_, person, _, _, _, _ in rows)
