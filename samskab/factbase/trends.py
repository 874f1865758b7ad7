"""Migration over time: in-movers, out-movers and net migration per year for one area or
village and age band, as a chart with the table beside it and the project's start marked.

A facilitator's figures come from one exact table of every place, year and age band (see
facts.trends), computed once per dataset and cached. Anyone else sees an area's figures as an
initiative's before/after view shows them (group_moves), cached per area and age band.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.factbase import group_moves, services
from samskab.factbase.charts import WIDTH, numeric
from samskab.factbase.forms import PeriodForm
from samskab.factbase.models import FactDataset
from samskab.factbase.services import Query
from samskab.facts import trends
from samskab.facts.bands import DEFAULT_AGE_BANDS
from samskab.projects.models import Project

COLUMNS = ["year", "in_movers", "out_movers", "net"]


def movers_table(project: Project) -> pd.DataFrame:
    """Return facts.trends' exact table of every area and parish, year and age band over all
    the dataset's years (for facilitators)."""
    dataset = services.require_dataset(project)

    def compute() -> pd.DataFrame:
        data = services.open_dataset(dataset)
        first, last = dataset.first_year or 0, dataset.last_year or 0
        return trends.yearly_movers(data, first_year=first, last_year=last)

    return services.cached(dataset, "yearly_movers", (), compute)


def area_years(project: Project, area: str, age_band: str | None) -> pd.DataFrame:
    """Return year, in_movers, out_movers and net of one area and age band (None: all ages)
    over all the dataset's years as a person without exact figures sees them: the figures an
    initiative's before/after view shows for that group (see group_moves), from one cache."""
    dataset = services.require_dataset(project)
    group = ((area,), age_band or "", "")

    def compute() -> pd.DataFrame:
        return group_moves.yearly_moves(dataset, *group, suppressed=True)

    return services.cached(dataset, "before_after", (*group, True), compute)


def place_choices(project: Project, *, exact: bool) -> list[tuple[Any, Any]]:
    """Return the places a person can choose: the areas, then, with exact figures, the villages
    that have a parish (by its code: the same village in every database)."""
    areas = [(f"area:{area.name}", area.name) for area in project.areas.all()]
    if not exact:
        return areas
    villages = [
        (f"parish:{int(village.parish):04d}", village.name)
        for village in project.villages.all()
        if village.parish.isdigit()
    ]
    choices: list[tuple[Any, Any]] = [(gettext_lazy("Areas"), areas)]
    return choices + ([(gettext_lazy("Villages"), villages)] if villages else [])


def trend_rows(project: Project, query: Query, exact: bool) -> pd.DataFrame:
    """Return year, in_movers, out_movers and net of the query's place and age band for the
    years of its period (hidden cells as their markers)."""
    kind, _sep, place = (query.place or default_place(project)).partition(":")
    if exact:
        table = movers_table(project)
        chosen = (
            (table["kind"] == kind)
            & (table["place"] == place)
            & (table["age_band"] == (query.age_band or trends.ALL))
        )
        table = table[chosen]
    else:
        table = area_years(project, place, query.age_band)
    in_period = table["year"].between(query.first_year, query.last_year)
    return table.loc[in_period, COLUMNS].reset_index(drop=True)


def default_place(project: Project) -> str:
    """Return the first area (what the page shows before a place is chosen)."""
    first = project.areas.first()
    return f"area:{first.name}" if first else "area:"


def trend_chart(project: Project, query: Query, _exact: bool, table: pd.DataFrame) -> Any:
    """Return lines of in-movers, out-movers and net per year, the project's start marked by a
    rule when it falls in the period; None when every figure is hidden."""
    parts = {"in_movers": _("In-movers"), "out_movers": _("Out-movers"), "net": _("Net")}
    long = table.melt(id_vars="year", value_vars=list(parts), var_name="part", value_name="n")
    long = long.assign(n=numeric(long["n"]), part=long["part"].map(parts)).dropna()
    if long.empty:
        return None
    order = list(parts.values())
    lines = (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("n:Q", title=_("Persons"), axis=alt.Axis(format=",d")),
            color=alt.Color("part:N", sort=order, title=None, legend=alt.Legend(orient="bottom")),
            strokeDash=alt.StrokeDash("part:N", sort=order, legend=None),
        )
    )
    return alt.layer(lines, *start_marker(project, query)).properties(width=WIDTH - 80, height=320)


def area_rows(project: Project, query: Query, exact: bool) -> pd.DataFrame:
    """Return area, year, in_movers, out_movers and net of every area, all ages, for the years
    of the query's period."""
    parts = [
        trend_rows(project, Query(query.first_year, query.last_year, place=f"area:{area.name}"),
                   exact).assign(area=area.name)
        for area in project.areas.all()
    ]  # fmt: skip
    if not parts:
        return pd.DataFrame(columns=["area", *COLUMNS])
    return pd.concat(parts, ignore_index=True)[["area", *COLUMNS]]


def areas_chart(project: Project, query: Query, _exact: bool, table: pd.DataFrame) -> Any:
    """Return a line per area of its net migration per year, the project's start marked; None
    when every figure is hidden."""
    frame = table.assign(net=numeric(table["net"])).dropna(subset=["net"])
    if frame.empty:
        return None
    order = list(dict.fromkeys(table["area"]))
    lines = (
        alt.Chart(frame[["area", "year", "net"]])
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("net:Q", title=_("Net migration (persons)"), axis=alt.Axis(format=",d")),
            color=alt.Color("area:N", sort=order, title=_("Area")),
        )
    )
    return alt.layer(lines, *start_marker(project, query)).properties(width=WIDTH - 160, height=320)


def start_marker(project: Project, query: Query) -> list[Any]:
    """Return a dotted rule and a label at the project's start year, when it is in the period."""
    start = project.start.year
    if not query.first_year <= start <= query.last_year:
        return []
    marker = pd.DataFrame({"year": [start], "label": [_("Project start")]})
    rule = alt.Chart(marker).encode(x="year:O")
    return [
        rule.mark_rule(color="#595959", strokeDash=[2, 2]),
        rule.mark_text(align="left", dx=4, dy=-6, baseline="bottom", color="#1a1a1a").encode(
            text="label:N", y=alt.value(0)
        ),
    ]


class TrendForm(PeriodForm):
    """The period (every year of the dataset at first), a place and an age band; without exact
    figures the place is an area (a village's figures would split its area's moves finer than
    any suppressed table does)."""

    place = forms.ChoiceField(label=gettext_lazy("Area or village"), required=False)
    age_band = forms.ChoiceField(label=gettext_lazy("Age"), required=False)

    def __init__(self, data: Any, *, project: Project, exact: bool, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.project = project
        self.fields["place"].choices = place_choices(project, exact=exact)
        if not exact:
            self.fields["place"].label = gettext_lazy("Area")
        bands = [(band, band) for band in DEFAULT_AGE_BANDS.split(",")]
        self.fields["age_band"].choices = [("", gettext_lazy("All ages")), *bands]

    def query(self) -> Query:
        period = super().query()
        valid = self.is_bound and self.is_valid()
        return Query(
            period.first_year,
            period.last_year,
            age_band=(valid and self.cleaned_data.get("age_band")) or None,
            place=(valid and self.cleaned_data["place"]) or default_place(self.project),
        )


def trend_form(data: Any, dataset: FactDataset, project: Project, *, exact: bool) -> TrendForm:
    """Return the form of the page's query: at first every year of the dataset, the first area
    and every age."""
    years = (dataset.first_year or 0, dataset.last_year or 0)
    if data and "place" in data and not data.get("first"):
        # A link may give only the place: the form still binds, to the default period.
        data = data.copy()
        data["first"] = str(years[0])
    return TrendForm(data, project=project, exact=exact, years=dataset.years, default=years)


def place_name(project: Project, place: str) -> str:
    """Return the name of a place of the form ("Nord", or a village's name)."""
    kind, _sep, key = place.partition(":")
    if kind == "parish":
        names = {v.parish.zfill(4): v.name for v in project.villages.all()}
        return names.get(key, key)
    return key
