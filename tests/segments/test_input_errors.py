"""Every bad input gets a message that names the file, the row and the column (item)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samskab.segments.codebook import read_codebook
from samskab.segments.errors import InputError
from samskab.segments.survey import read_survey
from tests.segments.conftest import write

SURVEY = """\
q1,q2,w
1 Ja,1 Meget,1.5
2 Nej,2 Lidt,1
1 Ja,2 Lidt,0.5
2 Nej,1 Meget,2
"""


def _error(path: Path, codebook: Path | None = None) -> str:
    with pytest.raises(InputError) as caught:
        read_survey(path, read_codebook(codebook) if codebook else None)
    return str(caught.value)


def test_one_code_with_two_labels(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "q1\n1 Ja\n2 Nej\n1 Jo\n")
    assert (
        _error(path) == f"{path}, row 4, column q1: code 1 is labelled 'Jo' here but 'Ja' (row 2)"
    )


def test_an_answer_the_codebook_does_not_know(tmp_path: Path) -> None:
    book = write(
        tmp_path,
        "book.json",
        '{"items": [{"name": "q1", "kind": "categorical", "labels": {"1": "Ja", "2": "Nej"}}]}',
    )
    path = write(tmp_path, "s.csv", "q1\n1 Ja\n3 Maaske\nNej\nHvem ved\n")
    assert _error(path, book) == (
        f"{path}, row 3, column q1: '3 Maaske' is not one of the item's answers (1 Ja, 2 Nej)\n"
        f"{path}, row 5, column q1: 'Hvem ved' is not one of the item's answers (1 Ja, 2 Nej)"
    )


def test_text_in_a_numeric_item(tmp_path: Path) -> None:
    book = write(tmp_path, "book.json", '{"items": [{"name": "age", "kind": "numeric"}]}')
    path = write(tmp_path, "s.csv", "age\n34\nfyrre\n")
    assert _error(path, book) == f"{path}, row 3, column age: 'fyrre' is not a number"


def test_a_bad_codebook(tmp_path: Path) -> None:
    book = write(
        tmp_path,
        "book.json",
        '{"items": [{"name": "q1", "kind": "likert"}, {"name": "q2", "kind": "ordinal", "role": "key"}]}',
    )
    with pytest.raises(InputError) as caught:
        read_codebook(book)
    assert str(caught.value) == (
        f"{book}, column q1: kind 'likert' is not one of categorical, ordinal, numeric, text\n"
        f"{book}, column q2: role 'key' is not one of segmenting, descriptive"
    )


def test_files_that_are_not_surveys(tmp_path: Path) -> None:
    assert (
        _error(tmp_path / "s.pdf")
        == f"{tmp_path / 's.pdf'}: cannot read '.pdf' files; use .csv, .txt, .xlsx, .xlsm, .sav, .zsav"
    )
    assert _error(tmp_path / "none.csv") == f"{tmp_path / 'none.csv'}: no such file"
    header_only = write(tmp_path, "h.csv", "q1,q2\n")
    assert _error(header_only) == f"{header_only}: the file holds no answers"
    ragged = write(tmp_path, "r.csv", "q1,q2\n1,2\n1,2,3\n")
    assert _error(ragged) == f"{ragged}, row 3: the row does not have as many fields as the header"
    twice = write(tmp_path, "t.csv", "q1,q1\n1,2\n")
    assert _error(twice) == f"{twice}, column q1: the column appears twice"
    broken = tmp_path / "b.sav"
    broken.write_bytes(b"not spss")
    assert _error(broken).startswith(f"{broken}: not a readable SPSS file")


def test_items_that_cannot_form_segments(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = write(
        tmp_path, "s.csv", "q1,q2,age,note\n1 Ja,1 A,34,hej\n1 Ja,2 B,51,med\n1 Ja,1 A,29,dig\n"
    )
    result = cli("segments", "fit", "--survey", path, "--items", "q1,q3,note", "--classes", "2")
    assert result.status == 2
    assert result.err == (
        f"samskab: {path}, column q1: every respondent gives the same answer (or none), so it cannot separate segments\n"
        f"{path}, column q3: no such column in the survey (columns: q1, q2, age, note)\n"
        f"{path}, column note: a text item cannot form segments; name categorical or Likert items\n"
    )


def test_bad_weights_name_their_rows(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = write(
        tmp_path,
        "s.csv",
        SURVEY.replace("1.5", "0").replace("\n2 Nej,1 Meget,2", "\n2 Nej,1 Meget,"),
    )
    result = cli(
        "segments", "fit", "--survey", path, "--items", "q1,q2", "--classes", "2", "--weights", "w"
    )
    assert result.status == 2
    assert result.err == (
        f"samskab: {path}, row 2, column w: a weight must be a number above 0\n"
        f"{path}, row 5, column w: a weight must be a number above 0\n"
    )


def test_too_many_classes_for_the_respondents(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = write(tmp_path, "s.csv", SURVEY)
    result = cli("segments", "fit", "--survey", path, "--items", "q1,q2", "--classes", "3")
    assert (result.status, result.err) == (2, "samskab: 4 respondents are too few for 3 classes\n")


def test_bad_class_ranges_are_refused_by_the_parser(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = write(tmp_path, "s.csv", SURVEY)
    for bad in ("0", "6-2", "two", "2-30"):
        result = cli("segments", "fit", "--survey", path, "--items", "q1", "--classes", bad)
        assert result.status == 2 and "--classes" in result.err


def test_a_bad_csv_codebook_names_rows_and_items(tmp_path: Path) -> None:
    book = write(
        tmp_path,
        "codebook.csv",
        """\
        name;kind;role;question;code;label;missing
        q1;ordinal;segmenting;Hvor vigtig?;1;Ja;
        ;categorical;;;2;Nej;
        q2;likert;;;1;A;
        q2;;;;to;B;
        q3;numeric;;;;Label;
        q4;categorical;;;9;;måske
        """,
    )
    with pytest.raises(InputError) as caught:
        read_codebook(book)
    assert str(caught.value) == (
        f"{book}, row 3, column q1: kind 'categorical' differs from 'ordinal' given above\n"
        f"{book}, row 5, column q2: code 'to' is not a number\n"
        f"{book}, row 6, column q3: a label or missing mark needs a code\n"
        f"{book}, row 7, column q4: missing 'måske' is not yes or empty\n"
        f"{book}, row 4, column q2: kind 'likert' is not one of categorical, ordinal, numeric, text"
    )


def test_a_csv_codebook_with_missing_codes(tmp_path: Path) -> None:
    book = write(
        tmp_path,
        "codebook.csv",
        """\
        name,kind,role,question,code,label,missing
        q,categorical,segmenting,Tilfreds?,1,Ja,
        ,,,,2,Nej,
        ,,,,9,Ved ikke,ja
        """,
    )
    path = write(tmp_path, "s.csv", "q\n1 Ja\n2 Nej\n9 Ved ikke\n")
    survey = read_survey(path, read_codebook(book))
    item = survey.codebook["q"]
    assert (item.kind, item.role, item.question) == ("categorical", "segmenting", "Tilfreds?")
    assert item.labels == {1: "Ja", 2: "Nej", 9: "Ved ikke"} and item.missing == (9,)
    assert survey.answers["q"].isna().tolist() == [False, False, True]
    no_columns = write(tmp_path, "bad.csv", "variable,type\nq,ordinal\n")
    assert _error(path, no_columns) == (
        f"{no_columns}: a CSV codebook needs the columns name and kind "
        "(of name, kind, role, question, code, label, missing)"
    )


def test_a_byte_that_neither_utf8_nor_windows_1252_defines_is_named_by_its_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes("q1\n1 Ja\n2 Nej\n".encode("cp1252") + b"1 \x81\n")
    assert _error(path) == (
        f"{path}, row 4: byte 0x81 is neither UTF-8 nor Windows-1252 text; save the file as "
        "CSV UTF-8"
    )


def test_a_windows_1252_survey_is_read(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes("q1\n1 Æbler\n2 Nej\n".encode("cp1252"))
    survey = read_survey(path)
    assert survey.answers["q1"].tolist() == [1.0, 2.0]
    assert "Æbler" in survey.codebook.to_json()


def test_an_unknown_answer_given_again_is_reported_on_each_row(tmp_path: Path) -> None:
    book = write(
        tmp_path,
        "book.json",
        '{"items": [{"name": "q1", "kind": "categorical", "labels": {"1": "Ja", "2": "Nej"}}]}',
    )
    path = write(tmp_path, "s.csv", "q1\n3 Maaske\n1 Ja\n3 Maaske\nNej\n3 Maaske\n")
    assert _error(path, book) == "\n".join(
        f"{path}, row {row}, column q1: '3 Maaske' is not one of the item's answers (1 Ja, 2 Nej)"
        for row in (2, 4, 6)
    )
