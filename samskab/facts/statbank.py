"""Read Statistics Denmark's table FLY66 (moves between municipalities) and balance it.

FLY66 reaches a user in two shapes, both semicolon separated:
- the API's CSV and BULK output: a header of variable codes (TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;
  INDHOLD), then one observation per line, with labels ("Herning") or, with
  valuePresentation=Code, codes ("657") (statbank_layout.py);
- a download from statistikbanken.dk: optional title lines, labels such as "Til Herning" and
  "Fra Herning" on the left, and on the right one count, or one per combination of the variables
  put across the columns, named by heading lines or, without them, added up (statbank_web.py).
Missing or suppressed observations are written ".." or "-" (and left empty in BULK); they count 0.
`read_statbank` also says what it read (files, lines, observations, moves, years,
municipalities), so a user can hold the total against StatBank's own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from samskab.facts.errors import AnalysisUnavailable, FactsError, InputError, Problem
from samskab.facts.municipalities import ABROAD, municipality_codes, municipality_name
from samskab.facts.statbank_layout import (
    COUNT,
    MAX_COUNT,
    TOTAL,
    TOTAL_ROW,
    Problems,
    api_reading,
    count_of,
    is_year,
    label_code,
    read_rows,
)
from samskab.facts.statbank_web import web_reading

FLY66_COLUMNS = ["year", "to_municipality", "from_municipality", "moves"]
BALANCE_COLUMNS = ["municipality_code", "municipality", "moves_in", "moves_out", "net"]

_SUFFIXES = {".csv", ".txt"}
_SHOWN_TWICE = 5  # counts read twice: the first few are named


@dataclass(frozen=True)
class FileRead:
    """What was read from one file."""

    file: str
    layout: str
    lines: int  # data lines
    observations: int  # counts read, ".." and "-" included
    moves: int  # after leaving out totals whose parts are there too


@dataclass(frozen=True)
class Fly66Read:
    """FLY66 moves as read (year, to_municipality, from_municipality, moves) and what was read,
    so a user can hold the total against StatBank's own."""

    moves: pd.DataFrame
    files: tuple[FileRead, ...]

    @property
    def lines(self) -> int:
        return sum(f.lines for f in self.files)

    @property
    def observations(self) -> int:
        return sum(f.observations for f in self.files)

    @property
    def total(self) -> int:
        return int(self.moves["moves"].sum())

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.moves["year"].unique())

    @property
    def municipalities(self) -> int:
        codes = set(self.moves["to_municipality"]) | set(self.moves["from_municipality"])
        return len(codes - {ABROAD})

    def summary(self) -> dict[str, Any]:
        """Return what was read as JSON-ready fields."""
        return {
            "files": [asdict(f) for f in self.files],
            "lines": self.lines,
            "observations": self.observations,
            "moves": self.total,
            "years": self.years,
            "municipalities": self.municipalities,
        }

    def describe(self) -> str:
        """Return what was read in a few lines of English."""
        files = "1 file" if len(self.files) == 1 else f"{len(self.files):,} files"
        text = [
            f"Read {files}: {self.lines:,} lines, {self.observations:,} observations, "
            f"{self.total:,} moves, {_years(self.years)}, "
            f"{self.municipalities:,} municipalities."
        ]
        for f in self.files:
            text.append(
                f"  {f.file}: {f.layout}; {f.lines:,} lines, {f.observations:,} observations, "
                f"{f.moves:,} moves"
            )
        return "\n".join(text)


def _years(years: list[int]) -> str:
    if not years:
        return "no year"
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"years {years[0]}-{years[-1]}"
    return ("year " if len(years) == 1 else "years ") + ", ".join(map(str, years))


def read_fly66(paths: Sequence[Path]) -> pd.DataFrame:
    """Return FLY66 moves as year, to_municipality, from_municipality, moves (ints), summed."""
    return read_statbank(paths).moves


def read_statbank(paths: Sequence[Path]) -> Fly66Read:
    """Return FLY66 moves, summed, and what was read from each file.

    Each path is a file or a folder whose .csv and .txt files are all read. Rows are summed over
    age, sex, the counts of a line without headings, and files; where a file has both total
    rows ("I alt") and split rows, the totals win. A count read twice (the same file, or the
    same labels in two files) refuses the whole reading.
    """
    frames: list[pd.DataFrame] = []
    reads: list[FileRead] = []
    problems: list[Problem] = []
    contents: dict[str, Path] = {}
    for file in _expand(paths, problems):
        data = file.read_bytes() if file.is_file() else b""
        digest = hashlib.sha256(data).hexdigest()
        if digest in contents:
            problems.append(Problem.of(str(file), "same_content", other=str(contents[digest])))
            continue
        contents[digest] = file
        try:
            frame, read = _read_file(file, data)
        except InputError as error:
            problems.extend(error.problems)
            continue
        frames.append(frame.assign(file=str(file)))
        reads.append(read)
    if not problems and frames:
        problems.extend(_read_twice(pd.concat(frames, ignore_index=True)))
    if problems:
        raise InputError(problems)
    if not frames:
        empty = pd.DataFrame({c: pd.Series(dtype="int64") for c in FLY66_COLUMNS})
        return Fly66Read(empty, tuple(reads))
    moves = pd.concat([_prefer_totals(f)[FLY66_COLUMNS] for f in frames], ignore_index=True)
    summed = moves.groupby(FLY66_COLUMNS[:3], as_index=False).sum()
    summed = summed.astype("int64").sort_values(FLY66_COLUMNS[:3], ignore_index=True)
    return Fly66Read(summed, tuple(reads))


def _expand(paths: Sequence[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in _SUFFIXES)
            # A folder from fetch-statbank also holds BEV107, FOLK1A and KM1: take FLY66 files.
            named = [p for p in found if p.name.upper().startswith("FLY66")]
            found = named or found
            if not found:
                problems.append(Problem.of(str(path), "no_csv_in_folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem.of(str(path), "file_not_found"))
    return files


def _read_file(path: Path, data: bytes) -> tuple[pd.DataFrame, FileRead]:
    name = str(path)
    problems = Problems(name)
    rows = read_rows(name, data)
    reading = api_reading(rows, problems) or web_reading(rows, problems)
    problems.raise_if_any()  # before converting, so a file that is not FLY66 says only that
    frame = _convert(reading.table, problems)
    problems.raise_if_any()
    moves = int(_prefer_totals(frame)["moves"].sum())
    return frame, FileRead(name, reading.layout, reading.lines, len(reading.table), moves)


def _convert(table: pd.DataFrame, problems: Problems) -> pd.DataFrame:
    """Return a row per observation: year, codes, moves, its line, whether its labels name it
    (labelled), its other labels joined (key), and each other label (other_0, other_1 ...)."""
    to = _mapped(table, "to", label_code, problems, _unknown_municipality)
    source = _mapped(table, "from", label_code, problems, _unknown_municipality)
    year = _mapped(table, "year", _year, problems, _not_a_year)
    moves = _mapped(table, "moves", count_of, problems, _not_a_count)
    known = to.notna() & source.notna() & year.notna() & moves.notna()
    keep = known & (to != TOTAL_ROW) & (source != TOTAL_ROW)
    others = [c for c in table.columns if c.startswith("other_")]
    frame = pd.DataFrame(
        {
            "year": year[keep].astype("int64"),
            "to_municipality": to[keep].astype("int64"),
            "from_municipality": source[keep].astype("int64"),
            "moves": moves[keep].astype("int64"),
            "line": table.loc[keep, "moves_row"].astype("int64"),
            "labelled": table.loc[keep, "labelled"].astype(bool),
        }
    )
    for column in others:
        frame[column] = table.loc[keep, column]
    frame["key"] = _keys(frame, others)
    return frame.reset_index(drop=True)


def _mapped(
    table: pd.DataFrame,
    role: str,
    convert: Callable[[str], int | None],
    problems: Problems,
    problem: Callable[[str], tuple[str, dict[str, Any]]],
) -> pd.Series:
    """Return the role's texts converted (each distinct text once); a problem per bad cell."""
    codes, uniques = pd.factorize(table[role])
    converted = pd.array([convert(str(u)) for u in uniques], dtype="Int64")
    values = pd.Series(converted.take(codes, allow_fill=True), index=table.index)
    bad = values.isna()
    if bad.any():
        problems.add_all(table[bad], role, problem)
    return values


def _keys(frame: pd.DataFrame, others: list[str]) -> Any:
    """Return per row its other labels joined ("Mænd, 25 år"), each combination joined once."""
    if not others or not frame["labelled"].any():
        return ""  # counts without headings are never matched with others
    codes, combinations = pd.MultiIndex.from_frame(frame[others]).factorize()
    joined = [", ".join(map(str, c)) for c in combinations]
    return np.array(joined, dtype=object)[codes]


def _read_twice(frame: pd.DataFrame) -> list[Problem]:
    """Return a problem for each count whose labels another count has too (the first few)."""
    keys = [*FLY66_COLUMNS[:3], "key"]
    named = frame[frame["labelled"].astype(bool)]
    twice = named[named.duplicated(keys, keep=False)]
    first: dict[tuple[Any, ...], dict[Any, Any]] = {}
    problems: list[Problem] = []
    again = 0
    for row in twice.to_dict("records"):
        key = tuple(row[k] for k in keys)
        if key not in first:
            first[key] = row
            continue
        again += 1
        if again > _SHOWN_TWICE:
            continue
        where = first[key]
        label = f", {row['key']}" if row["key"] else ""
        problems.append(
            Problem.of(
                str(row["file"]),
                "same_count",
                row=int(row["line"]),
                year=row["year"],
                to=row["to_municipality"],
                from_=row["from_municipality"],
                key=label,
                other=str(where["file"]),
                other_row=where["line"],
            )
        )
    if again > _SHOWN_TWICE:
        problems.append(
            Problem.of(str(frame["file"].iloc[0]), "more_read_twice", count=again - _SHOWN_TWICE)
        )
    return problems


def _unknown_municipality(text: str) -> tuple[str, dict[str, Any]]:
    return "unknown_statbank_municipality", {"value": repr(text)}


def _not_a_year(text: str) -> tuple[str, dict[str, Any]]:
    return "not_a_year", {"value": repr(text)}


def _not_a_count(text: str) -> tuple[str, dict[str, Any]]:
    if COUNT.match(text):
        return "count_too_large", {"value": text, "count": MAX_COUNT}
    return "not_a_count", {"value": repr(text)}


def _year(text: str) -> int | None:
    return int(text) if is_year(text) else None


def _prefer_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows to sum: per other dimension, its total row where there is one, else splits.

    A download can hold "Alder i alt" next to the single ages; summing both would count each
    move twice, so where a group has its total, the splits of that group are dropped.
    """
    others = [c for c in frame.columns if c.startswith("other_")]
    frame = frame.drop(columns=["line", "labelled", "key", "file"], errors="ignore")
    for column in others:
        codes, uniques = pd.factorize(frame[column])
        totals = np.array([bool(TOTAL.search(str(u))) for u in uniques] + [False])
        total = pd.Series(totals[codes], index=frame.index)
        keys = [c for c in frame.columns if c not in (column, "moves")]
        if keys and total.any():
            groups = [frame[k] for k in keys]
            has_total = total.groupby(groups, observed=True).transform("any")
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
        raise FactsError.of("fly66_lacks_columns", columns=", ".join(missing_columns))
    if first_year > last_year:
        raise FactsError.of("first_after_last", first=first_year, last=last_year)
    years = set(fly66["year"].astype(int))
    wanted = set(range(first_year, last_year + 1))
    if not years & wanted:
        if not years:
            raise AnalysisUnavailable.of("statbank_no_year", first=first_year, last=last_year)
        raise AnalysisUnavailable.of(
            "statbank_other_years",
            first=first_year,
            last=last_year,
            covered_first=min(years),
            covered_last=max(years),
        )
    if wanted - years:
        # A balance over part of the period would pass for the whole period: refuse it.
        absent = ", ".join(str(y) for y in sorted(wanted - years))
        raise AnalysisUnavailable.of(
            "statbank_lacks_years", absent=absent, first=first_year, last=last_year
        )
    return fly66[fly66["year"].between(first_year, last_year)]


def _only(municipality: int, codes: list[int], first_year: int, last_year: int) -> list[int]:
    if municipality not in municipality_codes():
        raise FactsError.of("not_a_municipality_code", code=municipality)
    if municipality not in codes:
        raise AnalysisUnavailable.of(
            "statbank_no_moves",
            name=municipality_name(municipality),
            code=municipality,
            first=first_year,
            last=last_year,
        )
    return [municipality]
