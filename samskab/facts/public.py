"""The public fact base: what Statistics Denmark publishes on every municipality, for a project
that has no register extract yet (`samskab facts public`).

It is read from a folder of StatBank files, named by their table (FLY66…, BEV107…, FOLK1A…,
KM1…), as `fetch_public` writes them from the API or a user downloads them:
- FLY66, moves between municipalities: every layout `statbank.read_statbank` reads;
- BEV107, each municipality's population change per year: the API's CSV or BULK with labels
  (OMRÅDE;BEVÆGELSE;TID;INDHOLD, "Tilflyttede", "Fraflyttede", "Indvandrede", "Udvandrede");
- FOLK1A, the population per municipality and quarter, and KM1, per parish and quarter: the
  API's CSV or BULK, with codes or labels; the first quarter is the population on 1 January.
A variable beside those (sex, age, church membership) is summed, or its total taken where the
file has one. Only FLY66 is required; a table without files is left out and the manifest says so.

Tables written (CSV and Parquet, `build_public`), each per year of the period:
- net_migration: moves in from and out to the other municipalities, and net, per municipality
  (FLY66); the nets of a year sum to zero;
- flows: the moves from each municipality to each other (FLY66);
- population_change: moves in and out, immigration, emigration and net per municipality (BEV107);
- population: per municipality on 1 January (FOLK1A); parish_population: per parish (KM1).
The manifest says what was read from each file and holds the figures against each other: FLY66's
moves in and out against BEV107's, the municipalities' population against the country's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from samskab.facts.bands import UNKNOWN, AgeBand, parse_age_bands
from samskab.facts.errors import AnalysisUnavailable, FactsError, InputError, Problem
from samskab.facts.municipalities import ABROAD, municipality_codes, municipality_name
from samskab.facts.output import arrow_table, write_files
from samskab.facts.statbank import read_statbank
from samskab.facts.statbank_layout import (
    TOTAL,
    TOTAL_ROW,
    Problems,
    count_of,
    data_lines,
    label_code,
    read_rows,
)

TABLES = ("FLY66", "BEV107", "FOLK1A", "KM1")
_SUFFIXES = {".csv", ".txt"}
# The rows of BEV107 the fact base takes, by their label or code. Only the totals: BEV107 also
# has their parts ("Indvandret i indeværende år", "Indvandret før indeværende år"), which would
# count a move twice.
MOVEMENTS = {
    "moved_in": ("tilflyttede", "b05"),
    "moved_out": ("fraflyttede", "b06"),
    "immigrated": ("indvandrede", "indvandrede i alt", "b08", "b08aa"),
    "emigrated": ("udvandrede", "udvandrede i alt", "b09", "b09ba"),
}
_MOVEMENT_OF = {text: name for name, texts in MOVEMENTS.items() for text in texts}
_PERIOD = re.compile(r"^((?:19|20)\d\d)(?:K([1-4])|M(\d\d)|Q([1-4]))?$")
_AGGREGATE = re.compile(r"^(region|landsdel)\b", re.IGNORECASE)
_PARISH = re.compile(r"^(\d{4})\b\s*(.*)$")
_TOTAL_CODES = {"tot", "ialt", "i alt", "total"}
_AREA = {"BEV107": "OMRÅDE", "FOLK1A": "OMRÅDE", "KM1": "SOGN"}


@dataclass(frozen=True)
class TableRead:
    """What was read of one StatBank table: its files, their data lines, the counts read."""

    table: str
    files: tuple[str, ...]
    lines: int
    observations: int
    moves: int | None = None  # FLY66: the moves read, every year and pair, to hold against StatBank

    def summary(self) -> dict[str, Any]:
        moves = {} if self.moves is None else {"moves": self.moves}
        return {"files": list(self.files), "lines": self.lines, "observations": self.observations,
                **moves}  # fmt: skip


@dataclass
class PublicFactBase:
    """The tables of the public fact base for a period, what was read and the checks."""

    first_year: int
    last_year: int
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    read: dict[str, TableRead] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def public_fact_base(
    folder: Path,
    first_year: int,
    last_year: int,
    age_bands: tuple[AgeBand, ...] | None = None,
) -> PublicFactBase:
    """Return the public fact base of every municipality for the period, read from `folder`.

    Refused (InputError) when a file cannot be read, naming its line and column; refused
    (AnalysisUnavailable) when a table read lacks a year of the period, as a table over part
    of the period would pass for the whole.
    """
    if first_year > last_year:
        raise FactsError.of("first_after_last", first=first_year, last=last_year)
    files, ignored = _files_by_table(folder)
    if not files["FLY66"]:
        raise InputError([Problem.of(str(folder), "public_needs_fly66")])
    result = PublicFactBase(first_year, last_year, ignored=ignored)
    _fly66(result, files["FLY66"])
    _flows_by_age(result, files["FLY66"], age_bands or parse_age_bands())
    if files["BEV107"]:
        _bev107(result, files["BEV107"])
    if files["FOLK1A"]:
        _population(result, "FOLK1A", files["FOLK1A"], "population", _municipality_area)
    if files["KM1"]:
        _population(result, "KM1", files["KM1"], "parish_population", _parish_area)
    for table, name in (("BEV107", "population_change"), ("FOLK1A", "population"),
                        ("KM1", "parish_population")):  # fmt: skip
        if not files[table]:
            result.skipped[name] = f"no {table} file in {folder}"
    _check(result)
    return result


def _files_by_table(folder: Path) -> tuple[dict[str, list[Path]], list[str]]:
    if not folder.is_dir():
        raise InputError([Problem.of(str(folder), "public_not_a_folder")])
    files: dict[str, list[Path]] = {table: [] for table in TABLES}
    ignored = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _SUFFIXES or not path.is_file():
            continue
        table = next((t for t in TABLES if path.name.upper().startswith(t)), None)
        if table is None:
            ignored.append(path.name)
        else:
            files[table].append(path)
    return files, ignored


def _years_of(frame: pd.DataFrame, table: str, first_year: int, last_year: int) -> pd.DataFrame:
    """Return the rows of the period; refused when a year of it is missing."""
    years = set(frame["year"].astype(int))
    absent = sorted(set(range(first_year, last_year + 1)) - years)
    if absent:
        raise AnalysisUnavailable.of(
            "public_lacks_years",
            table=table,
            absent=", ".join(map(str, absent)),
            first=first_year,
            last=last_year,
        )
    return frame[frame["year"].between(first_year, last_year)]


def _fly66(result: PublicFactBase, files: list[Path]) -> None:
    read = read_statbank(files)
    result.read["FLY66"] = TableRead(
        "FLY66", tuple(f.file for f in read.files), read.lines, read.observations, read.total
    )
    moves = _years_of(read.moves, "FLY66", result.first_year, result.last_year)
    between = moves[
        (moves["to_municipality"] != ABROAD)
        & (moves["from_municipality"] != ABROAD)
        & (moves["to_municipality"] != moves["from_municipality"])
    ]
    flows = between[between["moves"] > 0].sort_values(
        ["year", "to_municipality", "from_municipality"], ignore_index=True
    )
    result.tables["flows"] = flows[["year", "to_municipality", "from_municipality", "moves"]]
    moves_in = flows.groupby(["year", "to_municipality"])["moves"].sum()
    moves_out = flows.groupby(["year", "from_municipality"])["moves"].sum()
    codes = sorted(set(flows["to_municipality"]) | set(flows["from_municipality"]))
    index = pd.MultiIndex.from_product(
        [range(result.first_year, result.last_year + 1), codes],
        names=["year", "municipality_code"],
    )
    net = pd.DataFrame(index=index).reset_index()
    net["municipality"] = net["municipality_code"].map(municipality_name)
    keys = list(zip(net["year"], net["municipality_code"], strict=True))
    net["moves_in"] = [int(moves_in.get(k, 0)) for k in keys]
    net["moves_out"] = [int(moves_out.get(k, 0)) for k in keys]
    net["net"] = net["moves_in"] - net["moves_out"]
    result.tables["net_migration"] = net.astype(
        dict.fromkeys(("year", "municipality_code", "moves_in", "moves_out", "net"), "int64")
    )


def _flows_by_age(result: PublicFactBase, files: list[Path], bands: tuple[AgeBand, ...]) -> None:
    """Add the flows by age band, read from FLY66 files in the API's layout with ALDER, and
    hold their sums against the flows read by the FLY66 reader; left out when a file has no
    age (a download's layouts are read for the totals only)."""
    frames = []
    for path in files:
        frame = _fly66_by_age(path)
        if frame is None:
            result.skipped["flows_by_age"] = (
                f"{path.name} has no ALDER column: flows by age are read from FLY66 as the "
                "StatBank API writes it, with ALDER"
            )
            return
        frames.append(frame)
    moves = pd.concat(frames, ignore_index=True)
    moves = moves[
        moves["year"].between(result.first_year, result.last_year)
        & (moves["to_municipality"] != moves["from_municipality"])
        & (moves["moves"] > 0)
    ]
    moves["age_band"] = _band(moves["age"], bands)
    keys = ["year", "to_municipality", "from_municipality", "age_band"]
    by_age = moves.groupby(keys, as_index=False, sort=True)["moves"].sum()
    by_age = by_age[by_age["moves"] > 0].reset_index(drop=True)
    order = {band.label: index for index, band in enumerate(bands)}
    by_age = by_age.sort_values(
        ["year", "to_municipality", "from_municipality", "age_band"],
        key=lambda c: c.map(order) if c.name == "age_band" else c,
        ignore_index=True,
    )
    summed = by_age.groupby(["year", "to_municipality", "from_municipality"])["moves"].sum()
    flows = result.tables["flows"].set_index(["year", "to_municipality", "from_municipality"])
    differ = summed.sub(flows["moves"], fill_value=0)
    check = {"compared": len(flows), "differ": int((differ != 0).sum())}
    result.checks["flows_by_age_against_flows"] = check
    if check["differ"]:  # a file with the total age only, or ages the reader did not know
        result.skipped["flows_by_age"] = (
            f"the ages of FLY66 do not add up to its flows for {check['differ']:,} of "
            f"{check['compared']:,} pairs of municipalities and years"
        )
        return
    result.tables["flows_by_age"] = by_age.astype(
        {"year": "int64", "to_municipality": "int64", "from_municipality": "int64",
         "moves": "int64"}
    )  # fmt: skip


def _band(ages: pd.Series, bands: tuple[AgeBand, ...]) -> pd.Series:
    labels = pd.Series(UNKNOWN, index=ages.index, dtype=object)
    for band in bands:
        inside = (ages >= band.low) & (True if band.high is None else ages <= band.high)
        labels[inside] = band.label
    return labels


def _fly66_by_age(path: Path) -> pd.DataFrame | None:
    """Return year, to_municipality, from_municipality, age, moves of a FLY66 file in the API's
    layout with ALDER (any sex summed, "Alder i alt" left out), or None when it has no ALDER.
    The file has been read by the FLY66 reader already: its problems are reported there."""
    rows = read_rows(str(path), path.read_bytes())
    header = [cell.upper() for cell in rows[0][1]]
    wanted = ("TILKOMMUNE", "FRAKOMMUNE", "ALDER", "TID", "INDHOLD")
    if any(name not in header for name in wanted):
        return None
    cells = np.array([r for _, r in rows[1:]], dtype=object).reshape(len(rows) - 1, len(header))
    columns = {name: pd.Series(cells[:, header.index(name)]) for name in wanted}
    age = _converted(columns["ALDER"], _age)
    frame = pd.DataFrame({
        "year": _converted(columns["TID"], lambda t: int(t) if t.isdigit() else None),
        "to_municipality": _converted(columns["TILKOMMUNE"], label_code),
        "from_municipality": _converted(columns["FRAKOMMUNE"], label_code),
        "age": age, "moves": _converted(columns["INDHOLD"], count_of),
    })  # fmt: skip
    frame = frame.dropna()
    return frame[
        (frame["to_municipality"] != TOTAL_ROW)
        & (frame["from_municipality"] != TOTAL_ROW)
        & (frame["to_municipality"] != ABROAD)
        & (frame["from_municipality"] != ABROAD)
    ].astype("int64")


def _age(text: str) -> int | None:
    """Return the age of an ALDER code or label ("25", "25 år", "100 år og derover"), or None
    for the total ("IALT", "Alder i alt")."""
    found = re.match(r"^(\d{1,3})\b", text.strip())
    return int(found.group(1)) if found else None


def _bev107(result: PublicFactBase, files: list[Path]) -> None:
    frame, read = _read_tables("BEV107", files, _municipality_area, keep=("BEVÆGELSE",))
    result.read["BEV107"] = read
    frame = frame.assign(movement=frame["BEVÆGELSE"].map(_movement)).dropna(subset=["movement"])
    frame = frame[frame["area"] != TOTAL_ROW]
    missing = [name for name in MOVEMENTS if name not in set(frame["movement"])]
    if missing:
        raise InputError(
            [Problem.of(read.files[0], "bev107_lacks_movements", missing=", ".join(missing))]
        )
    frame = _years_of(frame, "BEV107", result.first_year, result.last_year)
    wide = frame.pivot_table(
        index=["year", "area"], columns="movement", values="count", aggfunc="sum", fill_value=0
    ).reset_index()
    wide = wide.rename(columns={"area": "municipality_code"})
    wide.insert(2, "municipality", wide["municipality_code"].map(municipality_name))
    columns = list(MOVEMENTS)
    wide["net"] = wide["moved_in"] - wide["moved_out"] + wide["immigrated"] - wide["emigrated"]
    ordered = ["year", "municipality_code", "municipality", *columns, "net"]
    result.tables["population_change"] = (
        wide[ordered]
        .astype({c: "int64" for c in ordered if c != "municipality"})
        .sort_values(["year", "municipality_code"], ignore_index=True)
    )


def _movement(label: str) -> str | None:
    return _MOVEMENT_OF.get(" ".join(label.casefold().split()))


def _population(
    result: PublicFactBase,
    table: str,
    files: list[Path],
    name: str,
    area: Callable[[str], tuple[int, str] | None],
) -> None:
    frame, read = _read_tables(table, files, area)
    result.read[table] = read
    # The population on 1 January of a year: its first quarter, or the year itself.
    frame = frame[frame["quarter"].isin([0, 1])]
    frame = _years_of(frame, table, result.first_year, result.last_year)
    totals = frame[frame["area"] == TOTAL_ROW].groupby("year")["count"].sum()
    frame = frame[frame["area"] != TOTAL_ROW]
    code = "municipality_code" if table == "FOLK1A" else "parish_code"
    label = "municipality" if table == "FOLK1A" else "parish"
    grouped = frame.groupby(["year", "area"], as_index=False).agg(
        name=("name", "first"), population=("count", "sum")
    )
    grouped = grouped.rename(columns={"area": code, "name": label})
    if table == "FOLK1A":
        grouped[label] = grouped[code].map(municipality_name)
        result.checks["population_against_country"] = _against_total(grouped, totals)
    result.tables[name] = grouped.astype({"year": "int64", code: "int64", "population": "int64"})


def _against_total(grouped: pd.DataFrame, totals: pd.Series) -> list[dict[str, int]]:
    """Return per year the municipalities' sum beside the country's figure, where read."""
    summed = grouped.groupby("year")["population"].sum()
    return [
        {"year": int(y), "municipalities": int(summed.get(y, 0)), "country": int(totals[y])}
        for y in totals.index
    ]


def _municipality_area(text: str) -> tuple[int, str] | None:
    """Return a municipality's code (TOTAL_ROW for the country, 0 for a region or part of the
    country, which is not read) and name, or None when the label names none."""
    if _AGGREGATE.match(text):
        return 0, text
    if text == "000":  # the country, as a code
        return TOTAL_ROW, text
    code = label_code(text)
    if code is None:
        digits = text.lstrip("0")
        return (0, text) if digits.isdigit() and int(digits) < 100 else None
    if code == TOTAL_ROW or code in municipality_codes():
        return code, municipality_name(code) if code > 0 else text
    return None


def _parish_area(text: str) -> tuple[int, str] | None:
    """Return a parish's code and name ("7284 Ringkøbing", or "7284"), TOTAL_ROW, or None."""
    if TOTAL.search(text) or text == "000":
        return TOTAL_ROW, text
    found = _PARISH.match(text.strip())
    return (int(found.group(1)), found.group(2)) if found else None


def _read_tables(
    table: str,
    files: Sequence[Path],
    area: Callable[[str], tuple[int, str] | None],
    keep: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, TableRead]:
    """Return the observations of a table's files (area, name, year, quarter, count, and the
    variables in `keep`) and what was read; every problem of every file refuses them all."""
    frames, problems, lines, observations = [], [], 0, 0
    for path in files:
        try:
            frame, count = _read_table(table, path, area, keep)
        except InputError as error:
            problems.extend(error.problems)
            continue
        frames.append(frame)
        lines += count
        observations += len(frame)
    if problems:
        raise InputError(problems)
    found = pd.concat(frames, ignore_index=True)
    twice = found.duplicated(["area", "year", "quarter", *keep, "others"], keep=False)
    if twice.any():
        first = found[twice].iloc[0]
        raise InputError(
            [Problem.of(str(first["file"]), "public_read_twice", row=int(first["line"]),
                        table=table, area=str(first["name"]), period=str(first["period"]))]
        )  # fmt: skip
    read = TableRead(table, tuple(str(f) for f in files), lines, observations)
    return found[found["area"] != 0], read


def _read_table(
    table: str,
    path: Path,
    area: Callable[[str], tuple[int, str] | None],
    keep: tuple[str, ...],
) -> tuple[pd.DataFrame, int]:
    name = str(path)
    problems = Problems(name)
    rows = read_rows(name, path.read_bytes())
    header_line, header = rows[0]
    names = [cell.upper() for cell in header]
    needed = [_AREA[table], *keep, "TID", "INDHOLD"]
    missing = [n for n in needed if n not in names]
    if missing:
        problems.add("not_statbank_api_table", header_line, table=table,
                     header=";".join(header), missing=", ".join(missing))  # fmt: skip
        problems.raise_if_any()
    at = {n: names.index(n) for n in needed}
    others = [i for i, n in enumerate(names) if n not in needed]
    grid_cells, lines = data_lines(rows[1:], len(header), problems)
    grid = pd.DataFrame({i: grid_cells[:, i] for i in range(len(header))})
    line_of = pd.Series(lines, dtype="int64")
    # Each distinct text is converted once: a national table repeats its labels many times.
    place = _converted(grid[at[_AREA[table]]], area)
    period = _converted(grid[at["TID"]], _period)
    count = _converted(grid[at["INDHOLD"]], count_of)
    for values, column, code in ((place, _AREA[table], "public_unknown_area"),
                                 (period, "TID", "public_not_a_period"),
                                 (count, "INDHOLD", "public_not_a_count")):  # fmt: skip
        for index in values[values.isna()].index:
            text = grid.at[index, at[column]]
            problems.add(code, int(line_of[index]), header[at[column]], table=table,
                         value=repr(text))  # fmt: skip
    problems.raise_if_any()
    frame = pd.DataFrame({
        "area": [p[0] for p in place], "name": [p[1] for p in place],
        "year": [p[0] for p in period], "quarter": [p[1] for p in period],
        "period": grid[at["TID"]], "count": count.astype("int64"), "line": line_of,
        "file": name,
        **{k: grid[at[k]] for k in keep}, **{f"other_{i}": grid[i] for i in others},
    })  # fmt: skip
    if frame.empty:
        raise InputError([Problem.of(name, "public_empty_file")])
    frame = _totals_of_others(frame, [f"other_{i}" for i in others])
    return frame, len(rows) - 1


def _converted(texts: pd.Series, convert: Callable[[str], Any]) -> pd.Series:
    """Return `convert` of each text (None where it converts to nothing), each distinct text
    converted once."""
    codes, uniques = pd.factorize(texts)
    converted = [convert(str(text)) for text in uniques]
    return pd.Series([converted[code] for code in codes], index=texts.index, dtype=object)


def _period(text: str) -> tuple[int, int] | None:
    """Return the year and quarter of a StatBank period: 2024 (quarter 0), 2024K1 or 2024Q1
    (1-4), 2024M01 (a month: -1, never 1 January's population)."""
    found = _PERIOD.match(text)
    if found is None:
        return None
    quarter = found.group(2) or found.group(4)
    return int(found.group(1)), int(quarter) if quarter else (-1 if found.group(3) else 0)


def _totals_of_others(frame: pd.DataFrame, others: list[str]) -> pd.DataFrame:
    """Return the rows to sum over each other variable (sex, age): its total rows where the
    file has them, else every row; `others` joins what is left, to tell rows apart."""
    for column in others:
        texts = frame[column].astype(str).str.strip()
        total = texts.str.casefold().isin(_TOTAL_CODES) | texts.str.contains(TOTAL)
        if total.any():
            frame = frame[total]
    frame = frame.copy()
    frame["others"] = pd.MultiIndex.from_frame(frame[others]).factorize()[0] if others else 0
    return frame


def _check(result: PublicFactBase) -> None:
    """Hold the figures against each other: the nets of a year sum to zero; FLY66's moves in
    and out of each municipality against BEV107's."""
    net = result.tables["net_migration"]
    sums = net.groupby("year")["net"].sum()
    if (sums != 0).any():  # the moves of a flow leave one municipality and enter another
        raise AssertionError(f"the nets of a year do not sum to zero: {sums.to_dict()}")
    result.checks["nets_sum_to_zero"] = True
    change = result.tables.get("population_change")
    if change is None:
        return
    both = net.merge(change, on=["year", "municipality_code"], suffixes=("", "_bev107"))
    differ = both[(both["moves_in"] != both["moved_in"]) | (both["moves_out"] != both["moved_out"])]
    largest = (
        (differ["moves_in"] - differ["moved_in"])
        .abs()
        .combine((differ["moves_out"] - differ["moved_out"]).abs(), max)
        if len(differ)
        else pd.Series(dtype="int64")
    )
    result.checks["fly66_against_bev107"] = {
        "compared": len(both),
        "differ": len(differ),
        "largest_difference": int(largest.max()) if len(largest) else 0,
    }


def build_public(result: PublicFactBase, out_dir: Path) -> dict[str, Any]:
    """Write the tables (CSV and Parquet) and manifest.json to out_dir; return the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "source": "Statistics Denmark, StatBank",
        "first_year": result.first_year,
        "last_year": result.last_year,
        "read": {table: read.summary() for table, read in result.read.items()},
        "tables": {},
        "skipped": dict(result.skipped),
        "ignored_files": list(result.ignored),
        "checks": result.checks,
    }
    for name, frame in result.tables.items():
        paths = write_files(arrow_table(frame), out_dir, name)
        manifest["tables"][name] = {"rows": len(frame), "files": [p.name for p in paths]}
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


RECENT_YEARS = 5  # "the last years" of the public facts: where movers came from and went to


def recent_years(first: int, last: int) -> tuple[int, int]:
    """Return the last RECENT_YEARS years of first-last."""
    return max(first, last - RECENT_YEARS + 1), last


def read_public(folder: Path) -> dict[str, Any] | None:
    """Return the tables of a public fact base written by `build_public` (and "manifest"),
    read once per change of its manifest; None when the folder holds none."""
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return None
    return _read_public(str(folder), manifest.stat().st_mtime_ns)


@lru_cache(maxsize=2)
def _read_public(folder: str, _changed: int) -> dict[str, Any]:
    path = Path(folder)
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    tables: dict[str, Any] = {"manifest": manifest}
    for name in manifest["tables"]:
        tables[name] = pd.read_parquet(path / f"{name}.parquet")
    return tables


@dataclass(frozen=True)
class FlowsWith:
    """The moves between the municipality and some others in the last years of the public
    facts (in one age band, where given), and their share of all its moves with the others."""

    municipality: str
    band: str | None
    first_year: int
    last_year: int
    moves: int
    share: float


def flows_with(
    folder: Path,
    code: int,
    codes: list[int],
    age: float | None = None,
    direction: str | None = None,
) -> FlowsWith | None:
    """Return the published moves between the municipality `code` and the municipalities
    `codes` in the last years of the public fact base in `folder` — into it with `direction`
    "in", out of it with "out", both ways without — in the age band of `age` when given, and
    their share of all its moves with other municipalities the same way; None without public
    facts by age or moves of the municipality."""
    tables = read_public(folder)
    flows = None if tables is None or not codes else tables.get("flows_by_age")
    if flows is None:
        return None
    first, last = recent_years(int(flows["year"].min()), int(flows["year"].max()))
    recent = flows[flows["year"].between(first, last)]
    band = None if age is None else band_of(age, list(dict.fromkeys(flows["age_band"])))
    if band is not None:
        recent = recent[recent["age_band"] == band]
    into = (recent["to_municipality"] == code) & (direction != "out")
    out = (recent["from_municipality"] == code) & (direction != "in")
    mine = recent[into | out]
    other = mine["from_municipality"].where(
        mine["to_municipality"] == code, mine["to_municipality"]
    )
    total = int(mine["moves"].sum())
    if total == 0:
        return None
    moves = int(mine.loc[other.isin(codes), "moves"].sum())
    return FlowsWith(municipality_name(code), band, first, last, moves, moves / total)


def band_of(age: float, bands: list[str]) -> str | None:
    """Return the band ("30-44", "65+") an age falls in, or None."""
    for band in bands:
        low, _, high = band.rstrip("+").partition("-")
        if not low.isdigit():
            continue
        if int(low) <= age and (band.endswith("+") or (high.isdigit() and age < int(high) + 1)):
            return band
    return None
