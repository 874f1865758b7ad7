"""A village's facts from the fact base: those of the area it lies in, suppressed for everyone
but the facilitator through the fact base's own services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskab.factbase import charts, services
from samskab.factbase.labels import place_label
from samskab.factbase.services import NoFacts, Query
from samskab.facts.errors import AnalysisUnavailable, InputError
from samskab.projects.models import Village

PERIOD_YEARS = 6  # the latest six years the register covers, as the fact base's default
TOP_ORIGINS = 5


@dataclass
class VillageFacts:
    """The figures of a village's area; `problem` says why there are none (None: there are)."""

    area: str = ""
    first_year: int = 0
    last_year: int = 0
    population: list[tuple[int, Any]] = field(default_factory=list)
    population_svg: SafeString | None = None  # the population as a chart; the table beside it
    net: dict[str, Any] = field(default_factory=dict)
    retention: list[dict[str, Any]] = field(default_factory=list)
    origins: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None


def village_facts(village: Village, *, exact: bool) -> VillageFacts | None:
    """Return the facts of the village's area for the latest years, or None when the village
    has no area or the project no fact base yet."""
    project = village.project
    dataset = services.current_dataset(project)
    if village.area is None or dataset is None:
        return None
    last = dataset.last_year or 0
    first = max(dataset.first_year or 0, last - PERIOD_YEARS + 1)
    facts = VillageFacts(area=village.area.name, first_year=first, last_year=last)
    try:
        _fill(facts, village, exact=exact)
    except (NoFacts, InputError, AnalysisUnavailable) as error:
        facts.problem = str(error)
    return facts


def _fill(facts: VillageFacts, village: Village, *, exact: bool) -> None:
    project, area, first, last = village.project, facts.area, facts.first_year, facts.last_year
    population = services.population_table(project, exact=exact)
    if area in population.columns:
        facts.population = list(zip(population["year"], population[area], strict=True))
        facts.population_svg = _population_svg(village, population[["year", area]])
    net = services.net_migration_table(project, first, last, exact=exact)
    facts.net = _rows_of(net, area)[0] if _rows_of(net, area) else {}
    origins = services.top_places_table(project, Query(first, last), "in", exact=exact)
    facts.origins = [
        {**row, "origin": place_label(row["origin"])} for row in _rows_of(origins, area)
    ][:TOP_ORIGINS]
    if services.follows_persons(project):
        facts.retention = _rows_of(
            services.retention_table(project, first, last, exact=exact), area
        )


def _population_svg(village: Village, table: pd.DataFrame) -> SafeString:
    """Return the area's residents per year as a chart (cached with the fact base)."""
    dataset = services.require_dataset(village.project)
    title = _("Population of %(area)s on 1 January") % {
        "area": village.area.name if village.area else ""
    }
    return services.cached(
        dataset, "village-population-svg", (village.area_id, get_language()),
        lambda: charts.render(charts.population_chart(table), title=title),
    )  # fmt: skip


def _rows_of(table: pd.DataFrame, area: str) -> list[dict[str, Any]]:
    """Return the table's rows of the area as dicts (missing values as None)."""
    rows = table[table["area"] == area].astype(object)
    return [
        {key: (None if _missing(value) else value) for key, value in row.items()}
        for row in rows.to_dict("records")
    ]


def _missing(value: Any) -> bool:
    return not isinstance(value, str) and bool(pd.isna(value))
