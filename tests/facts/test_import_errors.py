"""Every kind of bad input gets a message naming file, row and column, and nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from samskab.facts.errors import InputError
from samskab.facts.store import load_dataset

from .conftest import AREAS, POPULATION, write

HEADER = "move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age,household_type,sex\n"
GOOD = "2008-03-01,657,760,,7001,p1,34,couple_with_children,F\n"


def problems(
    tmp_path: Path,
    *,
    moves: str = HEADER + GOOD,
    areas: str = AREAS,
    population: str = POPULATION,
    flows: str | None = None,
) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_dataset(
            areas=write(tmp_path, "areas.csv", areas),
            population=write(tmp_path, "population.csv", population),
            moves=None if flows else write(tmp_path, "moves.csv", moves),
            flows=write(tmp_path, "flows.csv", flows) if flows else None,
            cache_dir=tmp_path / "cache",
        )
    assert not list((tmp_path / "cache").glob("*")), "a refused import must store nothing"
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "2013-02-30,657,760,,7001,p1,34,,\n",
            "moves.csv, row 2, column move_date: '2013-02-30' is not a valid date; expected YYYY-MM-DD, e.g. 2013-12-31",
        ),
        (
            "01-03-2008,657,760,,7001,p1,34,,\n",
            "moves.csv, row 2, column move_date: '01-03-2008' is not a valid date; expected YYYY-MM-DD, e.g. 2013-12-31",
        ),
        (
            ",657,760,,7001,p1,34,,\n",
            "moves.csv, row 2, column move_date: is empty; expected a date as YYYY-MM-DD",
        ),
        (
            "2008-03-01,76,760,,7001,p1,34,,\n",
            "moves.csv, row 2, column from_municipality: '76' is not a municipality code; expected 3 digits such as 760 (0760 also works), or 'abroad'",
        ),
        (
            "2008-03-01,657,999,,7001,p1,34,,\n",
            "moves.csv, row 2, column to_municipality: '999' is not in the official list of Danish municipality codes",
        ),
        (
            "2008-03-01,657,760,,701,p1,34,,\n",
            "moves.csv, row 2, column to_parish: '701' is not a parish code; expected 4 digits such as 7284",
        ),
        (
            "2008-03-01,abroad,760,7001,7002,p1,34,,\n",
            "moves.csv, row 2, column from_parish: a parish ('7001') is given for a move abroad; leave from_parish empty when from_municipality is 'abroad'",
        ),
        (
            "2008-03-01,657,760,,7001,p1,126,,\n",
            "moves.csv, row 2, column age: '126' is out of range; expected an age in whole years between 0 and 125",
        ),
        (
            "2008-03-01,657,760,,7001,p1,-1,,\n",
            "moves.csv, row 2, column age: '-1' is out of range; expected an age in whole years between 0 and 125",
        ),
        (
            "2008-03-01,657,760,,7001,p1,34,family,\n",
            "moves.csv, row 2, column household_type: 'family' is not allowed; expected one of single_no_children, single_with_children, couple_no_children, couple_with_children, other",
        ),
        (
            "2008-03-01,657,760,,7001,p1,34,,X\n",
            "moves.csv, row 2, column sex: 'X' is not allowed; expected one of m, f",
        ),
        (
            "2008-03-01,657,657,,7001,p1,34,,\n",
            "moves.csv, row 2, column to_parish: parish 7001 belongs to an area of another municipality in areas.csv; check to_municipality",
        ),
    ],
)
def test_a_bad_moves_row_is_refused_with_file_row_and_column(tmp_path, row, message):
    assert problems(tmp_path, moves=HEADER + row) == [message]


def test_the_row_number_is_the_line_a_user_sees(tmp_path):
    moves = HEADER + GOOD * 4 + "2008-13-01,657,760,,7001,p1,34,,\n"
    assert problems(tmp_path, moves=moves)[0].startswith("moves.csv, row 6, column move_date:")


def test_many_rows_with_one_problem_are_summarised(tmp_path):
    moves = HEADER + "2008-13-01,657,760,,7001,p1,34,,\n" * 10
    found = problems(tmp_path, moves=moves)
    assert found[:3] == [
        f"moves.csv, row {n}, column move_date: '2008-13-01' is not a valid date; expected YYYY-MM-DD, e.g. 2013-12-31"
        for n in (2, 3, 4)
    ]
    assert found[3] == "moves.csv, column move_date: … and 7 more rows with the same problem"


@pytest.mark.parametrize(
    "cpr", ["010190-1234", "0101901234", "290200-4321", "ring 010190-1234 i morgen"]
)
def test_a_cpr_number_anywhere_is_refused_without_echoing_it(tmp_path, cpr):
    moves = (
        HEADER.strip()
        + ",note\n"
        + GOOD.strip()
        + ",ok\n"
        + f"2008-03-02,657,760,,7001,p2,30,,,{cpr}\n"
    )
    found = problems(tmp_path, moves=moves)
    assert found == [
        "moves.csv, row 3, column note: holds a value shaped like a CPR number (DDMMYY-XXXX); "
        "registers must be pseudonymised: replace CPR numbers by pseudonymous ids before importing"
    ]
    assert cpr not in " ".join(found)


def test_a_cpr_number_as_person_id_is_refused(tmp_path):
    found = problems(tmp_path, moves=HEADER + GOOD.replace("p1", "311299-1111"))
    assert found[0].startswith(
        "moves.csv, row 2, column person_id: holds a value shaped like a CPR"
    )


@pytest.mark.parametrize("pseudonym", ["3213991234", "01019012345", "x0101901234567"])
def test_digits_that_are_not_a_cpr_number_are_a_valid_pseudonym(tmp_path, pseudonym):
    moves = HEADER + GOOD.replace("p1", pseudonym)
    load_dataset(
        areas=write(tmp_path, "areas.csv", AREAS),
        population=write(tmp_path, "population.csv", POPULATION),
        moves=write(tmp_path, "moves.csv", moves),
        in_memory=True,
    )


def test_a_missing_required_column_is_named(tmp_path):
    assert problems(tmp_path, moves="move_date,from_municipality\n2008-01-01,657\n") == [
        "moves.csv, row 1, column to_municipality: the required column 'to_municipality' is "
        "missing (the header has: move_date, from_municipality)"
    ]


def test_a_parish_in_two_areas_is_refused(tmp_path):
    areas = AREAS + "7002,Syd,760\n"
    assert problems(tmp_path, areas=areas) == [
        "areas.csv, row 6, column parish: parish 7002 is in two areas ('Nord' in row 3 and 'Syd'); "
        "each parish belongs to at most one area"
    ]


def test_an_area_across_two_municipalities_is_refused(tmp_path):
    areas = AREAS + "8001,Syd,657\n"
    assert problems(tmp_path, areas=areas) == [
        "areas.csv, row 6, column municipality: area 'Syd' lies in more than one municipality "
        "(657, 760); an area lies inside one municipality (first given as 760)"
    ]


def test_a_duplicate_population_row_is_refused(tmp_path):
    assert problems(tmp_path, population=POPULATION + "2008,7001,5\n") == [
        "population.csv, row 10, column parish: parish 7001 has two populations for 2008 "
        "(rows 2 and 10); without an age or sex column each parish and year must appear once"
    ]


def test_population_split_by_age_and_sex_is_summed(tmp_path):
    population = "year,parish,age,sex,population\n2008,7001,30,M,4\n2008,7001,31,F,6\n"
    data = load_dataset(
        areas=write(tmp_path, "areas.csv", AREAS),
        population=write(tmp_path, "population.csv", population),
        moves=write(tmp_path, "moves.csv", HEADER + GOOD),
        in_memory=True,
    )
    assert data.population.to_pandas().population.tolist() == [10]


def test_flows_with_a_bad_count_are_refused(tmp_path):
    flows = (
        "year,from_municipality,to_municipality,from_area,to_area,moves\n2008,760,760,Nord,Syd,-2\n"
    )
    assert problems(tmp_path, flows=flows) == [
        "flows.csv, row 2, column moves: '-2' is out of range; expected a count between 0 and "
        "2147483647",
    ]


def test_flows_with_a_count_too_large_to_store_are_refused(tmp_path):
    flows = "year,from_municipality,to_municipality,from_area,to_area,moves\n"
    flows += "2008,760,760,Nord,Syd,3000000000\n"
    assert problems(tmp_path, flows=flows) == [
        "flows.csv, row 2, column moves: '3000000000' is out of range; expected a count between 0 "
        "and 2147483647",
    ]


@pytest.mark.parametrize(
    ("content", "cause"),
    [(b"PK\x03\x04 not a whole zip file", "BadZipFile"), (None, "KeyError")],
)
def test_a_workbook_that_cannot_be_opened_is_refused_with_its_name(tmp_path, content, cause):
    import io
    import zipfile

    if content is None:  # a zip file with no workbook inside
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "x")
        content = buffer.getvalue()
    path = tmp_path / "moves.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_dataset(
            areas=write(tmp_path, "areas.csv", AREAS),
            population=write(tmp_path, "population.csv", POPULATION),
            moves=path,
            in_memory=True,
        )
    assert str(caught.value) == (
        f"moves.xlsx: could not be read (not a workbook that can be opened: {cause}); expected an "
        "Excel workbook (.xlsx) whose first sheet has a header row"
    )


def test_flows_with_an_unknown_area_are_refused(tmp_path):
    flows = (
        "year,from_municipality,to_municipality,from_area,to_area,moves\n2008,760,760,Nord,Vest,3\n"
    )
    assert problems(tmp_path, flows=flows) == [
        "flows.csv, row 2, column to_area: 'Vest' is not an area in areas.csv",
    ]


def test_a_file_that_is_not_utf8_is_refused_with_its_name(tmp_path):
    path = tmp_path / "moves.csv"
    path.write_bytes(HEADER.encode() + "2008-03-01,657,760,,7001,Søren,34,,\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_dataset(
            areas=write(tmp_path, "areas.csv", AREAS),
            population=write(tmp_path, "population.csv", POPULATION),
            moves=path,
            in_memory=True,
        )
    assert str(caught.value).startswith("moves.csv: could not be read (")


def test_unknown_columns_are_ignored_with_a_warning(tmp_path):
    moves = HEADER.strip() + ",comment\n" + GOOD.strip() + ",hello\n"
    data = load_dataset(
        areas=write(tmp_path, "areas.csv", AREAS),
        population=write(tmp_path, "population.csv", POPULATION),
        moves=write(tmp_path, "moves.csv", moves),
        in_memory=True,
    )
    assert data.warnings == ("moves.csv: the column 'comment' is not used and was ignored",)


def test_a_register_with_only_its_header_is_refused(tmp_path):
    assert problems(tmp_path, moves=HEADER) == [
        "moves.csv: has a header but no rows; expected one row per move or count"
    ]


def test_flows_whose_counts_are_all_zero_are_refused(tmp_path):
    flows = "year,from_municipality,to_municipality,from_area,to_area,moves\n"
    flows += "2008,760,760,Nord,Syd,0\n2009,760,101,Syd,,0\n"
    assert problems(tmp_path, flows=flows) == [
        "flows.csv: holds no moves: the column moves is 0 in all 2 row(s)"
    ]
