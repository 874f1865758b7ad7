"""Where a parish's or village's movers went and came from, for the page "where people go".

A parish is chosen as "parish:NNNN" (its four-digit code; a village is its parish). Its figures
are exact and shown only to those who may see exact figures: the area-level flow cells are
suppressed along every published sum, and no suppression of a parish's moves consistent with
them is made, so a person without exact figures is offered no parish (the page says so).
Parishes are named as the project's boundary file names them, else by their code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy as _

from samskab.factbase import services
from samskab.factbase.actions import SHAPES_FILE
from samskab.factbase.services import Query
from samskab.facts import parish_where
from samskab.projects.models import Project

PREFIX = "parish:"
HEADINGS = {
    "parish": _("Parish"),
    "moved_out": _("Moved out to"),
    "moved_in": _("Moved in from"),
    "net": _("Net (in − out)"),
}


def value_of(code: int) -> str:
    """Return the chooser's value of a parish."""
    return f"{PREFIX}{code:04d}"


def parish_of(value: str) -> int | None:
    """Return the parish code of a chooser value, or None when it is not a parish."""
    kind, _sep, code = value.partition(":")
    return int(code) if kind + ":" == PREFIX and code.isdigit() else None


def shapes(project: Project) -> dict[str, Any] | None:
    """Return the project's parish shapes (GeoJSON with parish, parish_name), or None."""
    dataset = services.current_dataset(project)
    if dataset is None or not (dataset.folder / SHAPES_FILE).exists():
        return None
    found: dict[str, Any] = json.loads((dataset.folder / SHAPES_FILE).read_text(encoding="utf-8"))
    return found


def parish_names(project: Project) -> dict[int, str]:
    """Return the name of each parish the boundary file names (read once per dataset)."""
    dataset = services.current_dataset(project)
    if dataset is None:
        return {}

    def compute() -> dict[int, str]:
        found = shapes(project)
        if found is None:
            return {}
        return {
            int(f["properties"]["parish"]): str(f["properties"].get("parish_name") or "")
            for f in found["features"]
            if f["properties"].get("parish_name")
        }

    return services.cached(dataset, "parish-names", (), compute)


def has_shapes(project: Project) -> bool:
    """Return whether the project's current dataset has parish boundaries."""
    dataset = services.current_dataset(project)
    return dataset is not None and (dataset.folder / SHAPES_FILE).exists()


def name_of(code: int, names: dict[int, str]) -> str:
    """Return a parish's name ("Name (7001)"), or its code when the boundary file has none."""
    name = names.get(code)
    return f"{name} ({code:04d})" if name and name != str(code) else f"{code:04d}"


def choices(project: Project) -> list[tuple[Any, Any]]:
    """Return the chooser's groups: the villages with a parish, then the areas' parishes."""
    names = parish_names(project)
    villages = [
        (value_of(int(v.parish)), v.name) for v in project.villages.all() if v.parish.isdigit()
    ]
    codes = sorted({int(code) for area in project.areas.all() for code in area.parishes})
    parishes = [(value_of(code), name_of(code, names)) for code in codes]
    groups: list[tuple[Any, Any]] = []
    if villages:
        groups.append((_("Villages"), villages))
    if parishes:
        groups.append((_("Parishes"), parishes))
    return groups


def label(project: Project, code: int) -> str:
    """Return how the page names the chosen parish: a village's name, else the parish's."""
    for village in project.villages.all():
        if village.parish.isdigit() and int(village.parish) == code:
            return f"{village.name} ({code:04d})"
    return name_of(code, parish_names(project))


@dataclass(frozen=True)
class ParishFigures:
    """A parish's exact figures: per municipality (as facts.where has them), per other parish
    of its municipality, and that municipality (None without moves)."""

    by_municipality: pd.DataFrame
    by_parish: pd.DataFrame
    municipality: int | None


def figures(project: Project, query: Query, code: int) -> ParishFigures:
    """Return the parish's exact figures in the query's period and filter, cached."""
    dataset = services.require_dataset(project)

    def compute() -> ParishFigures:
        counted = parish_where.parish_moves(
            services.open_dataset(dataset), parish=code, first_year=query.first_year,
            last_year=query.last_year,
        )  # fmt: skip
        home = parish_where.home_municipality(counted, code)
        moves = parish_where.chosen(counted, query.age_band, query.household_type)
        return ParishFigures(
            parish_where.by_municipality(moves, code),
            parish_where.by_parish(moves, code, home),
            home,
        )

    return services.cached(dataset, "where-parish", (query, code), compute)


def parish_table(by_parish: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """Return the per-parish table with its headings in the page's language."""
    table = by_parish.assign(
        parish=[
            str(_("Parish unknown")) if pd.isna(p) else name_of(int(p), names)
            for p in by_parish["parish"]
        ]
    )
    return table.rename(columns={c: str(h) for c, h in HEADINGS.items()})
