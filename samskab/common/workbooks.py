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

MAX_UNPACKED = 40_000_000  # bytes of XML a workbook may unpack to, all parts together
MAX_RATIO = 100  # a part larger than RATIO_FROM that unpacks to more than this many times
RATIO_FROM = 1_000_000  # its compressed size is a bomb, not a spreadsheet
MAX_ROWS = 200_000  # rows per sheet


class WorkbookRefused(ValueError):
    """The workbook is too large to open safely, or not a workbook at all."""


def check_workbook(path: Path) -> None:
    """Raise WorkbookRefused when the workbook at `path` would unpack to more than the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        message = f"not a workbook that can be opened: {type(error).__name__}"
        raise WorkbookRefused(message) from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        raise WorkbookRefused(
            f"the workbook unpacks to {unpacked / 1e6:.0f} MB, more than the "
            f"{MAX_UNPACKED / 1e6:.0f} MB an Excel file may hold here; save the sheet as CSV"
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise WorkbookRefused(
                f"the workbook's part {part.filename} unpacks to {ratio:.0f} times its size, "
                "as no spreadsheet does; save the sheet as CSV"
            )


def check_rows(rows: int, sheet: str = "") -> None:
    """Raise WorkbookRefused when a sheet read with nrows=MAX_ROWS + 1 has more than MAX_ROWS."""
    if rows > MAX_ROWS:
        where = f"sheet {sheet} " if sheet else "the sheet "
        raise WorkbookRefused(
            f"{where}has more than {MAX_ROWS:,} rows, more than an Excel file may hold here; "
            "save it as CSV"
        )
