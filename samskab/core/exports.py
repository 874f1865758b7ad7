"""The one way samskab writes CSV and XLSX files for people to open in a spreadsheet.

Every text cell is made safe against formula injection: a spreadsheet runs a cell that begins
with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so an idea
titled `=HYPERLINK(…)` would become a live link. Such text gets a leading apostrophe in CSV,
which spreadsheets show as plain text; in XLSX every text cell is stored as text. A value that is
a plain number (`-3`, `+1,5`) is a number, not a formula, and is written as it is."""

from __future__ import annotations

import csv
import decimal
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from django.http import HttpResponse
from django.utils.translation import get_language

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Rows = Sequence[Sequence[Any]]


def safe_cell(value: object) -> object:
    """Return `value` as a spreadsheet will show it, never run it."""
    formula_like = isinstance(value, str) and value.startswith(FORMULA_START)
    if formula_like and not _PLAIN_NUMBER.fullmatch(str(value)):
        return "'" + str(value)
    return value


def frame_rows(frame: Any) -> list[list[Any]]:
    """Return a pandas frame as rows, the header first; missing values as empty cells."""
    body = frame.astype(object).where(frame.notna(), "").values.tolist()
    return [[str(c) for c in frame.columns], *body]


def csv_text(rows: Iterable[Sequence[Any]], *, language: str | None = None) -> str:
    """Return the rows as CSV with a byte-order mark, so Excel reads Danish letters, in the
    form a spreadsheet of `language` opens as columns of numbers: in Danish `;` between the
    cells and a decimal comma ("3,7"), as Excel set to Danish reads and writes CSV; in any
    other language, and without one (open data, for programs), `,` and a decimal point."""
    danish = (language or "").startswith("da")
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if danish else ",", lineterminator="\r\n")
    shown = _decimal_comma if danish else _plain
    writer.writerows([safe_cell(shown(v)) for v in row] for row in rows)
    return out.getvalue()


def _plain(value: object) -> object:
    return value


def _decimal_comma(value: object) -> object:
    """Return a number that is not whole with a decimal comma; anything else as it is."""
    if isinstance(value, float | decimal.Decimal | np.floating) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return value


def xlsx_bytes(sheets: Sequence[tuple[str, Rows]]) -> bytes:
    """Return a workbook with one sheet per (title, rows), the header row bold, every text
    cell stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append(list(row))
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never "f": a title beginning with "=" stays text
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    """Return the content as a file to save."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(rows: Iterable[Sequence[Any]], filename: str) -> HttpResponse:
    """Return the rows as a CSV file in the form of the page's language (see csv_text)."""
    text = csv_text(rows, language=get_language())
    return download(text, filename, "text/csv; charset=utf-8")
