"""Reading the municipality's extract of the building register (BBR) — the villages' housing
stock: every dwelling's use, area, rooms, year built, and whether it is occupied, a flexbolig
or condemned — from a CSV or XLSX file, all or nothing, every problem named by row and column,
a CPR-shaped cell refusing the file (as samskab.housing.imports reads the homes on offer).

Columns (the first row names them, in any order; the BBR's Danish names are accepted):
- the village: `village`/`landsby`, or the parish code: `parish`/`sognekode`/`sogn` (the village
  with that parish);
- `use`/`anvendelse`/`enhedens anvendelse`: the BBR code of the unit's use — 110 farmhouse,
  120–122 detached house, 130–132 terraced, linked or semi-detached house, 140 flat — or the
  type in words (as the homes import reads it);
- optional: `area`/`boligareal`/`samlet boligareal`, `rooms`/`værelser`/`antal værelser`,
  `year built`/`opførelsesår`, `occupied`/`beboet` (yes/no, ja/nej, 1/0) or
  `residents`/`antal beboere` (0: empty), `flexbolig`, `condemned`/`kondemneret`,
  `address`/`adresse`.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.housing.imports import (
    KINDS,
    ImportProblems,
    Problem,
    cpr_cells,
    read_table,
    village_named,
    whole_number,
)
from samskab.housing.models import Dwelling, Kind
from samskab.projects.models import Project, Village

COLUMNS = {
    "village": "village", "landsby": "village", "parish": "parish", "sognekode": "parish",
    "sogn": "parish", "use": "kind", "anvendelse": "kind", "enhedens anvendelse": "kind",
    "area": "area", "boligareal": "area", "samlet boligareal": "area", "rooms": "rooms",
    "værelser": "rooms", "antal værelser": "rooms", "year built": "year_built",
    "opførelsesår": "year_built", "occupied": "occupied", "beboet": "occupied",
    "residents": "residents", "antal beboere": "residents", "flexbolig": "flexbolig",
    "condemned": "condemned", "kondemneret": "condemned", "address": "address",
    "adresse": "address",
}  # fmt: skip
USE_CODES = {
    110: Kind.FARM, 120: Kind.HOUSE, 121: Kind.HOUSE, 122: Kind.HOUSE, 130: Kind.TERRACED,
    131: Kind.TERRACED, 132: Kind.TERRACED, 140: Kind.FLAT,
}  # fmt: skip
YES = {"yes", "ja", "1", "true", "sand", "x"}
NO = {"no", "nej", "0", "false", "falsk", ""}


def read_dwellings(project: Project, path: Path) -> list[Dwelling]:
    """Return the extract's dwellings, unsaved; ImportProblems naming every problem otherwise."""
    header, rows = read_table(path)
    problems = cpr_cells(1, [(name, name) for name in header])
    fields = {COLUMNS.get(name.strip().lower(), ""): name for name in header}
    if "village" not in fields and "parish" not in fields:
        problems.append(Problem(1, "landsby", _("this column is missing (or sognekode)")))
    if "kind" not in fields:
        problems.append(Problem(1, "anvendelse", _("this column is missing")))
    if problems:
        raise ImportProblems(problems)
    villages = list(project.villages.all())
    by_name = {v.name.casefold(): v for v in villages}
    by_parish = {int(v.parish): v for v in villages if v.parish.strip().isdigit()}
    dwellings = []
    for number, row in enumerate(rows, start=2):
        found = _dwelling(row, fields, by_name, by_parish, number, problems)
        if found is not None:
            dwellings.append(found)
    if problems:
        raise ImportProblems(problems)
    if not dwellings:
        raise ImportProblems([Problem(0, "", _("the file has no rows below its header"))])
    return dwellings


def _dwelling(row: dict[str, str], fields: dict[str, str], by_name: dict[str, Village],
              by_parish: dict[int, Village], number: int,
              problems: list[Problem]) -> Dwelling | None:  # fmt: skip
    before = len(problems)
    problems += cpr_cells(number, row.items())
    if len(problems) > before:
        return None
    value = {field: str(row.get(name, "")).strip() for field, name in fields.items() if field}
    checked: dict[str, Any] = {}

    def check(field: str, convert: Any) -> None:
        if field in value:
            try:
                checked[field] = convert(value[field])
            except ValueError as error:
                problems.append(Problem(number, fields[field], str(error)))

    if "village" in value:
        check("village", lambda text: village_named(text, by_name))
    else:
        check("parish", lambda text: _parish(text, by_parish))
        checked["village"] = checked.pop("parish", None)
    check("kind", _use)
    for field in ("area", "rooms", "residents"):
        check(field, whole_number)
    check("year_built", _year)
    for field in ("occupied", "flexbolig", "condemned"):
        check(field, _yes_no)
    if len(problems) > before:
        return None
    residents = checked.pop("residents", None)
    if "occupied" not in checked and residents is not None:
        checked["occupied"] = residents > 0
    return Dwelling(address=value.get("address", "")[:200], **checked)


def _parish(text: str, villages: dict[int, Village]) -> Village:
    if not text.isdigit() or int(text) not in villages:
        raise ValueError(_("“%(code)s” is not the parish of a village of the project")
                         % {"code": text})  # fmt: skip
    return villages[int(text)]


def _use(text: str) -> str:
    found = USE_CODES.get(int(text)) if text.isdigit() else KINDS.get(text.lower())
    if found is None or found == Kind.PLOT:
        codes = ", ".join(str(code) for code in USE_CODES)
        raise ValueError(_("“%(value)s” is not a dwelling's use; the codes read are %(codes)s")
                         % {"value": text, "codes": codes})  # fmt: skip
    return found


def _year(text: str) -> int | None:
    year = whole_number(text)
    if year is not None and not 1000 <= year <= datetime.date.today().year:
        raise ValueError(_("“%(value)s” is not a year a house was built") % {"value": text})
    return year


def _yes_no(text: str) -> bool:
    lowered = text.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise ValueError(_("“%(value)s” is not yes or no (ja/nej)") % {"value": text})


@dataclass(frozen=True)
class Stock:
    """A village's housing stock from the building register, and its empty homes in words."""

    village: Village
    dwellings: int
    empty: int
    condemned: int
    flexbolig: int
    kinds: list[tuple[str, int]]
    opportunity: str | None


def stock(project: Project) -> list[Stock]:
    """Return per village (in name order, those with dwellings) its stock and the empty and
    condemned homes as an opportunity in words."""
    rows = []
    for village in project.villages.all():
        dwellings = list(village.dwellings.all())
        if not dwellings:
            continue
        empty = sum(1 for d in dwellings if d.occupied is False)
        condemned = sum(1 for d in dwellings if d.condemned)
        kinds = Counter(d.get_kind_display() for d in dwellings).most_common()
        rows.append(Stock(village, len(dwellings), empty, condemned,
                          sum(1 for d in dwellings if d.flexbolig), kinds,
                          _opportunity(village, empty, condemned)))  # fmt: skip
    return rows


def _opportunity(village: Village, empty: int, condemned: int) -> str | None:
    if not empty and not condemned:
        return None
    parts = []
    if empty:
        parts.append(ngettext("%(count)s empty home", "%(count)s empty homes", empty)
                     % {"count": empty})  # fmt: skip
    if condemned:
        parts.append(ngettext("%(count)s condemned home", "%(count)s condemned homes", condemned)
                     % {"count": condemned})  # fmt: skip
    return _(
        "%(village)s: %(homes)s — owners to contact about selling or letting, or a case for the "
        "demolition pool."
    ) % {"village": village.name, "homes": _(" and ").join(parts)}
