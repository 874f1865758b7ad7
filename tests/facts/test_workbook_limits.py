"""An Excel file is checked before it is opened: one that would unpack to far more XML than a
spreadsheet holds (a "zip bomb"), or has too many rows, is refused at once with a message that
says to save it as CSV; the fact base's register and the survey alike."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from samskab.common import workbooks
from samskab.facts.errors import InputError
from samskab.facts.store import load_dataset
from samskab.segments.errors import InputError as SurveyInputError
from samskab.segments.survey import read_survey

from .conftest import AREAS, POPULATION, write

ROW = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'


def _bomb(path: Path, rows: int) -> Path:
    """A zip whose sheet is `rows` identical rows of XML: tiny packed, large unpacked."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<sheetData>" + ROW * rows + "</sheetData>")
    return path


def _register(tmp_path: Path, moves: Path) -> None:
    load_dataset(
        areas=write(tmp_path, "areas.csv", AREAS),
        population=write(tmp_path, "population.csv", POPULATION),
        moves=moves,
        in_memory=True,
    )


def test_a_register_workbook_that_unpacks_to_too_much_xml_is_refused(tmp_path):
    moves = _bomb(tmp_path / "moves.xlsx", rows=1_000_000)  # 49 bytes a row: 49 MB of XML
    assert moves.stat().st_size < 500_000
    with pytest.raises(InputError) as caught:
        _register(tmp_path, moves)
    assert str(caught.value) == (
        "moves.xlsx: could not be read (the workbook unpacks to 49 MB, more than the 40 MB an "
        "Excel file may hold here; save the sheet as CSV); expected an Excel workbook (.xlsx) "
        "whose first sheet has a header row"
    )


def test_a_survey_workbook_whose_sheet_is_a_bomb_is_refused(tmp_path):
    survey = _bomb(tmp_path / "survey.xlsx", rows=100_000)  # 5 MB of XML
    with pytest.raises(SurveyInputError) as caught:
        read_survey(survey)
    (problem,) = caught.value.problems
    assert re.fullmatch(
        r"the workbook's part xl/worksheets/sheet1\.xml unpacks to \d{3,} times its size, as no "
        r"spreadsheet does; save the sheet as CSV",
        problem.message,
    ), problem.message


def test_a_sheet_with_more_rows_than_allowed_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_ROWS", 3)
    answers = pd.DataFrame({"respondent": [1, 2, 3, 4], "q1": [1, 2, 1, 2]})
    answers.to_excel(tmp_path / "survey.xlsx", index=False)
    with pytest.raises(SurveyInputError) as caught:
        read_survey(tmp_path / "survey.xlsx")
    (problem,) = caught.value.problems
    assert problem.message == (
        "sheet Sheet1 has more than 3 rows, more than an Excel file may hold here; save it as CSV"
    )
