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

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from samskab.facts.errors import AnalysisUnavailable, FactsError, InputError, Problem
from samskab.facts.municipalities import ABROAD, municipality_codes, municipality_name
from samskab.facts.statbank_layout import (
    TOTAL,
    TOTAL_ROW,
    YEAR,
    Cell,
    Observation,
    Problems,
    label_code,
    observations,
    read_rows,
)

FLY66_COLUMNS = ["year", "to_municipality", "from_municipality", "moves"]
BALANCE_COLUMNS = ["municipality_code", "municipality", "moves_in", "moves_out", "net"]

_SUFFIXES = {".csv", ".txt"}
_MISSING = {"", "..", "-"}
# Whole counts, optionally with thousands separators as the web interface may write them.
_COUNT = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+)$")


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
            # A folder from fetch-statbank also holds BEV107, FOLK1A and KM1: take FLY66 files.
            named = [p for p in found if p.name.upper().startswith("FLY66")]
            found = named or found
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
    problems = Problems(name)
    found = observations(read_rows(name, path.read_bytes()), problems)
    problems.raise_if_any()  # before converting, so a file that is not FLY66 says only that
    frame = _convert(found, problems)
    problems.raise_if_any()
    return frame


def _convert(observations: list[Observation], problems: Problems) -> pd.DataFrame:
    records = []
    for ob in observations:
        to, source = _municipality(ob.to, problems), _municipality(ob.source, problems)
        year, moves = _year(ob.year, problems), _moves(ob.moves, problems)
        if to is None or source is None or year is None or moves is None:
            continue
        if TOTAL_ROW not in (to, source):
            records.append((year, to, source, moves, *ob.others))
    others = [f"other_{i}" for i in range(len(observations[0].others) if observations else 0)]
    frame = pd.DataFrame.from_records(records, columns=[*FLY66_COLUMNS, *others])
    return _prefer_totals(frame, others)[FLY66_COLUMNS]


def _municipality(cell: Cell, problems: Problems) -> int | None:
    code = label_code(cell.text)
    if code is None:
        problems.add(
            f"unknown municipality {cell.text!r}: expected a Danish municipality such "
            "as 'Til Herning', 'Fra Herning', 'Herning' or its code 657",
            cell.row,
            cell.column,
        )
    return code


def _year(cell: Cell, problems: Problems) -> int | None:
    if YEAR.match(cell.text):
        return int(cell.text)
    problems.add(f"expected a year such as 2024, found {cell.text!r}", cell.row, cell.column)
    return None


def _moves(cell: Cell, problems: Problems) -> int | None:
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
        total = frame[column].str.contains(TOTAL, na=False)
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
