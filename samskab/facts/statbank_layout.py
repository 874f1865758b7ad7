"""The two layouts FLY66 data reach a user in, read into observations with their places.

- the API's CSV and BULK output: a header of variable codes (TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;
  INDHOLD), then one observation per line, with labels ("Herning") or codes ("657");
- a download from statistikbanken.dk: optional title lines, labels such as "Til Herning" and
  "Fra Herning", and the years either as a column or as a line above the values (the pivot).
Every cell keeps its line and column, so statbank.py can name them in an error.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from samskab.facts.errors import InputError, Problem
from samskab.facts.municipalities import ABROAD, resolve_municipality

YEAR = re.compile(r"^\d{4}$")
TOTAL = re.compile(r"\b(?:i ?alt|total|tot|hele landet|all denmark)\b", re.IGNORECASE)
_PREFIX = re.compile(r"^(til|fra|to|from)\s+", re.IGNORECASE)
_ABROAD = {"udlandet", "udland", "abroad"}
_HEADER_ROLES = {
    **dict.fromkeys(("tilkommune", "tilflytningskommune"), "to"),
    **dict.fromkeys(("frakommune", "fraflytningskommune"), "from"),
    **dict.fromkeys(("tid", "time"), "year"),
    **dict.fromkeys(("indhold", "content"), "moves"),
}
_API_NAMES = {"to": "TILKOMMUNE", "from": "FRAKOMMUNE", "year": "TID", "moves": "INDHOLD"}
TOTAL_ROW = -1  # a "Hele landet"/"I alt" municipality: not a pair of municipalities
_MAX_PER_COLUMN = 5
# Names the web interface may put above the labels of a pivoted download.
_VARIABLE_NAMES = {"", "alder", "køn", "age", "sex", *_HEADER_ROLES}
_ROLE_NAMES = {"to": "to municipality", "from": "from municipality", "year": "year"}


@dataclass(frozen=True)
class Cell:
    text: str
    row: int
    column: str


@dataclass(frozen=True)
class Observation:
    to: Cell
    source: Cell
    year: Cell
    moves: Cell
    others: tuple[str, ...]  # labels of the other dimensions (age, sex), in column order


class Problems:
    """Problems of one file, at most a few per column so a broken file stays readable."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []
        self._per_column: dict[str | None, int] = {}

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        count = self._per_column.get(column, 0) + 1
        self._per_column[column] = count
        if count <= _MAX_PER_COLUMN:
            self.items.append(Problem(self.file, message, row, column))

    def raise_if_any(self) -> None:
        hidden = {
            c: n - _MAX_PER_COLUMN for c, n in self._per_column.items() if n > _MAX_PER_COLUMN
        }
        extra = [
            Problem(self.file, f"{n} more problems like these", None, c) for c, n in hidden.items()
        ]
        if self.items:
            raise InputError(self.items + extra)


def observations(rows: list[tuple[int, list[str]]], problems: Problems) -> list[Observation]:
    """Return the observations of a file's lines, in either layout."""
    header = _api_header(rows)
    if header is None:
        return _web_observations(rows, problems)
    return _api_observations(rows, header, problems)


def read_rows(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # the web interface's ISO-8859-1
    if "\x00" in text:
        raise InputError([Problem(name, "not a text file: expected StatBank FLY66 data (CSV)")])
    reader = csv.reader(io.StringIO(text), delimiter=";")
    rows = [(reader.line_num, [cell.strip() for cell in row]) for row in reader]
    rows = [(line, cells) for line, cells in rows if any(cells)]
    if not rows:
        raise InputError([Problem(name, "the file is empty: expected StatBank FLY66 data")])
    return rows


def _api_header(rows: list[tuple[int, list[str]]]) -> int | None:
    """Return the index of the API's header line (TILKOMMUNE;...;INDHOLD), if the file has one."""
    for index, (_, cells) in enumerate(rows[:10]):
        names = {cell.casefold() for cell in cells}
        roles = {_HEADER_ROLES.get(n) for n in names}
        if "indhold" in names or "content" in names or {"to", "from"} <= roles:
            return index
    return None


def _api_observations(
    rows: list[tuple[int, list[str]]], header_at: int, problems: Problems
) -> list[Observation]:
    line, header = rows[header_at]
    roles = [_HEADER_ROLES.get(name.casefold()) for name in header]
    missing = ", ".join(_API_NAMES[r] for r in _API_NAMES if r not in roles)
    if missing:
        header_text = ";".join(header)
        problems.add(
            f"this is not FLY66: the header names {header_text}, and lacks {missing}", line
        )
        return []
    observations = []
    for line, cells in rows[header_at + 1 :]:
        if len(cells) != len(header):
            problems.add(
                f"expected {len(header)} values separated by ';' as in the header, "
                f"found {len(cells)}",
                line,
            )
            continue
        by_role = {r: Cell(cells[i], line, header[i]) for i, r in enumerate(roles) if r}
        others = tuple(cells[i] for i, r in enumerate(roles) if r is None)
        observations.append(
            Observation(by_role["to"], by_role["from"], by_role["year"], by_role["moves"], others)
        )
    return observations


@dataclass
class _Grid:
    """The data lines of a web download: labels on the left, values on the right."""

    years: list[tuple[int, str]]  # (position, year) from a line above the values, if pivoted
    lines: list[tuple[int, list[str], list[str]]]  # (line, labels, values)


def _web_grid(rows: list[tuple[int, list[str]]], problems: Problems) -> _Grid:
    grid = _Grid([], [])
    width = 0
    for line, cells in rows:
        filled = [c for c in cells if c]
        if not grid.lines and _is_year_line(cells):
            grid.years = [(i, c) for i, c in enumerate(cells) if c]
            continue
        if len(filled) < 2:
            continue  # a title ("Flytninger mellem kommuner ..."), the unit, or a footnote
        stub = grid.years[0][0] if grid.years else (width or len(cells)) - 1
        width = width or len(cells)
        if grid.years and len(cells) <= grid.years[-1][0]:
            problems.add(
                f"expected a value for each of the years "
                f"{', '.join(y for _, y in grid.years)}, found {len(cells) - stub}",
                line,
            )
        elif not grid.years and len(cells) != width:
            problems.add(
                f"expected {width} values separated by ';' as on line "
                f"{grid.lines[0][0]}, found {len(cells)}",
                line,
            )
        else:
            grid.lines.append((line, cells[:stub], cells[stub:]))
    return grid


def _is_year_line(cells: list[str]) -> bool:
    """Return True for the line of years above a pivoted download's values."""
    first = next((i for i, c in enumerate(cells) if YEAR.match(c)), None)
    if not first or any(c and not YEAR.match(c) for c in cells[first:]):
        return False
    return all(c.casefold() in _VARIABLE_NAMES for c in cells[:first])


def _web_observations(rows: list[tuple[int, list[str]]], problems: Problems) -> list[Observation]:
    grid = _web_grid(rows, problems)
    if not grid.lines:
        problems.add("no data lines: expected semicolon-separated StatBank FLY66 data")
        return []
    labels = _fill_down([(line, stub) for line, stub, _ in grid.lines], problems)
    roles = _label_roles([stub for _, stub in labels], bool(grid.years), problems)
    if roles is None:
        return []
    names = [f"{i + 1} ({_ROLE_NAMES.get(r or '', 'label')})" for i, r in enumerate(roles)]
    observations = []
    for (line, stub), (_, _, values) in zip(labels, grid.lines, strict=True):
        cells = {r: Cell(stub[i], line, names[i]) for i, r in enumerate(roles) if r}
        others = tuple(stub[i] for i, r in enumerate(roles) if r is None)
        columns = grid.years or [(len(stub), "")]
        for position, year in columns:
            value = Cell(values[position - len(stub)], line, year or f"{position + 1} (moves)")
            when = cells.get("year") or Cell(year, line, year)
            observations.append(Observation(cells["to"], cells["from"], when, value, others))
    return observations


def _fill_down(
    lines: list[tuple[int, list[str]]], problems: Problems
) -> list[tuple[int, list[str]]]:
    """Return the label lines with empty labels repeated from the line above, as the web shows."""
    filled: list[tuple[int, list[str]]] = []
    previous: list[str] = []
    for line, stub in lines:
        current = [c or (previous[i] if i < len(previous) else "") for i, c in enumerate(stub)]
        for i, cell in enumerate(current):
            if not cell:
                problems.add("empty label with no label above it to repeat", line, str(i + 1))
        filled.append((line, current))
        previous = current
    return filled


def _label_roles(
    stubs: list[list[str]], pivoted: bool, problems: Problems
) -> list[str | None] | None:
    """Return what each label column holds: "to", "from", "year", or None (age, sex, ...)."""
    roles: list[str | None] = []
    unnamed: list[int] = []
    for i, column in enumerate(zip(*stubs, strict=True)):
        prefixes = {m.group(1).casefold() for m in map(_PREFIX.match, column) if m}
        if not pivoted and all(YEAR.match(c) for c in column):
            roles.append("year")
        elif prefixes:
            roles.append("to" if prefixes & {"til", "to"} else "from")
        else:
            roles.append(None)
            if 2 * sum(label_code(c) is not None for c in column) >= len(column):
                unnamed.append(i)
    for i, role in zip(unnamed, [r for r in ("to", "from") if r not in roles], strict=False):
        roles[i] = role  # FLY66 lists the to-municipality before the from-municipality
    return _check_roles(roles, pivoted, problems)


def _check_roles(
    roles: list[str | None], pivoted: bool, problems: Problems
) -> list[str | None] | None:
    if "to" not in roles or "from" not in roles:
        problems.add(
            "this is not FLY66: expected a column of to-municipalities ('Til Herning') "
            "and one of from-municipalities ('Fra Herning')"
        )
        return None
    if not pivoted and "year" not in roles:
        problems.add(
            "no year: expected a column of years (2024) or a line of years above the values"
        )
        return None
    return roles


def label_code(label: str) -> int | None:
    """Return the municipality code a FLY66 label names, ABROAD, TOTAL_ROW, or None."""
    text = _PREFIX.sub("", label.strip())
    if text.casefold() in _ABROAD:
        return ABROAD
    if TOTAL.search(text):
        return TOTAL_ROW
    return resolve_municipality(text)
