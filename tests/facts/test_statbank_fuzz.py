"""Whatever damage FLY66 files carry, in any layout StatBank writes, reading them either works
or raises InputError naming a file, and a balance is made from what was read or refused with
the fact base's own error: never another error. The same for the API's tableinfo answer."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.facts.errors import FactsError, InputError
from samskab.facts.statbank import municipality_balance, read_statbank
from samskab.facts.statbank_api import parse_tableinfo
from tests.common.damage import JSON_VALUES, damaged, edited_documents

from .fly66_layouts import Download, api_long

# A small part of the table: two municipalities each way, one sex, two ages.
ONLY = (("to", ["657", "760"]), ("from", ["657", "760"]), ("sex", ["1"]), ("age", ["0", "1"]))
DOWNLOADS = [
    Download(("to", "from", "age", "sex", "year"), title=True, only=ONLY),
    Download(("year", "sex", "age", "to", "from"), headings=False, repeat=True, quote=False,
             only=ONLY),
    Download(("to", "from", "sex", "age"), ("year",), names=True, only=ONLY),
    Download(("year", "to", "from", "age"), ("sex",), total_sex=True, only=ONLY),
    Download(("to", "from", "age"), ("year", "sex"), title=True, only=ONLY),
    Download(("from", "year", "sex", "age"), ("to",), only=ONLY),
    Download(("sex", "year", "to", "from"), ("age",), headings=False, total_age=True, only=ONLY),
]  # fmt: skip
API = [
    "\n".join(api_long(labels=labels, bulk=True).splitlines()[:12]) + "\n"
    for labels in (False, True)
]
GOOD = [
    *(d.text().encode(e) for d in DOWNLOADS for e in ("utf-8", "latin-1")),
    *(text.encode() for text in API),
]
FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def fly66_files(draw: st.DrawFn) -> list[bytes]:
    """One or two FLY66 files, each perhaps damaged."""
    good = st.sampled_from(GOOD)
    files = draw(st.lists(good, min_size=1, max_size=2))
    return [draw(st.one_of(damaged(content), st.just(content))) for content in files]


def read_and_balance(files: list[bytes]) -> None:
    """Read the files as `samskab facts municipality-balance` does and balance 2023-2024."""
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"fly66-{number}.csv" for number in range(len(files))]
        for path, content in zip(paths, files, strict=True):
            path.write_bytes(content)
        try:
            read = read_statbank(paths)
        except InputError as error:
            assert error.problems
            names = {str(path) for path in paths}
            assert all(p.file in names and p.message for p in error.problems), error.problems
            return
    read.describe()
    try:
        municipality_balance(read.moves, first_year=2023, last_year=2024, municipality=760)
    except InputError:
        raise
    except FactsError:
        pass


@FUZZ
@given(fly66_files())
def test_damaged_fly66_files_are_balanced_or_refused(files):
    read_and_balance(files)


TABLEINFO = {
    "id": "FLY66",
    "text": "Flytninger",
    "unit": "Antal",
    "updated": "2025-02-11T08:00:00",
    "variables": [
        {"id": "TILKOMMUNE", "text": "til", "elimination": False, "time": False,
         "values": [{"id": "760", "text": "Ringkøbing-Skjern"}]},
        {"id": "Tid", "text": "tid", "elimination": False, "time": True,
         "values": [{"id": "2024", "text": "2024"}]},
    ],
}  # fmt: skip


@st.composite
def tableinfo_answers(draw: st.DrawFn) -> bytes:
    document = draw(st.one_of(edited_documents(TABLEINFO), JSON_VALUES))
    return draw(
        st.one_of(st.just(json.dumps(document).encode()), damaged(json.dumps(document).encode()))
    )


def parsed_or_refused(answer: bytes) -> None:
    try:
        parse_tableinfo(answer)
    except FactsError as error:
        assert str(error)


@FUZZ
@given(tableinfo_answers())
def test_any_tableinfo_answer_is_parsed_or_refused(answer):
    parsed_or_refused(answer)


def refused(tmp_path: Path, content: bytes) -> list[str]:
    """Return the problems, as a user reads them, of reading one FLY66 file."""
    path = tmp_path / "fly66.csv"
    path.write_bytes(content)
    try:
        read_statbank([path])
    except InputError as error:
        return [str(p).replace(str(path), "fly66.csv") for p in error.problems]
    raise AssertionError("the file was read")


def test_a_carriage_return_alone_ends_a_line(tmp_path):
    # Was csv.Error ("new-line character seen in unquoted field").
    text = API[0].replace("\n", "\r")
    path = tmp_path / "fly66.csv"
    path.write_text(text, encoding="utf-8")
    assert read_statbank([path]).total == sum(
        int(line.split(";")[-1]) for line in API[0].splitlines()[1:]
    )


def test_a_line_longer_than_any_csv_field_is_refused(tmp_path):
    # Was csv.Error ("field larger than field limit (131072)").
    lines = API[0].splitlines()
    lines[3] = '"' + "x" * 200_000 + '";' + lines[3]
    assert refused(tmp_path, "\n".join(lines).encode()) == [
        "fly66.csv, row 4: cannot be read as semicolon-separated text (field larger than field limit (131072))"
    ]


@pytest.mark.parametrize("moves", ["9" * 40, "9223372036854775808", "1000000001"])
def test_a_count_larger_than_any_count_of_moves_is_refused(tmp_path, moves):
    # Was OverflowError ("Python int too large to convert to C long") or TypeError ("cannot
    # safely cast non-equivalent float64 to int64").
    lines = API[0].splitlines()
    lines[2] = lines[2].rsplit(";", 1)[0] + ";" + moves
    assert refused(tmp_path, "\n".join(lines).encode()) == [
        f"fly66.csv, row 3, column INDHOLD: {moves} moves is more than one count can hold "
        "(at most 1,000,000,000)"
    ]


def test_a_count_too_large_in_a_download_is_refused(tmp_path):
    # Was OverflowError when the columns of counts were searched for a total.
    text = DOWNLOADS[3].text().replace(";0;", ";" + "9" * 40 + ";", 1)
    assert refused(tmp_path, text.encode()) == [
        f"fly66.csv, row 2, column I alt: {'9' * 40} moves is more than one count can hold "
        "(at most 1,000,000,000)"
    ]
