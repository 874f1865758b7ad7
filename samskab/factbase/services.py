"""The fact base as the pages need it: one function per use, each result cached.

Every table function takes the project, the period (and filters) and `exact`: False for anyone
but a facilitator, which applies small-cell suppression (counts below settings.SUPPRESS_BELOW
read "<5", cells hidden to protect them ".."). Results are cached per dataset, function,
parameters and exactness, so a new import is never served an old table. Nothing here returns a
row of the register itself: only counts per area, year or place.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from django.conf import settings
from django.core.cache import cache

from samskab.common.suppression import apply_mask
from samskab.factbase.actions import SHAPES_FILE
from samskab.factbase.models import FactDataset
from samskab.factbase.shapes import area_label_points
from samskab.facts import flow_cells, flow_lists, retention_cells
from samskab.facts.build import Params, compute_table, spec_named
from samskab.facts.errors import AnalysisUnavailable, InputError
from samskab.facts.migration import percent_of
from samskab.facts.store import Dataset, load_dataset
from samskab.projects.models import Project

T = TypeVar("T")
CACHE_SECONDS = 6 * 60 * 60
DEFAULT_PERIOD_YEARS = 6
NET_COLUMNS = [
    "area",
    "net_internal",
    "net_external",
    "net_total",
    "base_population",
    "pct_of_base_population",
    "area_kind",
]


class NoFacts(Exception):
    """The project has no valid dataset yet."""


@dataclass(frozen=True)
class Query:
    """What a page asks of the fact base: a period and, for flows, the filters; over time, the
    place ("area:<name>" or "parish:<code>")."""

    first_year: int
    last_year: int
    age_band: str | None = None
    household_type: str | None = None
    place: str | None = None


def current_dataset(project: Project) -> FactDataset | None:
    """Return the project's latest valid dataset, or None."""
    valid = project.fact_datasets.filter(status=FactDataset.Status.VALID)
    return valid.order_by("-created", "-pk").first()


def require_dataset(project: Project) -> FactDataset:
    """Return the project's current dataset; NoFacts when there is none."""
    dataset = current_dataset(project)
    if dataset is None:
        raise NoFacts
    return dataset


def default_period(dataset: FactDataset) -> tuple[int, int]:
    """Return the dataset's first six years (fewer when it covers fewer)."""
    first, last = dataset.first_year or 0, dataset.last_year or 0
    return first, min(last, first + DEFAULT_PERIOD_YEARS - 1)


def open_dataset(dataset: FactDataset) -> Dataset:
    """Return the imported tables (the DuckDB file made on import, reopened read-only)."""
    return load_dataset(**dataset.input_files(), cache_dir=Path(settings.FACTS_CACHE_DIR))


def cached(dataset: FactDataset, name: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """Return compute()'s result, from the cache when the same question was asked before."""
    raw = repr((dataset.cache_key, name, parts)).encode()
    key = f"factbase:{hashlib.sha256(raw).hexdigest()[:32]}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def _threshold(exact: bool) -> int | None:
    return None if exact else settings.SUPPRESS_BELOW


def net_migration_table(project: Project, first: int, last: int, *, exact: bool) -> pd.DataFrame:
    """Return the handbook's net migration table per area: area, net_internal, net_external,
    net_total, base_population, pct_of_base_population, area_kind; after the areas the row of
    moves from or to a parish unknown or in no area, and the total (see facts.migration)."""
    dataset = require_dataset(project)

    def compute() -> pd.DataFrame:
        data, params, threshold = open_dataset(dataset), Params(first, last), _threshold(exact)
        yearly = None  # the years' table, cut from yearly_nets when a person sees it suppressed
        if threshold is not None and (known := yearly_nets(project)) is not None:
            yearly = retention_cells.nets_of(data, params, threshold, known)[0]
        table = compute_table(spec_named("net_migration"), data, params,
                              suppress_below=threshold, yearly=yearly)  # fmt: skip
        return _whole_population(table)[NET_COLUMNS].reset_index(drop=True)

    return cached(dataset, "net_migration", (first, last, exact), compute)


def _whole_population(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table with the areas' base population as whole numbers (the rest and total
    rows have none)."""
    population = [None if pd.isna(p) else int(p) for p in table["base_population"]]
    return table.assign(base_population=pd.Series(population, index=table.index, dtype=object))


def yearly_nets(project: Project) -> retention_cells.YearlyNets | None:
    """Return the net-migration table of every year of the dataset, exact, with the mask of
    what each single year hides from a person without exact figures: computed once and cut
    by every table suppressed in step with it (flow lists, retention, the years' own tables);
    None when it cannot be made for the whole span (each table then computes its own years)."""
    dataset = require_dataset(project)
    first, last = dataset.first_year or 0, dataset.last_year or 0

    def compute() -> retention_cells.YearlyNets | None:
        params = Params(first, last)
        try:
            return retention_cells.single_year_nets(
                open_dataset(dataset), params, settings.SUPPRESS_BELOW
            )
        except InputError:
            return None

    return cached(dataset, "yearly_nets", (first, last, settings.SUPPRESS_BELOW), compute)


def single_year_net_tables(project: Project, first: int, last: int) -> pd.DataFrame:
    """Return the net migration table of every single year of the period as a person without
    exact figures sees it (a column `year`): each year's rows hidden as
    net_migration_table(project, year, year, exact=False) hides them, cut from yearly_nets
    instead of computed year by year."""
    dataset = require_dataset(project)

    def compute() -> pd.DataFrame:
        params, threshold = Params(first, last), settings.SUPPRESS_BELOW
        yearly, mask = retention_cells.nets_of(
            open_dataset(dataset), params, threshold, yearly_nets(project)
        )
        spec = spec_named("net_migration")
        hidden = apply_mask(yearly, mask, counts=spec.counts, threshold=threshold)
        return _whole_population(hidden)[["year", *NET_COLUMNS]].reset_index(drop=True)

    return cached(dataset, "single_year_net_tables", (first, last), compute)


def area_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of a net migration table that are areas (not its rest or total)."""
    return table[table["area_kind"] == "area"].reset_index(drop=True)


def map_shapes(project: Project, first: int, last: int, *, exact: bool) -> dict[str, Any] | None:
    """Return the parish shapes with their area's net migration (% of base population) and a
    label point per area, or None when the dataset has no boundary file."""
    dataset = require_dataset(project)
    path = dataset.folder / SHAPES_FILE
    if not path.exists():
        return None
    table = net_migration_table(project, first, last, exact=exact)

    def compute() -> dict[str, Any]:
        shapes = json.loads(path.read_text(encoding="utf-8"))
        area_of = {int(code): area.name for area in project.areas.all() for code in area.parishes}
        areas = area_rows(table)
        percent = dict(zip(areas["area"], areas["pct_of_base_population"], strict=True))
        for feature in shapes["features"]:
            props = feature["properties"]
            area = area_of.get(props["parish"])
            value = percent.get(area)
            props["area"] = area or ""
            props["pct"] = value if isinstance(value, int | float) else None
        labels = area_label_points(shapes, area_of)
        for point in labels:
            point["pct"] = percent.get(point["area"])
        return {"shapes": shapes, "labels": labels}

    return cached(dataset, "map", (first, last, exact), compute)


def flow_table(project: Project, first: int, last: int, *, exact: bool) -> pd.DataFrame:
    """Return the period's flow cells, from which every flow list is cut (see
    facts.flow_cells): suppressed once, so a pair reads the same in every list and filter."""
    dataset = require_dataset(project)

    def compute() -> pd.DataFrame:
        threshold = _threshold(exact)
        known = yearly_nets(project) if threshold is not None else None
        return flow_cells.flow_table(
            open_dataset(dataset), first_year=first, last_year=last, threshold=threshold,
            known=known,
        )  # fmt: skip

    return cached(dataset, "flow_table", (first, last, exact), compute)


def single_year_flow_tables(project: Project, first: int, last: int) -> pd.DataFrame:
    """Return the suppressed flow cells of every single year of the period (a column `year`),
    each year hidden as its own flow_table hides it: one computation for all the years."""
    dataset = require_dataset(project)

    def compute() -> pd.DataFrame:
        return flow_cells.single_year_tables(
            open_dataset(dataset), first_year=first, last_year=last,
            threshold=settings.SUPPRESS_BELOW, known=yearly_nets(project),
        )  # fmt: skip

    return cached(dataset, "single_year_flow_tables", (first, last), compute)


def _flow_cells(project: Project, query: Query, exact: bool) -> pd.DataFrame:
    table = flow_table(project, query.first_year, query.last_year, exact=exact)
    return flow_lists.cells_of(table, query.age_band, query.household_type)


def top_places_table(
    project: Project, query: Query, direction: str, *, exact: bool, n: int = 10
) -> pd.DataFrame:
    """Return per area the n largest destinations of out-movers (direction "out") or origins of
    in-movers ("in"): area, rank, destination|origin, …_kind, moves, and share (%) when exact."""
    return flow_lists.top_places(
        _flow_cells(project, query, exact),
        direction,
        n=n,
        areas=[area.name for area in project.areas.all()],
        threshold=_threshold(exact),
    )


def largest_flows_table(
    project: Project, query: Query, *, exact: bool, n: int = 15
) -> pd.DataFrame:
    """Return the n largest flows into or out of an area: origin, destination, moves."""
    cells = _flow_cells(project, query, exact)
    return flow_lists.largest_flows(cells, n=n, threshold=_threshold(exact))


def area_flows_table(project: Project, query: Query, *, exact: bool) -> pd.DataFrame:
    """Return the moves between the project's areas: origin, destination (areas), moves,
    largest first; moves inside an area are left out."""
    cells = _flow_cells(project, query, exact)
    return flow_lists.between_areas(cells, threshold=_threshold(exact))


def population_table(project: Project, *, exact: bool) -> pd.DataFrame:
    """Return residents on 1 January: a row per year, a column per area (in area order)."""
    dataset = require_dataset(project)

    def compute() -> pd.DataFrame:
        data = open_dataset(dataset)
        first, last = dataset.first_year or 0, dataset.last_year or 0
        long = compute_table(spec_named("population_by_area"), data, Params(first, last))
        order = [area.name for area in project.areas.all()]
        wide = long.pivot(index="year", columns="area", values="base_population")
        columns = [a for a in order if a in wide.columns] + [
            a for a in wide.columns if a not in order
        ]
        return wide[columns].reset_index().rename_axis(columns=None)

    # Residents per area are not suppressed: the fact base's own tables publish them as they are.
    return cached(dataset, "population", (), compute)


def retention_table(project: Project, first: int, last: int, *, exact: bool) -> pd.DataFrame:
    """Return, for the newcomers of the period's years, per area and years after their entry:
    newcomers, stayed and share_stayed (% still living in the municipality)."""
    dataset = require_dataset(project)

    def compute() -> pd.DataFrame:
        data = open_dataset(dataset)
        table = compute_table(spec_named("retention_by_area"), data, Params(first, last))
        table = table[table["cohort_year"].between(first, last)]
        summed = table.groupby(["area", "years_after"], sort=False, as_index=False)[
            ["newcomers", "stayed"]
        ].sum()
        summed = _area_order(project, summed)
        summed["share_stayed"] = percent_of(summed["stayed"], summed["newcomers"])
        if exact or summed.empty:
            return summed
        return retention_cells.suppress_retention(
            summed, table, data, Params(first, last), settings.SUPPRESS_BELOW, yearly_nets(project)
        )

    return cached(dataset, "retention", (first, last, exact), compute)


def return_migration_table(project: Project, first: int, last: int, *, exact: bool) -> pd.DataFrame:
    """Return per year of the period: in_movers, returners, share_returners (%) and
    history_years (how many earlier years of the register the answer can look back on)."""
    dataset = require_dataset(project)

    def compute() -> pd.DataFrame:
        data = open_dataset(dataset)
        table = compute_table(
            spec_named("return_migration"),
            data,
            Params(first, last),
            suppress_below=_threshold(exact),
        )
        table = table[table["year"].between(first, last)]
        columns = ["year", "in_movers", "returners", "share_returners", "history_years"]
        return table[columns].reset_index(drop=True)

    return cached(dataset, "return_migration", (first, last, exact), compute)


def follows_persons(project: Project) -> bool:
    """Return True when the dataset can follow persons (retention, return migration)."""
    dataset = require_dataset(project)
    try:
        open_dataset(dataset).require_persons("")
    except AnalysisUnavailable:
        return False
    return True


def _area_order(project: Project, table: pd.DataFrame) -> pd.DataFrame:
    """Return the table sorted by the project's area order (other places last), stably."""
    order = {area.name: position for position, area in enumerate(project.areas.all())}
    key = table["area"].map(lambda name: order.get(name, len(order)))
    return table.assign(_order=key).sort_values("_order", kind="stable").drop(columns="_order")
