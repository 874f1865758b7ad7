"""Read Statistics Denmark's table FLY66 (moves between municipalities) and balance it.

FLY66 reaches a user in two shapes, both semicolon separated:
- the API's CSV and BULK output: a header of variable codes (TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;
  INDHOLD), then one observation per line, with labels ("Herning") or, with
  valuePresentation=Code, codes ("657");
- a download from statistikbanken.dk: optional title lines, labels such as "Til Herning" and
  "Fra Herning", and the years either as a column or as a line above the values (the pivot).
Missing or suppressed observations are written ".." or "-" (and left empty in BULK); they count 0.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from samskab.facts.errors import AnalysisUnavailable, FactsError, InputError, Problem
from samskab.facts.municipalities import (
    ABROAD,
    municipality_codes,
    municipality_name,
    resolve_municipality,
)

FLY66_COLUMNS = ["year", "to_municipality", "from_municipality", "moves"]
BALANCE_COLUMNS = ["municipality_code", "municipality", "moves_in", "moves_out", "net"]

_SUFFIXES = {".csv", ".txt"}
_MISSING = {"", "..", "-"}
_YEAR = re.compile(r"^\d{4}$")
# Whole counts, optionally with thousands separators as the web interface may write them.
_COUNT = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+)$")
_TOTAL = re.compile(r"\b(?:i ?alt|total|tot|hele landet|all denmark)\b", re.IGNORECASE)
_PREFIX = re.compile(r"^(til|fra|to|from)\s+", re.IGNORECASE)
_ABROAD = {"udlandet", "udland", "abroad"}
_HEADER_ROLES = {
    **dict.fromkeys(("tilkommune", "tilflytningskommune"), "to"),
    **dict.fromkeys(("frakommune", "fraflytningskommune"), "from"),
    **dict.fromkeys(("tid", "time"), "year"),
    **dict.fromkeys(("indhold", "content"), "moves"),
}
_API_NAMES = {"to": "TILKOMMUNE", "from": "FRAKOMMUNE", "year": "TID", "moves": "INDHOLD"}
_TOTAL_ROW = -1  # a "Hele landet"/"I alt" municipality: not a pair of municipalities
_MAX_PER_COLUMN = 5
# Names the web interface may put above the labels of a pivoted download.
_VARIABLE_NAMES = {"", "alder", "køn", "age", "sex", *_HEADER_ROLES}
_ROLE_NAMES = {"to": "to municipality", "from": "from municipality", "year": "year"}


@dataclass(frozen=True)
class _Cell:
    text: str
    row: int
    column: str


@dataclass(frozen=True)
class _Observation:
    to: _Cell
    source: _Cell
    year: _Cell
    moves: _Cell
    others: tuple[str, ...]  # labels of the other dimensions (age, sex), in column order


class _Problems:
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


def read_fly66(paths: Sequence[Path]) -> pd.DataFrame:
    """Return FLY66 moves as year, to_municipality, from_municipality, moves (ints), summed.

    Each path is a file or a folder whose .csv and .txt files are all read. Rows are summed over
    age, sex and files; where a file has both total rows ("I alt") and split rows, the totals win.
    """
    frames: list[pd.DataFrame] = []
    problems: list[Problem] = []
    for file in _expand(paths, problems):
        try:
            frames.append(_read_file(file))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in FLY66_COLUMNS})
    moves = pd.concat(frames, ignore_index=True)
    summed = moves.groupby(FLY66_COLUMNS[:3], as_index=False).sum()
    return summed.astype("int64").sort_values(FLY66_COLUMNS[:3], ignore_index=True)


def _expand(paths: Sequence[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in _SUFFIXES)
            if not found:
                problems.append(Problem(str(path), "no .csv or .txt files in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), "file not found"))
    return files


def _read_file(path: Path) -> pd.DataFrame:
    name = str(path)
    rows = _rows(name, path.read_bytes())
    problems = _Problems(name)
    header = _api_header(rows)
    if header is None:
        observations = _web_observations(rows, problems)
    else:
        observations = _api_observations(rows, header, problems)
    problems.raise_if_any()  # before converting, so a file that is not FLY66 says only that
    frame = _convert(observations, problems)
    problems.raise_if_any()
    return frame


def _rows(name: str, data: bytes) -> list[tuple[int, list[str]]]:
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
    rows: list[tuple[int, list[str]]], header_at: int, problems: _Problems
) -> list[_Observation]:
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
        by_role = {r: _Cell(cells[i], line, header[i]) for i, r in enumerate(roles) if r}
        others = tuple(cells[i] for i, r in enumerate(roles) if r is None)
        observations.append(
            _Observation(by_role["to"], by_role["from"], by_role["year"], by_role["moves"], others)
        )
    return observations


@dataclass
class _Grid:
    """The data lines of a web download: labels on the left, values on the right."""

    years: list[tuple[int, str]]  # (position, year) from a line above the values, if pivoted
    lines: list[tuple[int, list[str], list[str]]]  # (line, labels, values)


def _web_grid(rows: list[tuple[int, list[str]]], problems: _Problems) -> _Grid:
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
    first = next((i for i, c in enumerate(cells) if _YEAR.match(c)), None)
    if not first or any(c and not _YEAR.match(c) for c in cells[first:]):
        return False
    return all(c.casefold() in _VARIABLE_NAMES for c in cells[:first])


def _web_observations(rows: list[tuple[int, list[str]]], problems: _Problems) -> list[_Observation]:
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
        cells = {r: _Cell(stub[i], line, names[i]) for i, r in enumerate(roles) if r}
        others = tuple(stub[i] for i, r in enumerate(roles) if r is None)
        columns = grid.years or [(len(stub), "")]
        for position, year in columns:
            value = _Cell(values[position - len(stub)], line, year or f"{position + 1} (moves)")
            when = cells.get("year") or _Cell(year, line, year)
            observations.append(_Observation(cells["to"], cells["from"], when, value, others))
    return observations


def _fill_down(
    lines: list[tuple[int, list[str]]], problems: _Problems
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
    stubs: list[list[str]], pivoted: bool, problems: _Problems
) -> list[str | None] | None:
    """Return what each label column holds: "to", "from", "year", or None (age, sex, ...)."""
    roles: list[str | None] = []
    unnamed: list[int] = []
    for i, column in enumerate(zip(*stubs, strict=True)):
        prefixes = {m.group(1).casefold() for m in map(_PREFIX.match, column) if m}
        if not pivoted and all(_YEAR.match(c) for c in column):
            roles.append("year")
        elif prefixes:
            roles.append("to" if prefixes & {"til", "to"} else "from")
        else:
            roles.append(None)
            if 2 * sum(_code(c) is not None for c in column) >= len(column):
                unnamed.append(i)
    for i, role in zip(unnamed, [r for r in ("to", "from") if r not in roles], strict=False):
        roles[i] = role  # FLY66 lists the to-municipality before the from-municipality
    return _check_roles(roles, pivoted, problems)


def _check_roles(
    roles: list[str | None], pivoted: bool, problems: _Problems
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


def _code(label: str) -> int | None:
    """Return the municipality code a FLY66 label names, ABROAD, _TOTAL_ROW, or None."""
    text = _PREFIX.sub("", label.strip())
    if text.casefold() in _ABROAD:
        return ABROAD
    if _TOTAL.search(text):
        return _TOTAL_ROW
    return resolve_municipality(text)


def _convert(observations: list[_Observation], problems: _Problems) -> pd.DataFrame:
    records = []
    for ob in observations:
        to, source = _municipality(ob.to, problems), _municipality(ob.source, problems)
        year, moves = _year(ob.year, problems), _moves(ob.moves, problems)
        if to is None or source is None or year is None or moves is None:
            continue
        if _TOTAL_ROW not in (to, source):
            records.append((year, to, source, moves, *ob.others))
    others = [f"other_{i}" for i in range(len(observations[0].others) if observations else 0)]
    frame = pd.DataFrame.from_records(records, columns=[*FLY66_COLUMNS, *others])
    return _prefer_totals(frame, others)[FLY66_COLUMNS]


def _municipality(cell: _Cell, problems: _Problems) -> int | None:
    code = _code(cell.text)
    if code is None:
        problems.add(
            f"unknown municipality {cell.text!r}: expected a Danish municipality such "
            "as 'Til Herning', 'Fra Herning', 'Herning' or its code 657",
            cell.row,
            cell.column,
        )
    return code


def _year(cell: _Cell, problems: _Problems) -> int | None:
    if _YEAR.match(cell.text):
        return int(cell.text)
    problems.add(f"expected a year such as 2024, found {cell.text!r}", cell.row, cell.column)
    return None


def _moves(cell: _Cell, problems: _Problems) -> int | None:
    if cell.text in _MISSING:
        return 0  # StatBank's ".." / "-" (and BULK's empty cell): nothing published
    if _COUNT.match(cell.text):
        return int(cell.text.replace(".", "").replace(",", ""))
    problems.add(
        f"expected a whole number of moves (or '..' or '-'), found {cell.text!r}",
        cell.row,
        cell.column,
    )
    return None


def _prefer_totals(frame: pd.DataFrame, others: list[str]) -> pd.DataFrame:
    """Return the rows to sum: per other dimension, its total row where there is one, else splits.

    A download can hold "Alder i alt" next to the single ages; summing both would count each
    move twice, so where a group has its total, the splits of that group are dropped.
    """
    for column in others:
        total = frame[column].str.contains(_TOTAL, na=False)
        keys = [c for c in frame.columns if c not in (column, "moves")]
        if keys and total.any():
            has_total = total.groupby([frame[k] for k in keys]).transform("any")
        else:
            has_total = pd.Series(bool(total.any()), index=frame.index)
        frame = frame[total | ~has_total].drop(columns=column)
    return frame


def municipality_balance(
    fly66: pd.DataFrame, *, first_year: int, last_year: int, municipality: int | None = None
) -> pd.DataFrame:
    """Return municipality_code, municipality, moves_in, moves_out, net per municipality, by code.

    Only moves between two different Danish municipalities count; moves to or from abroad and
    same-municipality rows are left out. Every year of the period must be in the data.
    """
    period = _period(fly66, first_year, last_year)
    domestic = period[
        (period["to_municipality"] != ABROAD)
        & (period["from_municipality"] != ABROAD)
        & (period["to_municipality"] != period["from_municipality"])
    ]
    moves_in = domestic.groupby("to_municipality")["moves"].sum()
    moves_out = domestic.groupby("from_municipality")["moves"].sum()
    codes = sorted(set(moves_in.index) | set(moves_out.index))
    if municipality is not None:
        codes = _only(municipality, codes, first_year, last_year)
    balance = pd.DataFrame({"municipality_code": pd.Series(codes, dtype="int64")})
    balance["municipality"] = [municipality_name(int(c)) for c in codes]
    balance["moves_in"] = [int(moves_in.get(c, 0)) for c in codes]
    balance["moves_out"] = [int(moves_out.get(c, 0)) for c in codes]
    balance["net"] = balance["moves_in"] - balance["moves_out"]
    return balance.astype({c: "int64" for c in BALANCE_COLUMNS if c != "municipality"})


def _period(fly66: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    missing_columns = [c for c in FLY66_COLUMNS if c not in fly66.columns]
    if missing_columns:
        raise FactsError(f"FLY66 data lacks the columns {', '.join(missing_columns)}")
    if first_year > last_year:
        raise FactsError(
            f"the period runs from {first_year} to {last_year}: "
            "the first year must not come after the last"
        )
    years = set(fly66["year"].astype(int))
    wanted = set(range(first_year, last_year + 1))
    if not years & wanted:
        covered = f"{min(years)}-{max(years)}" if years else "no year at all"
        raise AnalysisUnavailable(
            f"the StatBank data has no year in {first_year}-{last_year}; it covers {covered}"
        )
    if wanted - years:
        # A balance over part of the period would pass for the whole period: refuse it.
        absent = ", ".join(str(y) for y in sorted(wanted - years))
        raise AnalysisUnavailable(
            f"the StatBank data lacks {absent} of the period {first_year}-{last_year}"
        )
    return fly66[fly66["year"].between(first_year, last_year)]


def _only(municipality: int, codes: list[int], first_year: int, last_year: int) -> list[int]:
    if municipality not in municipality_codes():
        raise FactsError(f"{municipality} is not a Danish municipality code (e.g. 760)")
    if municipality not in codes:
        raise AnalysisUnavailable(
            f"{municipality_name(municipality)} ({municipality}) has no moves to or from "
            f"another municipality in the StatBank data for {first_year}-{last_year}"
        )
    return [municipality]
