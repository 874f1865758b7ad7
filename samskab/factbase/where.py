"""Where people really go: a place's moves to and from every municipality of Denmark.

A place is the project's areas together or one area. Its table (facts.where) is cut from the
period's flow cells, which are suppressed once for every list and filter (services.flow_table),
so a pair of places reads the same here as on the flow page. Tables are cached per dataset,
period, filter, place and exactness; the municipality outlines the map draws are the project's
own upload (a DAGI municipality file), kept beside its datasets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.factbase import services, where_charts
from samskab.factbase.actions import outlines_path
from samskab.factbase.labels import place_label
from samskab.factbase.parish_where import parish_of
from samskab.factbase.services import Query
from samskab.facts import flow_lists
from samskab.facts import where as facts_where
from samskab.projects.models import Project

ALL_AREAS = ""
DIRECTIONS: dict[str, Promise] = {
    "net": _("Net: moved in less moved out"),
    "out": _("Out-movers' destinations"),
    "in": _("In-movers' origins"),
}
HEADINGS: dict[str, Promise] = {
    "place": _("Municipality"),
    "kind": _("Kind"),
    "moved_out": _("Moved out to"),
    "moved_in": _("Moved in from"),
    "net": _("Net (in − out)"),
}
KINDS: dict[str, Promise] = {
    "municipality": _("Other municipality"),
    "home": _("Inside the municipality"),
    "abroad": _("Abroad"),
}


@dataclass(frozen=True)
class Place:
    """The place a where-page asks about: "" for the project's areas together, an area, or a
    parish ("parish:NNNN", a village's too)."""

    area: str = ALL_AREAS
    direction: str = "net"

    @property
    def parish(self) -> int | None:
        return parish_of(self.area)

    @property
    def column(self) -> str:
        return facts_where.COLUMN_OF_DIRECTION[self.direction]


def place_areas(project: Project, place: Place) -> list[str]:
    """Return the names of the areas that make up the place."""
    names = [area.name for area in project.areas.all()]
    return names if place.area == ALL_AREAS else [n for n in names if n == place.area]


def where_cells(project: Project, query: Query, place: Place, *, exact: bool) -> pd.DataFrame:
    """Return the place's moves per municipality with their hidden flags (see facts.where)."""
    dataset = services.require_dataset(project)
    areas = tuple(place_areas(project, place))

    def compute() -> pd.DataFrame:
        table = services.flow_table(project, query.first_year, query.last_year, exact=exact)
        cells = flow_lists.cells_of(table, query.age_band, query.household_type)
        return facts_where.where_cells(cells, areas)

    return services.cached(dataset, "where", (query, areas, exact), compute)


def shown_table(cells: pd.DataFrame, *, exact: bool) -> pd.DataFrame:
    """Return the table as a person sees it: hidden figures as their markers."""
    return facts_where.published(cells, None if exact else settings.SUPPRESS_BELOW)


def outlines(project: Project) -> dict[str, Any] | None:
    """Return the project's municipality outlines (GeoJSON with code, name, lon, lat per
    feature), or None when none were uploaded."""
    path = outlines_path(project)
    if not path.exists():
        return None
    found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return found


def outlines_stamp(project: Project) -> int:
    """Return when the project's outlines were last uploaded (0: never), for chart caches."""
    path = outlines_path(project)
    return path.stat().st_mtime_ns if path.exists() else 0


def labelled(shown: pd.DataFrame) -> pd.DataFrame:
    """Return the table with its headings and kinds in the page's language, without codes."""
    table = shown.drop(columns="code").assign(
        place=[place_label(p) for p in shown["place"]],
        kind=[str(KINDS[k]) for k in shown["kind"]],
    )
    return table.rename(columns={c: str(h) for c, h in HEADINGS.items()})


def figure_table(project: Project, query: Query, exact: bool) -> pd.DataFrame:
    """Return the table of the figure "where" (the project's areas together), as shown."""
    cells = where_cells(project, query, Place(), exact=exact)
    return labelled(shown_table(cells, exact=exact))


def figure_chart(project: Project, query: Query, exact: bool, _table: pd.DataFrame) -> Any:
    """Return the figure's chart: the map of Denmark (net), or bars without outlines."""
    cells = where_cells(project, query, Place(), exact=exact)
    found = outlines(project)
    if found is not None:
        return where_charts.denmark_map(found, cells, "net")
    return where_charts.top_bars(cells, "net")
