"""The figures of the fact base: each a table, usually a chart of it, and a CSV download.

A page, the CSV download and the presentation slides all build a figure from the same entry of
FIGURES, so the chart, the table beside it and the downloaded file always show the same
(suppressed or exact) numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from numbers import Number
from typing import Any
from urllib.parse import urlencode

import altair as alt
import pandas as pd
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samskab.common.suppression import is_hidden
from samskab.core.exports import frame_rows
from samskab.core.formats import rounded
from samskab.factbase import charts, cohort_trends, services, trends, where
from samskab.factbase.labels import HIDDEN_COLUMNS, area_label, cell_label, column_label
from samskab.factbase.services import Query
from samskab.projects.models import Project

TableFn = Callable[[Project, Query, bool], pd.DataFrame]
ChartFn = Callable[[Project, Query, bool, pd.DataFrame], alt.TopLevelMixin | None]


@dataclass(frozen=True)
class FigureSpec:
    slug: str
    title: Promise
    table: TableFn
    chart: ChartFn | None = None
    note: Promise | str = ""
    filtered: bool = False  # takes the flow filters (age band, household type)
    table_first: bool = False  # the table is the figure; the chart illustrates it
    # What else the chart is drawn from (a file's time stamp, say), so a new one is not served
    # an old chart from the cache.
    drawn_from: Callable[[Project], Any] | None = None


@dataclass(frozen=True)
class Cell:
    value: Any
    numeric: bool


@dataclass
class Figure:
    """A figure ready for a template: its SVG (if any), its table and its CSV link."""

    spec: FigureSpec
    headers: list[Cell]
    rows: list[list[Cell]]
    project: Project = field(repr=False)
    query: Query
    svg: SafeString | None = None
    data: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def csv_url(self) -> str:
        """The figure's CSV download for its query, made when a page links to it (the PDF
        handbook does not, and so needs none of the site's URLs)."""
        return csv_url(self.spec.slug, self.project, self.query)


def _net(project: Project, query: Query, exact: bool) -> pd.DataFrame:
    return services.net_migration_table(project, query.first_year, query.last_year, exact=exact)


def _map_table(project: Project, query: Query, exact: bool) -> pd.DataFrame:
    table = services.area_rows(_net(project, query, exact))
    return table[["area", "net_total", "pct_of_base_population"]]


def _map(project: Project, query: Query, exact: bool, _table: pd.DataFrame) -> Any:
    shapes = services.map_shapes(project, query.first_year, query.last_year, exact=exact)
    return charts.map_chart(shapes) if shapes else None


def _flow_map(project: Project, query: Query, exact: bool, table: pd.DataFrame) -> Any:
    shapes = services.map_shapes(project, query.first_year, query.last_year, exact=exact)
    return charts.flow_map_chart(shapes, table) if shapes else None


def _top(direction: str) -> TableFn:
    return lambda project, query, exact: services.top_places_table(
        project, query, direction, exact=exact
    )


def _chart(build: Callable[[pd.DataFrame], Any]) -> ChartFn:
    return lambda _project, _query, _exact, table: build(table)


FIGURES: dict[str, FigureSpec] = {
    spec.slug: spec
    for spec in (
        FigureSpec(
            "net-migration",
            _("Net migration per area"),
            _net,
            _chart(lambda table: charts.net_migration_chart(services.area_rows(table))),
            _("Moves across an area's boundary in the period; the percentage is of the "
              "area's population on 1 January of the first year. \"Parish unknown or outside "
              "the areas\": moves inside the municipality from or to a parish that is unknown "
              "or in no area, which count as internal for the area at the other end; with them "
              "the internal column sums to zero. \"Total\": the areas and that row together, "
              "so its external net is the municipality's own net migration with other places."),
            table_first=True,
        ),
        FigureSpec(
            "map",
            _("Map: net migration in % of the population"),
            _map_table,
            _map,
            _("Each parish has its area's colour: blue areas gained residents by moving, "
              "red areas lost them. Grey: the figure is suppressed."),
        ),
        FigureSpec(
            "largest-flows",
            _("The largest flows into and out of the areas"),
            lambda project, query, exact: services.largest_flows_table(project, query, exact=exact),
            _chart(charts.flows_chart),
            filtered=True,
        ),
        FigureSpec(
            "flow-map",
            _("Flow map: moves between the areas"),
            lambda project, query, exact: services.area_flows_table(project, query, exact=exact),
            _flow_map,
            _("Each wedge joins two areas: it starts thin at the area that lost people to the "
              "other and widens towards the area that gained them, as wide as the net number of "
              "moves. Pairs with small, suppressed numbers are left out."),
            filtered=True,
        ),
        FigureSpec(
            "destinations",
            _("Where out-movers go: the ten most common destinations per area"),
            _top("out"),
            filtered=True,
        ),
        FigureSpec(
            "origins",
            _("Where in-movers come from: the ten most common origins per area"),
            _top("in"),
            filtered=True,
        ),
        FigureSpec(
            "where",
            _("Where people go: the areas' moves with every municipality"),
            where.figure_table,
            where.figure_chart,
            _("Moves between the project's areas and each other municipality, the rest of "
              "their own municipality and abroad; on the map, blue municipalities sent more "
              "people to the areas than they received from them, red ones received more. "
              "Grey: no moves, or a figure hidden to protect small counts."),
            filtered=True,
            drawn_from=where.outlines_stamp,
        ),
        FigureSpec(
            "population",
            _("Population per area"),
            lambda project, _query, exact: services.population_table(project, exact=exact),
            _chart(charts.population_chart),
            _("Residents on 1 January of each year."),
        ),
        FigureSpec(
            "retention",
            _("Newcomer retention"),
            lambda project, query, exact: services.retention_table(
                project, query.first_year, query.last_year, exact=exact
            ),
            _chart(charts.retention_chart),
            _("Of the people who moved into the municipality in the period, the share still "
              "living in it 1, 2, 3 and 5 years later (only years the register covers)."),
        ),
        FigureSpec(
            "return-migration",
            _("Return migration"),
            lambda project, query, exact: services.return_migration_table(
                project, query.first_year, query.last_year, exact=exact
            ),
            _chart(charts.return_chart),
            _("In-movers who had lived in the municipality before, as far as the register's "
              "earlier years show: the first years look back on little history."),
        ),
        FigureSpec(
            "trends",
            _("Moving in and out, year by year"),
            trends.trend_rows,
            trends.trend_chart,
            _("Persons who moved into or out of the place each year, in the age band chosen; "
              "moves inside the place are not counted. An area's years add up to its net "
              "migration on the net migration page. The dotted line marks the project's start."),
        ),
        FigureSpec(
            "trends-areas",
            _("Net migration per area, year by year"),
            trends.area_rows,
            trends.areas_chart,
            _("Persons who moved in less those who moved out, all ages, each year; the years "
              "add up to the net migration of the period. The dotted line marks the project's "
              "start."),
        ),
        FigureSpec(
            "trends-retention",
            _("Newcomer retention in the area or village and age band"),
            cohort_trends.retention_rows,
            _chart(charts.retention_chart),
            _("Of the people who moved into the municipality in the period, to the area or "
              "village and in the age band chosen, the share still living in the municipality "
              "1, 2, 3 and 5 years later (only years the register covers)."),
        ),
        FigureSpec(
            "trends-returns",
            _("Return migration in the area or village and age band"),
            cohort_trends.return_rows,
            _chart(charts.return_chart),
            _("In-movers to the area or village, in the age band chosen, who had lived in the "
              "municipality before, as far as the register's earlier years show."),
        ),
    )
}  # fmt: skip


def build_figure(
    slug: str, project: Project, query: Query, *, exact: bool, with_chart: bool = True
) -> Figure:
    """Return the figure `slug` for the project and query, its chart rendered to SVG."""
    spec = FIGURES[slug]
    table = spec.table(project, query, exact)
    headers, rows = table_cells(as_shown(table))
    figure = Figure(spec=spec, headers=headers, rows=rows, project=project, query=query, data=table)
    if spec.chart and with_chart:
        figure.svg = services.cached(
            services.require_dataset(project),
            f"svg-{slug}",
            # The project's start is marked on charts over time: a new start, a new chart.
            (
                query,
                exact,
                get_language(),
                project.start,
                spec.drawn_from and spec.drawn_from(project),
            ),
            lambda: _svg(spec, project, query, exact, table),
        )
    return figure


def table_cells(shown: pd.DataFrame) -> tuple[list[Cell], list[list[Cell]]]:
    """Return a table's headings and rows as cells for a template: numbers in the language's
    format, suppressed cells and numbers aligned as numbers."""
    headers = [Cell(column_label(c), _is_numeric(shown[c])) for c in shown.columns]
    rows = [
        [_cell(c, v) for c, v in zip(shown.columns, row, strict=True)]
        for row in shown.itertuples(index=False)
    ]
    return headers, rows


def as_shown(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table as a page shows it and a CSV download holds it: the area cell of a
    total or rest row named in the page's language, and no column that only serves to label."""
    if "area_kind" in table.columns:
        kinds = zip(table["area"], table["area_kind"], strict=True)
        table = table.assign(area=[area_label(area, kind) for area, kind in kinds])
    return table[[c for c in table.columns if c not in HIDDEN_COLUMNS]]


def csv_rows(shown: pd.DataFrame) -> list[list[Any]]:
    """Return a table as shown (as_shown) as the rows of its CSV download: the headings and the
    places in the page's language, as on the page; numbers as numbers (the CSV writes them in
    the language's form)."""
    body = frame_rows(shown)[1:]
    labelled = [[cell_label(c, v) for c, v in zip(shown.columns, row, strict=True)] for row in body]
    return [[column_label(c) for c in shown.columns], *labelled]


def _svg(
    spec: FigureSpec, project: Project, query: Query, exact: bool, table: pd.DataFrame
) -> SafeString | None:
    chart = spec.chart(project, query, exact, table) if spec.chart else None
    return None if chart is None else charts.render(chart, title=str(spec.title))


def csv_url(slug: str, project: Project, query: Query) -> str:
    """Return the download link of a figure for this query."""
    params: dict[str, Any] = {"first": query.first_year, "last": query.last_year}
    if FIGURES[slug].filtered:
        params |= {"age_band": query.age_band or "", "household_type": query.household_type or ""}
    if query.place is not None:
        params |= {"place": query.place, "age_band": query.age_band or ""}
    return f"{reverse('factbase:csv', args=[project.pk, slug])}?{urlencode(params)}"


def _cell(column: str, value: Any) -> Cell:
    """Return a table cell: numbers in the language's format ("1.234,5" in Danish)."""
    if value is None:  # no figure: a total row has no population of its own
        return Cell("", True)
    if isinstance(value, bool) or not isinstance(value, Number):
        return Cell(cell_label(column, value), is_hidden(value))
    if pd.isna(value):
        return Cell("", True)
    if column == "year" or column == "cohort_year":
        return Cell(str(value), True)
    decimals = 1 if isinstance(value, float) else 0
    return Cell(rounded(value, decimals, force_grouping=True), True)


def _is_numeric(column: pd.Series) -> bool:
    values = [v for v in column if v is not None]
    return bool(values) and all(
        (isinstance(v, Number) and not isinstance(v, bool)) or is_hidden(v) for v in values
    )
