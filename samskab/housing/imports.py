"""Reading a register of homes and plots from a CSV or XLSX file, all or nothing: every problem
is named by its row (as the spreadsheet numbers it, the header being row 1) and column, and a
file with any problem adds nothing. A cell shaped like a CPR number refuses the file.

The columns (the first row names them, in any order; Danish names are accepted too):
village (landsby), type (type), status (status), area (areal), rooms (værelser), price (pris),
listed (dato), address (adresse). Only village, type and status are required; a municipality's
list of building plots needs no type (every row is a plot), and a plot "til salg" is available.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from samskab.common.workbooks import MAX_ROWS, WorkbookRefused, check_rows, check_workbook
from samskab.facts.cpr import is_cpr_shaped
from samskab.housing.models import Home, Kind, Status
from samskab.projects.models import Project, Village

COLUMNS = {
    "village": "village", "landsby": "village", "type": "kind", "status": "status",
    "area": "area", "areal": "area", "rooms": "rooms", "værelser": "rooms", "price": "price",
    "pris": "price", "listed": "listed", "dato": "listed", "address": "address",
    "adresse": "address",
}  # fmt: skip
REQUIRED = (("village", "village"), ("kind", "type"), ("status", "status"))  # field, column
PLOT_COLUMN = "type"  # added to a plot list, which has none
KINDS = {"house": Kind.HOUSE, "parcelhus": Kind.HOUSE, "villa": Kind.HOUSE,
         "terraced": Kind.TERRACED, "rækkehus": Kind.TERRACED, "flat": Kind.FLAT,
         "lejlighed": Kind.FLAT, "farm": Kind.FARM, "landbrug": Kind.FARM,
         "landejendom": Kind.FARM, "plot": Kind.PLOT, "byggegrund": Kind.PLOT,
         "grund": Kind.PLOT}  # fmt: skip
STATUSES = {"for_sale": Status.FOR_SALE, "til salg": Status.FOR_SALE,
            "for_rent": Status.FOR_RENT, "til leje": Status.FOR_RENT,
            "plot_available": Status.PLOT_AVAILABLE, "ledig": Status.PLOT_AVAILABLE,
            "reserved": Status.RESERVED, "reserveret": Status.RESERVED, "sold": Status.SOLD,
            "solgt": Status.SOLD}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """What is wrong in one cell (row 0: the file as a whole; column "": the row)."""

    row: int
    column: str
    message: str


class ImportProblems(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def read_homes(project: Project, path: Path, *, plots: bool = False) -> list[Home]:
    """Return the file's homes, unsaved; ImportProblems naming every problem otherwise. With
    `plots` the file is a list of building plots: every row is a plot, no type column needed."""
    header, rows = read_table(path)
    if plots:
        header, rows = [*header, PLOT_COLUMN], [{**row, PLOT_COLUMN: "plot"} for row in rows]
    problems = cpr_cells(1, [(name, name) for name in header])
    fields = {COLUMNS.get(name.strip().lower(), ""): name for name in header}
    problems += [Problem(1, name, _("this column is missing")) for field, name in REQUIRED
                 if field not in fields]  # fmt: skip
    if problems:
        raise ImportProblems(problems)
    villages = {v.name.casefold(): v for v in project.villages.all()}
    homes = []
    for number, row in enumerate(rows, start=2):
        home = _home(row, fields, villages, number, problems)
        if home is not None:
            homes.append(home)
    if problems:
        raise ImportProblems(problems)
    if not homes:
        raise ImportProblems([Problem(0, "", _("the file has no rows below its header"))])
    return homes


def _home(row: dict[str, str], fields: dict[str, str], villages: dict[str, Village],
          number: int, problems: list[Problem]) -> Home | None:  # fmt: skip
    """Return the row's home, or None after adding its problems."""
    before = len(problems)
    problems += cpr_cells(number, row.items())
    if len(problems) > before:
        return None
    value = {field: row.get(name, "").strip() for field, name in fields.items() if field}
    checked: dict[str, Any] = {}
    for field, convert in CONVERTERS.items():
        if field not in value:
            continue
        try:
            checked[field] = convert(value[field], villages)
        except ValueError as error:
            problems.append(Problem(number, fields[field], str(error)))
    if len(problems) > before:
        return None
    if checked["kind"] == Kind.PLOT and checked["status"] == Status.FOR_SALE:
        checked["status"] = Status.PLOT_AVAILABLE  # a plot for sale is a plot to build on
    return Home(**checked)


def cpr_cells(number: int, cells: Iterable[tuple[str, str]]) -> list[Problem]:
    """Return a problem for every cell (column, value) of row `number` (the header: row 1,
    each name its own value) shaped like a CPR number, naming its column, never the value."""
    return [Problem(number, name, _("holds a value shaped like a CPR number; remove it"))
            for name, value in cells if is_cpr_shaped(value)]  # fmt: skip


def village_named(text: str, villages: dict[str, Village]) -> Village:
    found = villages.get(text.casefold())
    if found is None:
        raise ValueError(_("“%(name)s” is not a village of the project") % {"name": text})
    return found


def _choice(choices: dict[str, str]) -> Any:
    def convert(text: str, _villages: Any) -> str:
        found = choices.get(text.lower())
        if found is None:
            raise ValueError(_("“%(value)s” is not one of: %(allowed)s")
                             % {"value": text, "allowed": ", ".join(choices)})  # fmt: skip
        return found

    return convert


def whole_number(text: str, _villages: Any = None) -> int | None:
    if not text:
        return None
    cleaned = text.replace(".", "").replace(" ", "").removesuffix(",00")
    if not cleaned.isdigit():
        raise ValueError(_("“%(value)s” is not a whole number") % {"value": text})
    return int(cleaned)


def _date(text: str, _villages: Any) -> datetime.date | None:
    if not text:
        return None
    for form in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date such as 2025-03-01") % {"value": text})


CONVERTERS = {
    "village": village_named, "kind": _choice(KINDS), "status": _choice(STATUSES),
    "area": whole_number, "rooms": whole_number, "price": whole_number, "listed": _date,
    "address": lambda text, _villages: text[:200],
}  # fmt: skip


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Return the header and the rows as text, from a CSV (comma or semicolon) or XLSX file."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's CSV on Danish Windows
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines = list(reader)
    if not lines:
        raise ImportProblems([Problem(0, "", _("the file is empty"))])
    header = [name.strip() for name in lines[0]]
    return header, [dict(zip(header, line, strict=False)) for line in lines[1:] if any(line)]


def _read_xlsx(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        check_workbook(path)
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            rows = book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 1)
            lines = [list(line) for line in rows]
        finally:
            book.close()  # a read-only workbook keeps its file open until closed
        check_rows(len(lines))
    except (WorkbookRefused, OSError, KeyError, ValueError):
        message = _("the workbook is too large, or not one that can be opened; save it as CSV")
        raise ImportProblems([Problem(0, "", message)]) from None
    if not lines:
        raise ImportProblems([Problem(0, "", _("the file is empty"))])
    header = [_cell(name) for name in lines[0]]
    rows = [[_cell(value) for value in line] for line in lines[1:]]
    return header, [dict(zip(header, line, strict=False)) for line in rows if any(line)]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
