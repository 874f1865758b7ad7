"""What every FLY66 layout shares (cells, observations, problems, labels), and the API's layout.

The layouts FLY66 data reach a user in:
- the API's CSV and BULK output: a header of variable codes (TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;
  INDHOLD), then one observation per line, with labels ("Herning") or codes ("657");
- a download from statistikbanken.dk: optional title lines, optional heading lines above the
  counts, then a line per combination of the variables in the stub: their labels on the left
  ("Til Herning", "Fra Holstebro", "2024", "25 år", "Kvinder"), and on the right one count per
  combination of the variables the user put across the columns (years, ages, sexes, even the
  municipalities). Heading lines name those columns, and each count is then kept apart under its
  heading; a download without them has only numbers on the right, which are added up.
  A column is a label column when it holds names or codes (years, municipality codes), never
  when it holds counts; where that cannot be told safely, the file is refused with the layouts
  that are understood (`LAYOUTS`), never guessed.
statbank_web.py reads the downloads. Every cell keeps its line and column, so statbank.py can
name them in an error.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from samskab.facts.cpr import is_cpr_shaped
from samskab.facts.errors import InputError, Problem
from samskab.facts.municipalities import ABROAD, resolve_municipality

YEAR = re.compile(r"^(?:19|20)\d\d$")
TOTAL = re.compile(r"\b(?:i ?alt|total|tot|hele landet|all denmark)\b", re.IGNORECASE)
TOTAL_ROW = -1  # a "Hele landet"/"I alt" municipality: not a pair of municipalities
PREFIX = re.compile(r"^(til|fra|to|from)\s+", re.IGNORECASE)
MISSING = {"", "..", "-"}  # nothing published (BULK leaves the cell empty): counts 0
# Whole counts, optionally with thousands separators as the web interface may write them.
COUNT = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+)$")
# More moves than any one count holds (Denmark has six million people): beyond it a number is
# a mistake, and the sums of counts stay far inside 64-bit integers.
MAX_COUNT = 1_000_000_000
_ABROAD = {"udlandet", "udland", "abroad"}
LAYOUTS = (
    "The layouts understood: (1) the API's CSV or BULK, a header TILKOMMUNE;FRAKOMMUNE;"
    "[ALDER;KØN;]TID;INDHOLD and one count a line, with labels or codes; (2) a download from "
    "statistikbanken.dk with the labels on the left (to-municipality 'Til Herning', "
    "from-municipality 'Fra Herning', year, and any of age and sex, in any order) and one count "
    "on the right; (3) the same with heading lines above the counts naming the variables put "
    "across the columns (years, ages, sexes or municipalities): each count is kept apart under "
    "its heading; (4) the same without heading lines: the year is among the labels, and the "
    "counts of a line, all of one variable across the columns, are added up."
)
_HEADER_ROLES = {
    **dict.fromkeys(("tilkommune", "tilflytningskommune"), "to"),
    **dict.fromkeys(("frakommune", "fraflytningskommune"), "from"),
    **dict.fromkeys(("tid", "time"), "year"),
    **dict.fromkeys(("indhold", "content"), "moves"),
}
_API_NAMES = {"to": "TILKOMMUNE", "from": "FRAKOMMUNE", "year": "TID", "moves": "INDHOLD"}
_MAX_PER_COLUMN = 5


ROLES = ("to", "from", "year", "moves")


@dataclass(frozen=True)
class Reading:
    """What one file held: its observations, its data lines and its layout in words.

    `table` has a row per observation (a count): for each role in ROLES its text, and where it
    stands in the file (`<role>_row`, the line, and `<role>_column`, the column as a user would
    name it); `other_0`, `other_1` ... the labels of the other variables (age, sex), in column
    order; and `labelled`, False for a count of a download without heading lines that holds
    several counts a line: nothing tells it from its neighbours, so it cannot be matched with
    another file's.
    """

    table: pd.DataFrame
    lines: int
    layout: str

    @staticmethod
    def empty(lines: int = 0) -> Reading:
        return Reading(pd.DataFrame(columns=_TABLE_COLUMNS), lines, "")


_TABLE_COLUMNS = [*(f"{r}{s}" for r in ROLES for s in ("", "_row", "_column")), "labelled"]


class Problems:
    """Problems of one file, at most a few per column so a broken file stays readable."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []
        self._per_column: dict[str | None, int] = {}
        self._seen: set[tuple[str, int | None, str | None]] = set()

    def add_all(
        self, found: pd.DataFrame, role: str, problem: Callable[[str], tuple[str, dict[str, Any]]]
    ) -> None:
        """Add a problem for each distinct bad cell of `role` in `found` (rows of a table), a
        few per column, and count the rest; `problem(text)` is the cell's code and parameters."""
        cells = found[[role, f"{role}_row", f"{role}_column"]].drop_duplicates()
        for column, group in cells.groupby(f"{role}_column", sort=False, observed=True):
            for text, row in group[[role, f"{role}_row"]].head(_MAX_PER_COLUMN).values:
                code, params = problem(str(text))
                self.add(code, int(row), str(column), **params)
            if len(group) > _MAX_PER_COLUMN:
                name = str(column)
                self._per_column[name] = (
                    self._per_column.get(name, 0) + len(group) - _MAX_PER_COLUMN
                )

    def add(
        self, code: str, row: int | None = None, column: str | None = None, /, **params: Any
    ) -> None:
        """Add the problem `code` (of problem_texts.PROBLEMS) at a line and column."""
        problem = Problem.of(self.file, code, row=row, column=column, **params)
        if (problem.message, row, column) in self._seen:
            return  # a heading's problem, met again on every line under it
        self._seen.add((problem.message, row, column))
        count = self._per_column.get(column, 0) + 1
        self._per_column[column] = count
        if count <= _MAX_PER_COLUMN:
            self.items.append(problem)

    def raise_if_any(self) -> None:
        hidden = {
            c: n - _MAX_PER_COLUMN for c, n in self._per_column.items() if n > _MAX_PER_COLUMN
        }
        extra = [
            Problem.of(self.file, "more_like_these", column=c, number=n) for c, n in hidden.items()
        ]
        if self.items:
            raise InputError(self.items + extra)


@dataclass(frozen=True)
class Column:
    """A column of the data lines: its distinct texts, in order of appearance, and how often."""

    texts: list[str]
    times: list[int]

    @staticmethod
    def of(values: np.ndarray) -> Column:
        codes, uniques = pd.factorize(values)
        times = np.bincount(codes, minlength=len(uniques))
        return Column([str(u) for u in uniques], [int(t) for t in times])

    def holds_names(self) -> bool:
        """Return True when most of the filled cells are names rather than counts."""
        names = counts = 0
        for text, times in zip(self.texts, self.times, strict=True):
            if text and is_count(text):
                counts += times
            elif text:
                names += times
        return names > counts

    def all(self, test: Callable[[str], bool]) -> bool:
        filled = [t for t in self.texts if t]
        return bool(filled) and all(test(t) for t in filled)

    def first_name(self) -> str:
        return next((t for t in self.texts if t and not is_count(t)), "")

    def first(self) -> str:
        return next((t for t in self.texts if t), "")


def api_reading(rows: list[tuple[int, list[str]]], problems: Problems) -> Reading | None:
    """Return the observations of the API's CSV or BULK output, or None for another layout."""
    header = _api_header(rows)
    if header is None:
        return None
    table = _api_table(rows, header, problems)
    return Reading(table, len(table), "the API's CSV or BULK, one count a line")


def is_year(text: str) -> bool:
    return bool(YEAR.match(text))


def count_of(text: str) -> int | None:
    """Return a count's number: 0 for nothing published (".." or "-", BULK's empty cell)."""
    if text in MISSING:
        return 0
    if COUNT.match(text):
        number = int(text.replace(".", "").replace(",", ""))
        return number if number <= MAX_COUNT else None
    return None


def total_column(counts: np.ndarray) -> int | None:
    """Return the first column (of a grid of count texts) that is the sum of the others on
    every line and not 0 everywhere, or None; None too when a text is not a count."""
    codes, uniques = pd.factorize(counts.reshape(-1))
    numbers = [count_of(str(u)) for u in uniques]
    if any(n is None for n in numbers):
        return None  # a count that is not a number is reported as such
    values = np.array(numbers, dtype=np.int64)[codes].reshape(counts.shape)
    total = values.sum(axis=1, keepdims=True)
    sums = ((2 * values == total).all(axis=0) & (values > 0).any(axis=0)).nonzero()[0]
    return int(sums[0]) if len(sums) else None


def is_count(text: str) -> bool:
    """Return True for a count or StatBank's mark of nothing published (".." or "-")."""
    return bool(COUNT.match(text)) or (text in MISSING and text != "")


def read_rows(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # the web interface's ISO-8859-1
    if "\x00" in text:
        raise InputError([Problem.of(name, "not_text_file")])
    # newline=None: a carriage return alone ends a line too, as it does in an editor.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=";")
    try:
        rows = [(reader.line_num, [cell.strip() for cell in row]) for row in reader]
    except csv.Error as error:  # a field longer than any label or count
        problem = Problem.of(name, "not_semicolon_text", row=reader.line_num, reason=str(error))
        raise InputError([problem]) from None
    rows = [(line, cells) for line, cells in rows if any(cells)]
    if not rows:
        raise InputError([Problem.of(name, "empty_statbank_file")])
    if _MAYBE_CPR.search(text):  # one pass over the text; the cells only when it may hold one
        _refuse_cpr(name, rows)
    return rows


# Every CPR-shaped value (facts.cpr) holds four digits, at most three other characters, and
# four more digits: a file without such a run holds none.
_MAYBE_CPR = re.compile(r"[0-9]{4}[^;\r\n]{0,3}[0-9]{4}")


def _refuse_cpr(name: str, rows: list[tuple[int, list[str]]]) -> None:
    """Raise InputError naming each line and column (counted from 1) whose cell is shaped like
    a CPR number, never the value: a StatBank table holds labels and counts only."""
    problems = Problems(name)  # a few per column, and how many more
    for line, cells in rows:
        for position, cell in enumerate(cells, start=1):
            if is_cpr_shaped(cell):
                problems.add("cpr_cell_statbank", line, str(position))
    problems.raise_if_any()


def data_lines(
    rows: list[tuple[int, list[str]]], width: int, problems: Problems
) -> tuple[np.ndarray, list[int]]:
    """Return the lines under an API header as a grid of texts, and their line numbers; a
    line with another number of cells than the header is a problem and left out."""
    kept, lines = [], []
    for line, cells in rows:
        if len(cells) != width:
            problems.add("values_as_in_header", line, width=width, found=len(cells))
            continue
        kept.append(cells)
        lines.append(line)
    return np.array(kept, dtype=object).reshape(len(kept), width), lines


def _api_header(rows: list[tuple[int, list[str]]]) -> int | None:
    """Return the index of the API's header line (TILKOMMUNE;...;INDHOLD), if the file has one.

    A line of variable codes only is the API's too (and is refused if it lacks one); a line that
    names the stub's variables and then the columns' labels is a download's heading.
    """
    for index, (_, cells) in enumerate(rows[:10]):
        names = {cell.casefold() for cell in cells if cell}
        roles = {_HEADER_ROLES.get(n) for n in names}
        if "moves" in roles:
            return index
        if {"to", "from"} <= roles and names <= {*_HEADER_ROLES, "alder", "køn", "age", "sex"}:
            return index
    return None


def _api_table(
    rows: list[tuple[int, list[str]]], header_at: int, problems: Problems
) -> pd.DataFrame:
    line, header = rows[header_at]
    roles = [_HEADER_ROLES.get(name.casefold()) for name in header]
    missing = ", ".join(_API_NAMES[r] for r in _API_NAMES if r not in roles)
    if missing:
        header_text = ";".join(header)
        problems.add("not_fly66_header", line, header=header_text, missing=missing, layouts=LAYOUTS)
        return Reading.empty().table
    grid, lines = data_lines(rows[header_at + 1 :], len(header), problems)
    table: dict[str, Any] = {}
    others = 0
    for i, role in enumerate(roles):
        if role is None:
            table[f"other_{others}"] = grid[:, i]
            others += 1
        else:
            table[role], table[f"{role}_row"], table[f"{role}_column"] = (
                grid[:, i],
                lines,
                header[i],
            )
    return pd.DataFrame(table).assign(labelled=True)


def label_code(label: str) -> int | None:
    """Return the municipality code a FLY66 label names, ABROAD, TOTAL_ROW, or None."""
    text = PREFIX.sub("", label.strip())
    if text.casefold() in _ABROAD:
        return ABROAD
    if TOTAL.search(text):
        return TOTAL_ROW
    return resolve_municipality(text)
