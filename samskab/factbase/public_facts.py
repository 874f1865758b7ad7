"""A project's first facts: what Statistics Denmark publishes on its municipality, read from the
public fact base (`samskab facts public`, in settings.PUBLIC_FACTS_DIR), shown before any
register extract is imported. The figures are published counts: no small-cell suppression."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samskab.factbase import charts
from samskab.facts.municipalities import municipality_name
from samskab.facts.public import read_public, recent_years
from samskab.projects.models import Project

TOP = 3  # municipalities named per age band


@dataclass(frozen=True)
class YearRow:
    year: int
    moves_in: int
    moves_out: int
    net: int
    immigrated: int | None
    emigrated: int | None
    population: int | None


@dataclass(frozen=True)
class AgeRow:
    band: str
    moves_in: int
    moves_out: int
    origins: list[tuple[str, int]]  # (municipality, moves) most moved from, most first
    destinations: list[tuple[str, int]]


@dataclass(frozen=True)
class PublicFacts:
    """The public figures of one municipality."""

    municipality: str
    first_year: int
    last_year: int
    years: list[YearRow]
    by_age: list[AgeRow]
    recent: tuple[int, int]  # the years the origins and destinations cover
    parishes: list[tuple[str, str, int]]  # (area or village, parish, residents), in parish_year
    parish_year: int | None
    tables: list[str]  # the StatBank tables the figures come from


def public_facts(project: Project) -> PublicFacts | None:
    """Return the public facts of the project's municipality, or None when there are none."""
    tables = read_public(Path(settings.PUBLIC_FACTS_DIR))
    if tables is None:
        return None
    code = project.municipality.code
    net = tables["net_migration"]
    net = net[net["municipality_code"] == code]
    if net.empty:
        return None
    return PublicFacts(
        municipality=municipality_name(code),
        first_year=int(net["year"].min()),
        last_year=int(net["year"].max()),
        years=_years(net, tables, code),
        by_age=_by_age(tables.get("flows_by_age"), code, int(net["year"].max())),
        recent=_recent(int(net["year"].min()), int(net["year"].max())),
        parishes=_parishes(tables.get("parish_population"), project),
        parish_year=_last_year(tables.get("parish_population")),
        tables=sorted(tables["manifest"]["read"]),
    )


def _recent(first: int, last: int) -> tuple[int, int]:
    return recent_years(first, last)


def _years(net: pd.DataFrame, tables: dict[str, Any], code: int) -> list[YearRow]:
    change = _of(tables.get("population_change"), code, "municipality_code", "year")
    population = _of(tables.get("population"), code, "municipality_code", "year")
    rows = []
    for year, moves_in, moves_out, value in net[["year", "moves_in", "moves_out", "net"]].values:
        row = change.get(year)
        rows.append(
            YearRow(
                int(year), int(moves_in), int(moves_out), int(value),
                None if row is None else int(row["immigrated"]),
                None if row is None else int(row["emigrated"]),
                None if year not in population else int(population[year]["population"]),
            )
        )  # fmt: skip
    return rows


def _of(frame: pd.DataFrame | None, code: int, column: str, key: str) -> dict[int, Any]:
    if frame is None:
        return {}
    rows = frame[frame[column] == code]
    return {int(row[key]): row for row in rows.to_dict("records")}


def _by_age(flows: pd.DataFrame | None, code: int, last: int) -> list[AgeRow]:
    """Return per age band the moves in and out of the last years, and where most came from and
    went to."""
    if flows is None:
        return []
    first, last = _recent(int(flows["year"].min()), last)
    recent = flows[flows["year"].between(first, last)]
    into = recent[recent["to_municipality"] == code]
    out_of = recent[recent["from_municipality"] == code]
    bands = list(dict.fromkeys(flows["age_band"]))  # in the build's order
    rows = []
    for band in sorted(bands, key=_band_start):
        came = into[into["age_band"] == band].groupby("from_municipality")["moves"].sum()
        went = out_of[out_of["age_band"] == band].groupby("to_municipality")["moves"].sum()
        rows.append(AgeRow(band, int(came.sum()), int(went.sum()), _top(came), _top(went)))
    return rows


def _band_start(band: str) -> int:
    digits = "".join(c for c in band.split("-")[0] if c.isdigit())
    return int(digits) if digits else 999


def _top(moves: pd.Series) -> list[tuple[str, int]]:
    """Return the municipalities with the most moves, most first (by code when tied)."""
    ordered = sorted(moves.items(), key=lambda item: (-int(item[1]), int(item[0])))
    return [(municipality_name(int(c)), int(n)) for c, n in ordered[:TOP] if n > 0]


def _last_year(frame: pd.DataFrame | None) -> int | None:
    return None if frame is None or frame.empty else int(frame["year"].max())


def _parishes(frame: pd.DataFrame | None, project: Project) -> list[tuple[str, str, int]]:
    """Return the residents of the parishes of the project's areas, and of its villages (those
    in no area; a new project may have villages before areas), in the last year published."""
    if frame is None:
        return []
    areas = {int(code): area.name for area in project.areas.all() for code in area.parishes}
    for village in project.villages.all():
        if village.parish.isdigit():
            areas.setdefault(int(village.parish), village.name)
    if not areas:
        return []
    last = frame[frame["year"] == frame["year"].max()]
    mine = last[last["parish_code"].isin(list(areas))]
    return [
        (areas[int(code)], str(name) or str(code), int(people))
        for code, name, people in mine[["parish_code", "parish", "population"]].values
    ]


def chart_svg(facts: PublicFacts) -> SafeString:
    """Return the chart of the municipality's moves in, out and net per year."""
    per_year = pd.DataFrame(
        [(row.year, row.moves_in, row.moves_out, row.net) for row in facts.years],
        columns=["year", "moves_in", "moves_out", "net"],
    )
    title = _("Moves between %(municipality)s and the other municipalities, per year")
    return charts.render(
        charts.statbank_chart(per_year), title=title % {"municipality": facts.municipality}
    )
