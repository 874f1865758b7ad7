"""Reading the CSV files the pages give for download, as a spreadsheet in the page's language
reads them."""

from __future__ import annotations

import csv
import io
import re

from django.http import HttpResponse
from django.utils import translation

from samskab.factbase.labels import COLUMNS, PLACE_COLUMNS, PLACES
from samskab.segmentation.services import PROFILE_HEADINGS, STATISTICS


def csv_rows(response: HttpResponse) -> list[list[str]]:
    """Return a CSV download's rows, the heading first: `;` between the cells in Danish (the
    response's Content-Language), `,` otherwise; the file starts with a byte-order mark."""
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "a CSV download starts with a byte-order mark"
    delimiter = ";" if response["Content-Language"].startswith("da") else ","
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def csv_records(
    response: HttpResponse, *, rename: dict[str, str] | None = None
) -> list[dict[str, str]]:
    """Return a CSV download as one dict per row, keyed by its headings (`rename`d), with a
    decimal comma read as a point ("0,7" → "0.7"); hidden cells ("<5", "..") as they are."""
    header, *body = csv_rows(response)
    keys = [(rename or {}).get(heading, heading) for heading in header]
    assert len(set(keys)) == len(keys), f"two columns read as one: {header}"

    def plain(value: str) -> str:
        return value.replace(",", ".") if _DECIMAL_COMMA.fullmatch(value) else value

    return [dict(zip(keys, map(plain, row), strict=True)) for row in body]


def figure_records(response: HttpResponse) -> list[dict[str, str]]:
    """Return a fact-base figure's CSV download as csv_records, keyed by the column names of
    the figure's table ("net_total"), which the file heads in the page's language; a heading
    that names two columns ("Tilflyttere": newcomers, in-movers; "Art": any kind) under each
    (a table holds one of them), and a place the file names in the page's language ("Udlandet")
    as its code ("abroad")."""
    language = response["Content-Language"]
    with translation.override(language):
        codes: dict[str, list[str]] = {}
        for code, label in COLUMNS.items():
            codes.setdefault(str(label), []).append(code)
        places = {str(label): code for code, label in PLACES.items()}
    records = []
    for record in csv_records(response):
        named: dict[str, str] = {}
        for heading, value in record.items():
            for code in codes.get(heading, [heading]):
                place = code in PLACE_COLUMNS or code.endswith("_kind")
                named[code] = places.get(value, value) if place else value
        records.append(named)
    return records


def profile_records(response: HttpResponse) -> list[dict[str, str]]:
    """Return a segment profile's CSV download as csv_records, keyed by the profile table's
    column names ("segment_value"), the kind of figure as its code ("share", "mean") and a
    notable difference as "True" (else "False")."""
    with translation.override(response["Content-Language"]):
        codes = {str(label): code for code, label in PROFILE_HEADINGS.items()}
        statistics = {str(label): code for code, label in STATISTICS.items()}
        yes = str(translation.gettext("yes"))
    records = csv_records(response, rename=codes)
    for record in records:
        record["statistic"] = statistics[record["statistic"]]
        record["notable"] = str(record["notable"] == yes)
    return records
