"""Whatever damage a survey file carries (CSV bytes in UTF-8 or Windows-1252, Excel cells and
labels sheets, SPSS metadata), and whatever its codebook holds, reading it either works or
raises InputError naming the file: never another error."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from samskab.segments.codebook import read_codebook
from samskab.segments.errors import InputError
from samskab.segments.survey import read_survey
from tests.common.damage import SPREADSHEET_CELLS, damaged, edited_documents, steady_workbook

SURVEY = """\
id,bolig,by,alder,hvorfor
1,1 Meget vigtigt,Ja,34,Arbejde
2,2 Vigtigt,Nej,,Familie; børn
3,,Ved ikke,71,"Naturen, roen"
4,1 Meget vigtigt,Ja,25,
"""
ROWS = [line.split(",") for line in SURVEY.splitlines()[:3]]
CODEBOOK = {
    "items": [
        {"name": "bolig", "kind": "ordinal", "role": "segmenting", "question": "Boligen?",
         "labels": {"1": "Meget vigtigt", "2": "Vigtigt"}, "missing": [9]},
        {"name": "by", "kind": "categorical", "role": "descriptive", "question": "",
         "labels": {}, "missing": []},
        {"name": "alder", "kind": "numeric", "role": "descriptive"},
    ]
}  # fmt: skip
CODEBOOK_CSV = b"""name,kind,role,question,code,label,missing
bolig,ordinal,segmenting,Boligen?,1,Meget vigtigt,
bolig,,,,2,Vigtigt,
bolig,,,,9,,yes
alder,numeric,descriptive,,,,
"""
FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def read_or_refused(survey: tuple[str, bytes], codebook: tuple[str, bytes] | None) -> None:
    """Read the survey (name, content) through the codebook (name, content), if any."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / survey[0]
        path.write_bytes(survey[1])
        files = {str(path)}
        try:
            book = None
            if codebook is not None:
                book_path = Path(folder) / codebook[0]
                book_path.write_bytes(codebook[1])
                files.add(str(book_path))
                book = read_codebook(book_path)
            read_survey(path, book)
        except InputError as error:
            assert error.problems
            assert all(p.file.split(", sheet ")[0] in files for p in error.problems), error
            assert all(p.message and (p.row is None or p.row >= 1) for p in error.problems)


@st.composite
def survey_csv(draw: st.DrawFn) -> tuple[str, bytes]:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return "survey.csv", draw(damaged(SURVEY.encode(encoding)))


@FUZZ
@given(survey_csv())
def test_a_damaged_survey_csv_is_read_or_refused(survey):
    read_or_refused(survey, None)


def _sheet(book: openpyxl.Workbook, title: str, rows: list[list[object]]) -> None:
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)


@st.composite
def edited_rows(draw: st.DrawFn, rows: list[list[object]]) -> list[list[object]]:
    """Return the rows with a few cells, the header's too, replaced by any Excel value."""
    rows = [list(row) for row in rows]
    for _ in range(draw(st.integers(0, 5))):
        row = draw(st.integers(0, len(rows) - 1))
        rows[row][draw(st.integers(0, len(rows[row]) - 1))] = draw(SPREADSHEET_CELLS)
    return rows


LABELS = [["Variable", "Question", "Value", "Label"], ["bolig", "Boligen?", 1, "Meget vigtigt"],
          [None, None, 2, "Vigtigt"], ["by", "Byen?", 1, "Ja"]]  # fmt: skip


@st.composite
def survey_workbook(draw: st.DrawFn) -> tuple[str, bytes]:
    """A workbook of answers, perhaps with a labels sheet, with odd cells or broken bytes."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    _sheet(book, draw(st.sampled_from(["Data", "Labels data", "Ark1"])), draw(edited_rows(ROWS)))
    if draw(st.booleans()):
        _sheet(book, draw(st.sampled_from(["Labels", "Struktur"])), draw(edited_rows(LABELS)))
    out = io.BytesIO()
    book.save(out)
    content = steady_workbook(out.getvalue())
    return "survey.xlsx", draw(st.one_of(st.just(content), damaged(content, most=1)))


@FUZZ
@given(survey_workbook())
def test_a_survey_workbook_with_any_cells_is_read_or_refused(survey):
    read_or_refused(survey, None)


SPSS_CODES = st.one_of(st.integers(-(2**31), 2**31), st.floats(width=32), st.text(max_size=3))


@st.composite
def survey_spss(draw: st.DrawFn) -> tuple[str, bytes]:
    """An SPSS file with any value labels, question texts and measures, perhaps broken."""
    frame = pd.DataFrame(
        {
            "bolig": draw(
                st.lists(st.one_of(st.floats(), st.integers(-9, 9)), min_size=2, max_size=2)
            ),
            "by": draw(st.lists(st.text(max_size=4), min_size=2, max_size=2)),
        }
    )
    labels = draw(st.dictionaries(SPSS_CODES, st.text(max_size=6), max_size=3))
    measure = draw(st.sampled_from(["nominal", "ordinal", "scale", "unknown"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "survey.sav"
        try:
            pyreadstat.write_sav(
                frame, str(path), column_labels=[draw(st.text(max_size=8)), "By"],
                variable_value_labels={"bolig": labels}, variable_measure={"bolig": measure},
            )  # fmt: skip
        except Exception:  # a file SPSS itself cannot hold: not one a user can have
            reject()
        # The header's creation date and time, fixed so an example makes the same file each run.
        content = path.read_bytes()[:92] + b"01 Jan 2000:00:00" + path.read_bytes()[109:]
    return "survey.sav", draw(st.one_of(st.just(content), damaged(content, most=1)))


@FUZZ
@given(survey_spss())
def test_an_spss_file_with_any_metadata_is_read_or_refused(survey):
    read_or_refused(survey, None)


@st.composite
def codebooks(draw: st.DrawFn) -> tuple[str, bytes]:
    """A JSON codebook with any part replaced, or a damaged CSV codebook."""
    if draw(st.booleans()):
        document = json.dumps(draw(edited_documents(CODEBOOK))).encode()
        return "codebook.json", draw(st.one_of(st.just(document), damaged(document, most=1)))
    return "codebook.csv", draw(damaged(CODEBOOK_CSV))


@FUZZ
@given(codebooks())
def test_a_survey_is_read_through_any_codebook_or_refused(codebook):
    read_or_refused(("survey.csv", SURVEY.encode()), codebook)


def codebook_problems(tmp_path: Path, document: object) -> list[str]:
    path = tmp_path / "codebook.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_codebook(path)
    return [str(p).replace(str(path), "codebook.json") for p in caught.value.problems]


@pytest.mark.parametrize("name", [[], {"a": 1}, None, True, 7])
def test_an_item_whose_name_is_not_text_is_refused(tmp_path, name):
    # Was a TypeError from the problem's column ("expected string or bytes-like object").
    document = json.loads(json.dumps(CODEBOOK))
    document["items"][1]["name"] = name
    assert codebook_problems(tmp_path, document) == [
        f"codebook.json: item 2: the name {json.dumps(name)} is not text"
    ]


def test_a_codebook_nested_deeper_than_json_can_be_read_is_refused(tmp_path):
    # Was a RecursionError from json.loads.
    path = tmp_path / "codebook.json"
    path.write_text('{"items": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_codebook(path)
    assert [p.message for p in caught.value.problems] == [
        "not a codebook file (nested too deeply to be read)"
    ]
