"""Limits on an uploaded Excel workbook, checked before it is opened.

An .xlsx file is a zip of XML. A small file can unpack to a great deal of XML (a "zip bomb":
259 KB holding 62 MB took a minute of CPU and 346 MB to parse), so the zip's own directory is
read first: the XML it would unpack to, in all and per part, and how much each part is
compressed. A workbook within these limits is then read with at most MAX_ROWS rows per sheet.
Larger data belongs in a CSV file, which is read as it streams.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

MAX_UNPACKED = 40_000_000  # bytes of XML a workbook may unpack to, all parts together
MAX_RATIO = 100  # a part larger than RATIO_FROM that unpacks to more than this many times
RATIO_FROM = 1_000_000  # its compressed size is a bomb, not a spreadsheet
MAX_ROWS = 200_000  # rows per sheet


# Why a workbook is refused, by code: the English templates, which the fact base's problems
# include (samskab.facts.problem_texts), so the refusal is shown in the user's language.
WORKBOOK_PROBLEMS: dict[str, str] = {
    "not_a_workbook": "not a workbook that can be opened: {reason}",
    "workbook_too_large": (
        "the workbook unpacks to {unpacked} MB, more than the {limit} MB an Excel file may hold "
        "here; save the sheet as CSV"
    ),
    "workbook_bomb": (
        "the workbook's part {part} unpacks to {ratio} times its size, as no spreadsheet does; "
        "save the sheet as CSV"
    ),
    "sheet_too_long": (
        "sheet {sheet} has more than {count} rows, more than an Excel file may hold here; save it "
        "as CSV"
    ),
    "the_sheet_too_long": (
        "the sheet has more than {count} rows, more than an Excel file may hold here; save it as "
        "CSV"
    ),
}


class WorkbookRefused(ValueError):
    """The workbook is too large to open safely, or not a workbook at all: a code of
    WORKBOOK_PROBLEMS and its parameters; its str is the English text."""

    def __init__(self, code: str, /, **params: Any) -> None:
        shown = {k: f"{v:,}" if k == "count" else v for k, v in params.items()}
        super().__init__(WORKBOOK_PROBLEMS[code].format(**shown))
        self.code, self.params = code, params


def check_workbook(path: Path) -> None:
    """Raise WorkbookRefused when the workbook at `path` would unpack to more than the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise WorkbookRefused("not_a_workbook", reason=type(error).__name__) from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        raise WorkbookRefused(
            "workbook_too_large", unpacked=round(unpacked / 1e6), limit=round(MAX_UNPACKED / 1e6)
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise WorkbookRefused("workbook_bomb", part=part.filename, ratio=round(ratio))


def check_rows(rows: int, sheet: str = "") -> None:
    """Raise WorkbookRefused when a sheet read with nrows=MAX_ROWS + 1 has more than MAX_ROWS."""
    if rows > MAX_ROWS:
        if sheet:
            raise WorkbookRefused("sheet_too_long", sheet=sheet, count=MAX_ROWS)
        raise WorkbookRefused("the_sheet_too_long", count=MAX_ROWS)
