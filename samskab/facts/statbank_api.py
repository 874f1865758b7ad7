"""A small client for Statistics Denmark's StatBank API v1 (https://api.statbank.dk/v1).

Only the two calls the fact base needs: `tableinfo` (a table's variables and their value codes)
and `data` (observations as semicolon-separated CSV or BULK). Requests are POSTed as JSON, as the
API's documentation recommends; `data_url` builds the equivalent GET address for a browser.
Every request goes through an injectable `get(url, body) -> bytes`, so tests never use the network.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samskab.facts.errors import FactsError
from samskab.facts.municipalities import municipality_codes

API_BASE = "https://api.statbank.dk/v1"
FORMATS = ("CSV", "BULK")  # both semicolon separated; BULK streams without the cell limit
VALUE_PRESENTATIONS = ("Default", "Code", "Value", "CodeAndValue", "ValueAndCode")
TIMEOUT_SECONDS = 60.0

Get = Callable[[str, Mapping[str, Any]], bytes]
"""POST `body` as JSON to `url` and return the response body."""

# What the fact base takes from each table: the variables to fix to the municipality, the
# variables to take whole ("*"); the time variable is limited to the period, and every other
# variable is left out, so that StatBank sums over it (when the table allows that).
_FACT_BASE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "FLY66": (("TILKOMMUNE", "FRAKOMMUNE"), ()),  # moves between municipalities
    "BEV107": (("OMRÅDE",), ("BEVÆGELSE",)),  # in, out and net moves, births, deaths, ...
    "FOLK1A": (("OMRÅDE",), ()),  # population per quarter
    "KM1": ((), ("SOGN",)),  # population per parish and quarter
}


@dataclass(frozen=True)
class Value:
    id: str
    text: str


@dataclass(frozen=True)
class Variable:
    id: str
    text: str
    elimination: bool  # True when the API may sum over this variable if it is left out
    time: bool
    values: tuple[Value, ...]


@dataclass(frozen=True)
class TableInfo:
    id: str
    text: str
    unit: str
    updated: str
    variables: tuple[Variable, ...]

    def variable(self, code: str) -> Variable:
        """Return the variable with this code (any letter case); FactsError when there is none."""
        for variable in self.variables:
            if variable.id.casefold() == code.casefold():
                return variable
        names = ", ".join(v.id for v in self.variables)
        raise FactsError(f"StatBank table {self.id} has no variable {code}; it has {names}")

    def time_variable(self) -> Variable:
        """Return the table's time variable (usually "Tid")."""
        for variable in self.variables:
            if variable.time:
                return variable
        raise FactsError(f"StatBank table {self.id} has no time variable")


def tableinfo_request(table: str, *, lang: str = "da") -> tuple[str, dict[str, Any]]:
    """Return the URL and JSON body of a `tableinfo` call for one table."""
    return f"{API_BASE}/tableinfo", {"table": table, "format": "JSON", "lang": lang}


def data_request(
    table: str,
    selection: Mapping[str, Sequence[str]],
    *,
    fmt: str = "CSV",
    lang: str = "da",
    value_presentation: str = "Code",
) -> tuple[str, dict[str, Any]]:
    """Return the URL and JSON body of a `data` call; variables not in `selection` are summed."""
    _check_options(fmt, value_presentation)
    variables = [{"code": code, "values": list(values)} for code, values in selection.items()]
    body = {"table": table, "format": fmt, "lang": lang, "valuePresentation": value_presentation}
    return f"{API_BASE}/data", {**body, "variables": variables}


def data_url(
    table: str,
    selection: Mapping[str, Sequence[str]],
    *,
    fmt: str = "CSV",
    lang: str = "da",
    value_presentation: str = "Code",
) -> str:
    """Return the GET address of a `data` call, e.g. .../data/FLY66/CSV?lang=da&TILKOMMUNE=760."""
    _check_options(fmt, value_presentation)
    query = {"lang": lang, "valuePresentation": value_presentation}
    query.update({code: ",".join(values) for code, values in selection.items()})
    return f"{API_BASE}/data/{table}/{fmt}?{urllib.parse.urlencode(query, safe=',*')}"


def _check_options(fmt: str, value_presentation: str) -> None:
    if fmt not in FORMATS:
        raise FactsError(f"unsupported StatBank format {fmt!r}: use one of {', '.join(FORMATS)}")
    if value_presentation not in VALUE_PRESENTATIONS:
        choices = ", ".join(VALUE_PRESENTATIONS)
        raise FactsError(f"unknown valuePresentation {value_presentation!r}: use one of {choices}")


def parse_tableinfo(raw: bytes) -> TableInfo:
    """Return the table, its variables and their values from a `tableinfo` JSON answer."""
    try:
        info = json.loads(raw.decode("utf-8-sig"))
        variables = tuple(
            Variable(
                id=str(v["id"]),
                text=str(v.get("text", "")),
                elimination=bool(v.get("elimination", False)),
                time=bool(v.get("time", False)),
                values=tuple(Value(str(x["id"]), str(x.get("text", ""))) for x in v["values"]),
            )
            for v in info["variables"]
        )
        return TableInfo(
            str(info["id"]),
            str(info.get("text", "")),
            str(info.get("unit", "")),
            str(info.get("updated", "")),
            variables,
        )
    except (ValueError, KeyError, TypeError) as error:
        raise FactsError(f"StatBank's tableinfo answer could not be read: {error}") from error


def http_post(url: str, body: Mapping[str, Any], *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Return the answer to a JSON POST; FactsError with StatBank's message, or when offline."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        raise FactsError(
            f"StatBank refused the request to {url} (HTTP {error.code}): "
            f"{_api_message(error.read())}"
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FactsError(
            f"could not reach StatBank at {url} ({reason}). Check the internet connection, or "
            "download the tables at statistikbanken.dk and pass the files instead."
        ) from error


def _api_message(raw: bytes) -> str:
    """Return the message of a StatBank error answer ({"errorTypeCode": ..., "message": ...})."""
    text = raw.decode("utf-8-sig", errors="replace").strip()
    try:
        answer = json.loads(text)
    except ValueError:
        return text[:300] or "no message"
    if isinstance(answer, dict) and "message" in answer:
        return str(answer["message"])
    return text[:300]


def fetch_tableinfo(table: str, *, get: Get = http_post, lang: str = "da") -> TableInfo:
    """Return the variables and values of a StatBank table, asked of the API."""
    url, body = tableinfo_request(table, lang=lang)
    return parse_tableinfo(get(url, body))


def fetch_fact_base(
    municipality: int, first_year: int, last_year: int, out_dir: Path, *, get: Get = http_post
) -> list[Path]:
    """Return the CSV files written to out_dir: FLY66, BEV107, FOLK1A and KM1 for the period.

    FLY66 holds every move to and from the municipality; BEV107 its in, out and net moves (and
    the other components of its population change); FOLK1A its population per quarter; KM1 the
    population of every parish per quarter (parishes carry no municipality code in StatBank).
    Values are written as codes (valuePresentation=Code), which `read_fly66` reads.
    """
    if municipality not in municipality_codes():
        raise FactsError(f"{municipality} is not a Danish municipality code (e.g. 760)")
    if first_year > last_year:
        raise FactsError(f"the period {first_year}-{last_year} ends before it begins")
    written = []
    for table in _FACT_BASE:
        info = fetch_tableinfo(table, get=get)
        selections = _selections(table, info, municipality, first_year, last_year)
        parts = [_fetch_csv(table, selection, get) for selection in selections]
        path = out_dir / f"{table}_{municipality}_{first_year}-{last_year}.csv"
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(_join_csv(parts), encoding="utf-8")
        written.append(path)
    return written


def _selections(
    table: str, info: TableInfo, municipality: int, first_year: int, last_year: int
) -> list[dict[str, list[str]]]:
    """Return the data selections for one table: one, or two for FLY66 (moves in, moves out)."""
    area_codes, whole_codes = _FACT_BASE[table]
    time = info.time_variable()
    periods = _periods(table, time, first_year, last_year)
    areas = [info.variable(code) for code in area_codes]
    whole = {info.variable(code).id for code in whole_codes}
    base: dict[str, list[str]] = {time.id: periods}
    for variable in info.variables:
        # A variable StatBank cannot sum over must be selected, so it is taken whole.
        if (
            variable not in areas
            and variable != time
            and (variable.id in whole or not variable.elimination)
        ):
            base[variable.id] = ["*"]
    return [_around(base, areas, i, str(municipality)) for i in range(len(areas))] or [base]


def _periods(table: str, time: Variable, first_year: int, last_year: int) -> list[str]:
    """Return the time variable's periods in first_year-last_year; FactsError when none."""
    periods = [v.id for v in time.values if first_year <= _year_of(v.id) <= last_year]
    if not periods:
        span = f"{time.values[0].id}-{time.values[-1].id}" if time.values else "nothing"
        raise FactsError(
            f"StatBank table {table} has no data for {first_year}-{last_year}; it covers {span}"
        )
    return periods


def _year_of(period: str) -> int:
    """Return the year of a StatBank period code ("2024", "2024K1", "2024M03"), or 0."""
    return int(period[:4]) if period[:4].isdigit() else 0


def _around(
    base: dict[str, list[str]], areas: list[Variable], index: int, code: str
) -> dict[str, list[str]]:
    """Return a selection with areas[index] fixed to the municipality and the other areas whole.

    For FLY66 the second selection (moves out) leaves the municipality out of the destinations,
    so the pair "from it to itself" is not fetched twice.
    """
    selection = dict(base)
    for i, area in enumerate(areas):
        if i == index:
            selection[area.id] = [code]
        elif i < index:
            selection[area.id] = [v.id for v in area.values if v.id != code]
        else:
            selection[area.id] = ["*"]
    return selection


def _fetch_csv(
    table: str,
    selection: Mapping[str, Sequence[str]],
    get: Get,
    *,
    fmt: str = "CSV",
    value_presentation: str = "Code",
) -> str:
    url, body = data_request(table, selection, fmt=fmt, value_presentation=value_presentation)
    text = get(url, body).decode("utf-8-sig")
    if text.lstrip().startswith(("{", "<")):
        raise FactsError(f"StatBank did not send {table} as CSV: {_api_message(text.encode())}")
    return text


def _join_csv(parts: list[str]) -> str:
    """Return CSV answers joined under the first answer's header line."""
    lines = parts[0].splitlines()
    for part in parts[1:]:
        lines.extend(part.splitlines()[1:])
    return "\n".join(lines) + "\n"


# What the public fact base takes from each table for every municipality: the variables that
# name a municipality (taken for the 98 municipalities and the country, "000"), the variables
# taken whole, and how values are written (BEV107's movements and KM1's parishes by their
# labels, which name them; the rest as codes).
_PUBLIC: dict[str, tuple[tuple[str, ...], tuple[str, ...], str, str]] = {
    "FLY66": (("TILKOMMUNE", "FRAKOMMUNE"), (), "Code", "BULK"),
    "BEV107": (("OMRÅDE",), ("BEVÆGELSE",), "Value", "CSV"),
    "FOLK1A": (("OMRÅDE",), (), "Code", "CSV"),
    "KM1": ((), ("SOGN",), "Value", "CSV"),
}


def _public(value: str, country: bool) -> bool:
    """Return True for a municipality's code, or the country's ("000") when `country`."""
    if value == "000":
        return country
    return value.isdigit() and int(value) in municipality_codes()


def fetch_public(
    first_year: int, last_year: int, out_dir: Path, *, get: Get = http_post
) -> list[Path]:
    """Return the files written to out_dir: FLY66, BEV107, FOLK1A and KM1 for every
    municipality (and parish) and the period, as `samskab.facts.public` reads them."""
    if first_year > last_year:
        raise FactsError(f"the period {first_year}-{last_year} ends before it begins")
    written = []
    for table, (areas, whole, presentation, fmt) in _PUBLIC.items():
        info = fetch_tableinfo(table, get=get)
        time = info.time_variable()
        selection: dict[str, list[str]] = {time.id: _periods(table, time, first_year, last_year)}
        for code in areas:
            variable = info.variable(code)
            country = code == "OMRÅDE"  # "000", for the check of the sum of municipalities
            selection[variable.id] = [v.id for v in variable.values if _public(v.id, country)]
        for variable in info.variables:
            if variable.id in whole or (variable.id not in selection and not variable.elimination):
                selection[variable.id] = ["*"]
        text = _fetch_csv(table, selection, get, fmt=fmt, value_presentation=presentation)
        path = out_dir / f"{table}_{first_year}-{last_year}.csv"
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
