"""A survey with a CPR number anywhere (a cell, a column name, a labels sheet, an SPSS label) is
refused before anything else reads it, naming file, row and column and never the number."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from samskab.segments.errors import InputError
from samskab.segments.survey import read_survey

from .conftest import write

REMEDY = "a survey must not hold CPR numbers: remove them before importing"
CELL = f"holds a value shaped like a CPR number (DDMMYY-XXXX); {REMEDY}"
SURVEY = """\
respondent,housing,town
r1,1 Vigtigt,Herning
r2,2 Uvigtigt,Ikast
r3,1 Vigtigt,Herning
"""


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_survey(path)
    problems = [str(p) for p in caught.value.problems]
    assert not any(digits in text for text in problems for digits in ("2231", "1234"))
    return problems


@pytest.mark.parametrize(
    "cpr", ["120388-2231", "1203882231", "120388 2231", "120388\u20132231", "809871234"]
)
def test_a_cpr_number_in_a_csv_cell_is_refused(tmp_path, cpr):
    path = write(tmp_path, "survey.csv", SURVEY.replace("r2,", f"{cpr},"))
    assert _problems(path) == [f"{path}, row 3, column respondent: {CELL}"]


def test_a_cpr_number_in_an_answer_is_refused_before_the_codebook_reads_it(tmp_path):
    # Without the CPR check first, the codebook would say "'120388-2231' is not a label".
    path = write(tmp_path, "survey.csv", SURVEY.replace("2 Uvigtigt", "120388-2231"))
    assert _problems(path) == [f"{path}, row 3, column housing: {CELL}"]


def test_a_cpr_number_in_the_header_is_named_by_position(tmp_path):
    path = write(tmp_path, "survey.csv", SURVEY.replace("town", "120388-2231"))
    assert _problems(path) == [
        f"{path}, row 1, column 3: the name of the column in position 3 (counted from the left) "
        f"is shaped like a CPR number (DDMMYY-XXXX); {REMEDY}"
    ]


def test_a_repeated_cpr_header_is_not_shown_as_a_repeated_column(tmp_path):
    text = "respondent,housing,809871234,809871234\nr1,1 Vigtigt,a,b\nr2,2 Uvigtigt,c,d\n"
    path = write(tmp_path, "survey.csv", text)
    assert [p.split(": ")[0] for p in _problems(path)] == [
        f"{path}, row 1, column 3",
        f"{path}, row 1, column 4",
    ]


def test_an_excel_number_and_a_labels_sheet_are_checked(tmp_path):
    path = tmp_path / "survey.xlsx"
    answers = pd.DataFrame({"respondent": [1, 809871234, 3], "housing": [1, 2, 1]})
    labels = pd.DataFrame(
        {"Variable": ["housing", None], "Value": [1, 2], "Label": ["Vigtigt", "0101901234"]}
    )
    with pd.ExcelWriter(path) as writer:
        answers.to_excel(writer, sheet_name="Data", index=False)
        labels.to_excel(writer, sheet_name="Labels", index=False)
    assert _problems(path) == [
        f"{path}, row 3, column respondent: {CELL}",
        f"{path}, sheet Labels, row 3, column Label: {CELL}",
    ]


def test_an_spss_file_is_checked_in_its_cases_and_labels(tmp_path):
    path = tmp_path / "survey.sav"
    pyreadstat.write_sav(
        pd.DataFrame({"id": [1.0, 809871234.0, 3.0], "housing": [1.0, 2.0, 1.0]}),
        str(path),
        column_labels=["Respondent", "Bolig (ring 120388-2231)"],
        variable_value_labels={"housing": {1.0: "Vigtigt", 2.0: "Uvigtigt"}},
    )
    assert _problems(path) == [
        f"{path}, row 2, column id: {CELL}",
        f"{path}, column housing: a label of this column is shaped like a CPR number "
        f"(DDMMYY-XXXX); {REMEDY}",
    ]


def test_numeric_respondent_ids_pass(tmp_path):
    rng = random.Random(3)
    ids = [rng.randrange(10**9, 10**10) for _ in range(60)]
    lines = ["respondent,housing"] + [f"{i},{1 + n % 2}" for n, i in enumerate(ids)]
    survey = read_survey(write(tmp_path, "survey.csv", "\n".join(lines) + "\n"))
    assert len(survey.answers) == 60


def test_the_cli_refuses_without_the_number(tmp_path, cli):
    path = write(tmp_path, "survey.csv", SURVEY.replace("Ikast", "ring 120388 2231"))
    result = cli("segments", "codebook", "--survey", path)
    assert result.status == 2
    assert result.err == f"samskab: {path}, row 3, column town: {CELL}\n"
