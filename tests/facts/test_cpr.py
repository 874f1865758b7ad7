"""A CPR number in any spelling, in any cell or column name of any file, refuses the import; no
message ever shows it. Numeric pseudonyms, counts, codes and dates are not taken for one."""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samskab.facts.cpr import is_cpr_shaped, redact, register_rule, shaped_sql
from samskab.facts.errors import InputError
from samskab.facts.store import load_dataset

from .conftest import AREAS, POPULATION, write

MOVES_HEADER = (
    "move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age,"
    "household_type,sex"
)
GOOD_MOVE = "2008-03-01,657,760,,7001,p1,34,couple_with_children,F"
FLOWS = "year,from_municipality,to_municipality,from_parish,to_parish,moves\n2008,657,760,,7001,4\n"
CELL = (
    "holds a value shaped like a CPR number (DDMMYY-XXXX); registers must be pseudonymised: "
    "replace CPR numbers by pseudonymous ids before importing"
)
# Every spelling the issue names: hyphen, none, space, en dash, the leading zero lost in Excel.
SPELLINGS = [
    "120388-2231",
    "1203882231",
    "120388 2231",
    "120388\u20132231",
    "809871234",
    "120388\u20142231",
    "120388\u22122231",
    "120388\u00a02231",
    "ring 120388-2231 i morgen",
]
NOT_CPR = [
    "P001364",  # the demo's pseudonyms
    "p1",
    "7001",  # a parish code
    "0760",  # a municipality code
    "2008-03-01",  # a date
    "01-03-2008",
    "01032008",
    "18-29",  # an age band
    "125",
    "3213991234",  # day 32
    "0113881234",  # month 13
    "310488-1234",  # 31 April
    "290201-4321",  # 29 February of a year that is no leap year
    "01019012345",  # eleven digits
    "x0101901234567",
    "100000001",  # nine digits, month 00
    "012345678",  # nine digits that do not come from a number
    "12 34 56 78",  # a phone number
]


@pytest.mark.parametrize("text", [*SPELLINGS, "290200-4321", "809871234.0", " 809871234 "])
def test_every_spelling_of_a_cpr_number_is_cpr_shaped(text):
    assert is_cpr_shaped(text)


@pytest.mark.parametrize("text", NOT_CPR)
def test_codes_dates_counts_and_pseudonyms_are_not(text):
    assert not is_cpr_shaped(text)


@pytest.mark.parametrize("text", SPELLINGS)
def test_redaction_leaves_none_of_the_number(text):
    shown = redact(f"column from_parish: '{text}' is not a parish code")
    assert "2231" not in shown and "1234" not in shown and "[a CPR-shaped value]" in shown


def _dates() -> st.SearchStrategy[str]:
    day = st.integers(1, 31).map(lambda d: f"{d:02d}")
    month = st.integers(1, 12).map(lambda m: f"{m:02d}")
    year = st.integers(0, 99).map(lambda y: f"{y:02d}")
    return st.tuples(day, month, year).map("".join)


CPR_LIKE = st.tuples(
    st.text("ab 12", max_size=3),
    _dates(),
    st.sampled_from(["", "-", " ", "\u2013", " - ", "\u00a0", "/"]),
    st.text("0123456789", min_size=3, max_size=5),
    st.text("ab 1.0", max_size=3),
).map("".join)
NINE_DIGITS = st.integers(100_000_000, 999_999_999).map(str)


@settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.one_of(CPR_LIKE, NINE_DIGITS, st.text("0123456789-\u2013 .x\u00a0", max_size=16)),
        min_size=1,
        max_size=40,
    )
)
def test_the_sql_scan_finds_exactly_what_the_rule_says(texts):
    with duckdb.connect() as con:
        register_rule(con)
        con.execute("CREATE TABLE t (i INTEGER, v VARCHAR)")
        con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(texts)))
        found = con.execute(f"SELECT {shaped_sql('v')} FROM t ORDER BY i").fetchall()
    assert [f for (f,) in found] == [is_cpr_shaped(text) for text in texts]


def _moves(*rows: str, header: str = MOVES_HEADER, good: bool = True) -> str:
    return "\n".join([header, *([GOOD_MOVE] if good else []), *rows]) + "\n"


def _refused(tmp_path: Path, **texts: str) -> list[str]:
    """Return the problems of importing the small register with some files replaced."""
    files = {"areas.csv": AREAS, "population.csv": POPULATION, "moves.csv": _moves()} | {
        name.replace("_", "."): text for name, text in texts.items()
    }
    paths = {name: write(tmp_path, name, text) for name, text in files.items()}
    with pytest.raises(InputError) as caught:
        load_dataset(
            areas=paths["areas.csv"],
            population=paths["population.csv"],
            moves=paths.get("moves.csv") if "flows.csv" not in paths else None,
            flows=paths.get("flows.csv"),
            cache_dir=tmp_path / "cache",
        )
    assert not list((tmp_path / "cache").glob("*.duckdb")), "a refused import stores nothing"
    return [str(p) for p in caught.value.problems]


def _shows_none_of(problems: list[str], cpr: str) -> bool:
    text = "\n".join(problems)
    digits = "".join(c for c in cpr if c.isdigit())
    return cpr not in text and digits not in text and digits[-4:] not in text


@pytest.mark.parametrize("cpr", SPELLINGS)
@pytest.mark.parametrize(
    ("column", "row"),
    [
        ("from_parish", "2008-03-02,760,760,{},7001,p2,30,,"),
        ("person_id", "2008-03-02,657,760,,7001,{},30,,"),
        ("age", "2008-03-02,657,760,,7001,p2,{},,"),
    ],
)
def test_a_cpr_number_in_any_column_of_the_moves_is_refused_without_echo(
    tmp_path, cpr, column, row
):
    problems = _refused(tmp_path, moves_csv=_moves(row.format(cpr)))
    # The CPR check runs first: never "'120388-2231' is not a parish code".
    assert problems == [f"moves.csv, row 3, column {column}: {CELL}"]
    assert _shows_none_of(problems, cpr)


@pytest.mark.parametrize(
    ("name", "text", "row", "column"),
    [
        ("areas_csv", AREAS + "809871234,Nord,760\n", 6, "parish"),
        ("areas_csv", AREAS.replace("7002,Nord", "7002,Nord 120388 2231"), 3, "area"),
        ("population_csv", POPULATION + "2009,7004,1203882231\n", 10, "population"),
        ("flows_csv", FLOWS + "2008,657,760,,7002,120388\u20132231\n", 3, "moves"),
    ],
)
def test_every_file_is_checked(tmp_path, name, text, row, column):
    file = name.replace("_", ".")
    problems = _refused(tmp_path, **{name: text})
    assert problems == [f"{file}, row {row}, column {column}: {CELL}"]


def test_a_cpr_number_in_the_header_is_refused_and_never_shown(tmp_path):
    header = MOVES_HEADER + ",120388-2231"
    problems = _refused(tmp_path, moves_csv=_moves(GOOD_MOVE + ",x", header=header))
    assert problems == [
        "moves.csv, row 1, column 10: the name of the column in position 10 (counted from the "
        "left) is shaped like a CPR number (DDMMYY-XXXX); registers must be pseudonymised: "
        "replace CPR numbers by pseudonymous ids before importing"
    ]


def test_a_header_cpr_number_twice_is_still_named_by_position(tmp_path):
    header = MOVES_HEADER + ",809871234,809871234"
    problems = _refused(tmp_path, moves_csv=_moves(GOOD_MOVE + ",x,y", header=header))
    assert [p.split(":")[0] for p in problems] == [
        "moves.csv, row 1, column 10",
        "moves.csv, row 1, column 11",
    ]
    assert _shows_none_of(problems, "809871234")


def test_the_cpr_numbers_of_every_file_are_listed_together(tmp_path):
    problems = _refused(
        tmp_path,
        areas_csv=AREAS + "7005,Vest 0101901234,760\n",
        moves_csv=_moves("2008-03-02,657,760,,7001,010190-1234,30,,"),
    )
    assert [p.split(":")[0] for p in problems] == [
        "areas.csv, row 6, column area",
        "moves.csv, row 3, column person_id",
    ]


def test_many_rows_are_summarised_without_values(tmp_path):
    rows = [f"2008-03-02,657,760,,7001,{d:02d}0190-1234,30,," for d in range(1, 11)]
    problems = _refused(tmp_path, moves_csv=_moves(*rows))
    assert problems[:3] == [f"moves.csv, row {n}, column person_id: {CELL}" for n in (3, 4, 5)]
    assert problems[3] == "moves.csv, column person_id: … and 7 more rows with the same problem"


def test_an_excel_number_and_a_parquet_integer_are_refused(tmp_path):
    first = pd.read_csv(write(tmp_path, "m.csv", _moves()), dtype=object)
    frame = pd.concat([first, first], ignore_index=True).astype(object)
    # A CPR number typed into Excel is a number and loses its leading zero: 080987-1234.
    frame["person_id"] = [1, 809871234]
    frame.to_excel(tmp_path / "moves.xlsx", index=False)
    frame.to_parquet(tmp_path / "moves.parquet")
    for name in ("moves.xlsx", "moves.parquet"):
        with pytest.raises(InputError) as caught:
            load_dataset(
                areas=write(tmp_path, "areas.csv", AREAS),
                population=write(tmp_path, "population.csv", POPULATION),
                moves=tmp_path / name,
                in_memory=True,
            )
        assert [str(p) for p in caught.value.problems] == [
            f"{name}, row 3, column person_id: {CELL}"
        ]


def _load(tmp_path: Path, moves: str):
    return load_dataset(
        areas=write(tmp_path, "areas.csv", AREAS),
        population=write(tmp_path, "population.csv", POPULATION),
        moves=write(tmp_path, "moves.csv", moves),
        in_memory=True,
    )


@pytest.mark.parametrize("digits", [9, 10])
def test_numeric_pseudonyms_pass_though_some_read_as_dates(tmp_path, digits):
    rng = random.Random(digits)
    ids = [str(rng.randrange(10 ** (digits - 1), 10**digits)) for _ in range(200)]
    assert 0 < sum(map(is_cpr_shaped, ids)) < 50  # by chance: about 1 in 8 or 1 in 27
    rows = [f"2008-03-02,657,760,,7001,{pid},30,," for pid in ids]
    assert _load(tmp_path, _moves(*rows, good=False)).moves.count().to_pandas() == 200


def test_a_column_of_real_cpr_numbers_written_as_numbers_is_refused(tmp_path):
    rng = random.Random(1)
    cprs = [
        str(int(f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(0, 99):02d}"
                f"{rng.randint(0, 9999):04d}"))  # Excel drops the leading zero
        for _ in range(40)
    ]  # fmt: skip
    rows = [f"2008-03-02,657,760,,7001,{cpr},30,," for cpr in cprs]
    problems = _refused(tmp_path, moves_csv=_moves(*rows, good=False))
    assert problems[0] == f"moves.csv, row 2, column person_id: {CELL}"
    assert problems[-1].startswith("moves.csv, column person_id: … and 37 more rows")


def test_a_date_shaped_id_among_few_numeric_ids_is_refused(tmp_path):
    # Under 20 numbers no column can be told from a short list of CPR numbers.
    rows = [f"2008-03-02,657,760,,7001,{pid},30,," for pid in ("3213991234", "1203882231")]
    assert _refused(tmp_path, moves_csv=_moves(*rows, good=False)) == [
        f"moves.csv, row 3, column person_id: {CELL}"
    ]


def test_the_cli_names_file_row_and_column_and_not_the_number(tmp_path, cli):
    moves = _moves("2008-03-02,760,760,120388-2231,7001,p2,30,,")
    result = cli(
        "facts", "net-migration", "--moves", write(tmp_path, "moves.csv", moves),
        "--areas", write(tmp_path, "areas.csv", AREAS),
        "--population", write(tmp_path, "population.csv", POPULATION),
        "--from", "2008", "--to", "2008", "--cache-dir", tmp_path / "cache",
    )  # fmt: skip
    assert result.status == 2
    assert result.err == f"samskab: moves.csv, row 3, column from_parish: {CELL}\n"
    assert "2231" not in result.out + result.err


def test_a_header_cpr_number_is_not_shown_as_an_ignored_column(tmp_path, cli):
    moves = _moves(GOOD_MOVE + ",1", header=MOVES_HEADER + ",120388 2231")
    result = cli(
        "facts", "net-migration", "--moves", write(tmp_path, "moves.csv", moves),
        "--areas", write(tmp_path, "areas.csv", AREAS),
        "--population", write(tmp_path, "population.csv", POPULATION),
        "--from", "2008", "--to", "2008", "--cache-dir", tmp_path / "cache",
    )  # fmt: skip
    assert result.status == 2 and "warning" not in result.err
    assert "2231" not in result.out + result.err


def test_a_problem_never_carries_a_cpr_number_whoever_words_it():
    from samskab.facts.errors import Problem

    problem = Problem("moves.csv", "could not be read (line: 2008-01-01,120388-2231)", 3, "x")
    assert "2231" not in str(problem)
