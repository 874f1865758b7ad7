"""Reading survey files — CSV, XLSX (also a data sheet plus a labels sheet) and SPSS .sav —
into one table of answers per respondent, read through a codebook.

Whatever the format, answers are first taken as text, so that one set of rules (in
`codebook`) reads "1 Extremely well", "1" and a value label the same way.

Before anything else reads a file, a CPR-shaped value in any cell, column name or label (every
sheet of a workbook; an SPSS file's variable and value labels too) refuses it, naming file, row
and column and never the value (the fact base's rule, samskab.facts.cpr).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from samskab.common import workbooks
from samskab.facts.cpr import SURVEY_REMEDY, is_cpr_shaped, label_code
from samskab.facts.sources import cpr_frame_problems, cpr_header_problems
from samskab.segments.codebook import Codebook, Item, encode_column, infer_item
from samskab.segments.errors import InputError, Problem

SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".sav", ".zsav")
# Sheet names that a survey tool gives the sheet of answer labels (Danish and English).
_LABEL_SHEETS = re.compile(r"label|struktur|structure|variab|codebook|kodebog", re.IGNORECASE)
_VARIABLE = ("variable", "variabel", "item", "name", "navn", "spørgsmål id")
_VALUE = ("value", "værdi", "code", "kode")
_LABEL = ("label", "tekst", "text", "value label", "svar")
_QUESTION = ("question", "spørgsmål", "variable label", "variabellabel")


@dataclass(frozen=True)
class RawSurvey:
    """A survey file's answers as text (None when empty), with what the file says about them."""

    file: str
    answers: pd.DataFrame
    first_row: int  # the row number a user sees for the first respondent
    labels: dict[str, dict[float, str]] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)  # SPSS: nominal, ordinal, scale


@dataclass(frozen=True)
class Survey:
    """Answers read through a codebook: codes or numbers (float, NaN when missing), or text."""

    file: str
    answers: pd.DataFrame
    codebook: Codebook
    first_row: int

    def row_of(self, position: int) -> int:
        """Return the row number a user sees for the respondent at a 0-based position."""
        return self.first_row + position


def read_survey(path: Path, codebook: Codebook | None = None) -> Survey:
    """Return the survey in a file, read through `codebook`, or through one inferred from the
    file where none is given (items the codebook does not name are inferred too)."""
    raw = read_raw(path)
    items = []
    for name in raw.answers.columns:
        if codebook is not None and name in codebook.names():
            items.append(codebook[name])
        else:
            items.append(_inferred(raw, name))
    book = Codebook(tuple(items))
    problems: list[Problem] = []
    columns = {}
    for item in book.items:
        try:
            columns[item.name] = encode_column(
                raw.file, item, raw.answers[item.name], raw.first_row
            )
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return Survey(raw.file, pd.DataFrame(columns), book, raw.first_row)


def _inferred(raw: RawSurvey, name: str) -> Item:
    known = raw.labels.get(name, {})
    item = infer_item(raw.file, name, raw.answers[name], raw.first_row, known)
    measure = raw.measures.get(name)
    if item.is_coded and measure in ("nominal", "ordinal"):
        item = Item(item.name, "categorical" if measure == "nominal" else "ordinal", item.role,
                    labels=item.labels)  # fmt: skip
    elif item.is_coded and measure == "scale" and not known:
        item = Item(item.name, "numeric")  # SPSS says it is a quantity, and labels none of it
    question = raw.questions.get(name, "")
    return Item(item.name, item.kind, item.role, question, item.labels, item.missing)


def read_raw(path: Path) -> RawSurvey:
    """Return a survey file's answers as text, by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        problem = Problem.of(str(path), "unknown_suffix", suffix=suffix, use=", ".join(SUFFIXES))
        raise InputError([problem])
    if not path.is_file():
        raise InputError([Problem.of(str(path), "no_such_file")])
    if suffix in (".sav", ".zsav"):
        raw = _read_spss(path)
    elif suffix in (".xlsx", ".xlsm"):
        raw = _read_excel(path)
    else:
        raw = _read_csv(path)
    _check_columns(raw)
    return raw


def _check_columns(raw: RawSurvey) -> None:
    names = [str(c) for c in raw.answers.columns]
    if not names or raw.answers.empty:
        raise InputError([Problem.of(raw.file, "no_answers")])
    _check_repeated(raw.file, names)


def _check_repeated(file: str, names: list[str]) -> None:
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InputError([Problem.of(file, "survey_column_twice", column=n) for n in repeated])


def _read_csv(path: Path) -> RawSurvey:
    header = _decoded(path).split("\n", 1)[0].rstrip("\r")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    # pandas would rename a repeated column to "q1.1"; a user should hear of it instead.
    try:
        names = [name.strip() for name in next(csv.reader([header], delimiter=delimiter), [])]
    except csv.Error as error:  # a stray quote or line break in the header
        problem = Problem.of(str(path), "unreadable_header", row=1, reason=str(error))
        raise InputError([problem]) from None
    _refuse(cpr_header_problems(str(path), names, remedy=SURVEY_REMEDY))
    _check_repeated(str(path), names)
    try:
        frame = pd.read_csv(
            path, sep=delimiter, dtype=str, keep_default_na=False, encoding=_encoding(path)
        )
    except (pd.errors.ParserError, ValueError) as error:
        line = re.search(r"line (\d+)", str(error))
        row = int(line.group(1)) if line else None
        raise InputError([Problem.of(str(path), "ragged_row", row=row)]) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    answers = _texts(frame)
    _refuse(
        cpr_frame_problems(str(path), answers, range(2, len(answers) + 2), remedy=SURVEY_REMEDY)
    )
    return RawSurvey(str(path), answers, first_row=2)


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)


def _encoding(path: Path) -> str:
    """Return UTF-8, else Windows-1252 (Excel's "CSV" on a Danish Windows machine); refuse a
    file that is neither, naming the row of the first byte that fits neither."""
    content = path.read_bytes()
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            content.decode("cp1252")
        except UnicodeDecodeError as error:
            row = content.count(b"\n", 0, error.start) + 1
            byte = f"0x{content[error.start]:02x}"
            raise InputError([Problem.of(str(path), "bad_byte", row=row, byte=byte)]) from None
        return "cp1252"
    return "utf-8-sig"


def _decoded(path: Path) -> str:
    return path.read_bytes().decode(_encoding(path))


def _texts(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with every cell as stripped text, or None for an empty cell."""
    texts: pd.DataFrame = frame.apply(lambda column: column.map(_cell_text)).astype(object)
    return texts


def _cell_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 3 as 3.0
    text = str(value).strip()
    return text or None


def _read_excel(path: Path) -> RawSurvey:
    try:
        workbooks.check_workbook(path)
        sheets = pd.read_excel(path, sheet_name=None, dtype=object, header=0,
                               nrows=workbooks.MAX_ROWS + 1)  # fmt: skip
        for name, sheet in sheets.items():
            workbooks.check_rows(len(sheet), str(name))
    except workbooks.WorkbookRefused as error:
        raise InputError([Problem.of(str(path), error.code, **error.params)]) from None
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        problem = Problem.of(str(path), "unreadable_excel", reason=str(error))
        raise InputError([problem]) from None
    label_sheets = [name for name in sheets if _LABEL_SHEETS.search(str(name))]
    data_sheets = [name for name in sheets if name not in label_sheets]
    first = data_sheets[0] if data_sheets else None
    _refuse([p for name, sheet in sheets.items() for p in _sheet_cpr(path, name, sheet, first)])
    if not data_sheets:
        raise InputError([Problem.of(str(path), "no_answer_sheet")])
    answers = sheets[data_sheets[0]].dropna(how="all")
    answers.columns = [str(c).strip() for c in answers.columns]
    labels: dict[str, dict[float, str]] = {}
    questions: dict[str, str] = {}
    for name in label_sheets:
        _read_label_sheet(f"{path}, sheet {name}", sheets[name], labels, questions)
    return RawSurvey(str(path), _texts(answers), 2, labels, questions)


def _sheet_cpr(path: Path, name: str, sheet: pd.DataFrame, answers: str | None) -> list[Problem]:
    """Return the CPR problems of one sheet of a workbook (read with its header row), named
    as the other problems of that sheet are: the sheet of answers by the file alone."""
    file = str(path) if name == answers else f"{path}, sheet {name}"
    rows = [int(i) + 2 for i in sheet.index]
    return cpr_frame_problems(file, _texts(sheet), rows, remedy=SURVEY_REMEDY)


def _read_label_sheet(
    where: str, sheet: pd.DataFrame, labels: dict[str, dict[float, str]], questions: dict[str, str]
) -> None:
    """Add the labels of a long labels sheet (variable, value, label; the variable written
    once above its values, as survey tools export it) and any question texts."""
    lower = {str(c).strip().casefold(): c for c in sheet.columns}
    variable = next((lower[n] for n in _VARIABLE if n in lower), None)
    value = next((lower[n] for n in _VALUE if n in lower), None)
    label = next((lower[n] for n in _LABEL if n in lower), None)
    question = next((lower[n] for n in _QUESTION if n in lower), None)
    if variable is None or (value is None) != (label is None):
        raise InputError([Problem.of(where, "labels_sheet_columns")])
    sheet = sheet.assign(**{str(variable): sheet[variable].ffill()})
    for position, row in enumerate(sheet.itertuples(index=False)):
        record = dict(zip(sheet.columns, row, strict=True))
        name = _cell_text(record[variable])
        if name is None:
            continue
        if question is not None and _cell_text(record[question]):
            questions.setdefault(name, str(_cell_text(record[question])))
        if value is not None and label is not None and _cell_text(record[value]) is not None:
            code = _sheet_code(where, record[value], position + 2, str(value))
            labels.setdefault(name, {})[code] = str(_cell_text(record[label]) or "")


def _sheet_code(where: str, cell: object, row: int, column: str) -> float:
    try:
        return float(str(_cell_text(cell)).replace(",", "."))
    except ValueError:
        problem = Problem.of(
            where, "not_numeric_code", row=row, column=column, value=str(_cell_text(cell))
        )
        raise InputError([problem]) from None


def _read_spss(path: Path) -> RawSurvey:
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    except Exception as error:  # pyreadstat raises its own error types for damaged files
        problem = Problem.of(str(path), "unreadable_spss", reason=str(error))
        raise InputError([problem]) from None
    answers = _texts(frame)
    cases = range(1, len(answers) + 1)
    problems = cpr_frame_problems(str(path), answers, cases, remedy=SURVEY_REMEDY, header_row=None)
    _refuse(problems + _spss_label_cpr(str(path), meta))
    labels = {
        name: {float(code): str(text) for code, text in value_labels.items()}
        for name, value_labels in meta.variable_value_labels.items()
        if all(isinstance(code, int | float) for code in value_labels)
    }
    questions = {k: v for k, v in meta.column_names_to_labels.items() if v}
    measures = {k: str(v) for k, v in meta.variable_measure.items()}
    # SPSS numbers case by case from 1; there is no header row.
    return RawSurvey(str(path), answers, 1, labels, questions, measures)


def _spss_label_cpr(file: str, meta: Any) -> list[Problem]:
    """Return a problem for each variable whose label or value labels hold a CPR-shaped value."""
    texts: dict[str, list[object]] = {}
    for name, label in meta.column_names_to_labels.items():
        texts.setdefault(name, []).append(label)
    for name, value_labels in meta.variable_value_labels.items():
        texts.setdefault(name, []).extend([*value_labels, *value_labels.values()])
    code = label_code(SURVEY_REMEDY)
    return [
        Problem.of(file, code, column=name)
        for name, found in texts.items()
        if any(is_cpr_shaped(_cell_text(text)) for text in found)
    ]
