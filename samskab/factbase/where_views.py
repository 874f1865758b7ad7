"""The page "where people really go": for the project's areas or one area, where out-movers
went and where in-movers came from, by municipality, on the map of Denmark and in a table; with
exact figures also for a village or parish, to and from each other parish of its municipality.

Every view asks access_project for its permission first; exact or suppressed figures are
decided once, in facts_for. An HTMX request (a filter change) gets only the results fragment.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskab.core.exports import csv_download, frame_rows
from samskab.factbase import charts, parish_where, services, where, where_charts
from samskab.factbase.actions import do_municipality_outlines
from samskab.factbase.figures import table_cells
from samskab.factbase.labels import place_label
from samskab.factbase.services import Query
from samskab.factbase.views import Facts, facts_for
from samskab.factbase.where_forms import OutlinesForm, WhereForm
from samskab.facts import where as facts_where
from samskab.facts.errors import AnalysisUnavailable, InputError
from samskab.facts.municipalities import municipality_name
from samskab.projects import rules
from samskab.projects.access import access_project

TOP = 10


def where_form(request: HttpRequest, facts: Facts) -> WhereForm:
    """Return the page's filter form, bound to the request's query string."""
    assert facts.dataset is not None
    return WhereForm(
        request.GET,
        areas=[area.name for area in facts.access.project.areas.all()],
        parishes=parish_where.choices(facts.access.project) if facts.exact else [],
        years=facts.dataset.years,
        default=services.default_period(facts.dataset),
    )


@login_required
def where_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show where the chosen place's movers went and came from; `format=csv` downloads the
    table as the person may see it."""
    facts = facts_for(request, project_id)
    if facts.dataset is None:
        return render(request, "factbase/empty.html", facts.context("where"))
    form = where_form(request, facts)
    query, place = form.query(), form.chosen()
    parish = place.parish if facts.exact else None
    try:
        if parish is not None:
            figures = parish_where.figures(facts.access.project, query, parish)
            cells = figures.by_municipality
        else:
            cells = where.where_cells(facts.access.project, query, place, exact=facts.exact)
    except (InputError, AnalysisUnavailable) as error:
        context = facts.context("where", form=form, query=query, place=place, problem=str(error))
        return render(request, _template(request), context)
    shown = where.shown_table(cells, exact=facts.exact)
    if request.GET.get("format") == "csv":
        name = f"where-{query.first_year}-{query.last_year}.csv"
        if parish is not None and request.GET.get("table") == "parishes":
            names = parish_where.parish_names(facts.access.project)
            table = parish_where.parish_table(figures.by_parish, names)
            return csv_download(frame_rows(table), f"where-parishes-{name.removeprefix('where-')}")
        return csv_download(frame_rows(where.labelled(shown)), name)
    context = facts.context(
        "where",
        form=form,
        query=query,
        place=place,
        **results(facts, query, place, cells, shown),
        **(parish_results(facts, query, place, figures) if parish is not None else {}),
        parishes_withheld=not facts.exact,
        outlines_form=OutlinesForm() if facts.access.can(rules.MANAGE_FACTS) else None,
    )
    return render(request, _template(request), context)


def _template(request: HttpRequest) -> str:
    return "factbase/where_results.html" if request.htmx else "factbase/where.html"


def results(
    facts: Facts, query: Query, place: where.Place, cells: pd.DataFrame, shown: pd.DataFrame
) -> dict[str, Any]:
    """Return what the results show: the map (or bars), the top list, abroad and inside the
    municipality as figures of their own, and the whole table."""
    project = facts.access.project
    column = place.column
    headers, rows = table_cells(where.labelled(shown))
    outlines = where.outlines(project)
    return {
        "svg": _svg(facts, query, place, cells, outlines),
        "has_outlines": outlines is not None,
        "top": [
            {"place": row.place, "value": _number(getattr(row, column), signed=column == "net")}
            for row in facts_where.top(cells, column, TOP).itertuples()
        ],
        "abroad": _row_of(shown, "abroad"),
        "home": _row_of(shown, "home"),
        "headers": headers,
        "rows": rows,
        "direction_label": where.DIRECTIONS[place.direction],
        "place_label": _place_label(facts, place),
        "csv_url": _csv_url(project.pk, query, place),
    }


def parish_results(
    facts: Facts, query: Query, place: where.Place, figures: parish_where.ParishFigures
) -> dict[str, Any]:
    """Return what a parish's results add: the map of the parishes (or nothing to draw without
    a boundary file) and the table of its moves with each other parish of its municipality."""
    project = facts.access.project
    assert place.parish is not None
    names = parish_where.parish_names(project)
    headers, rows = table_cells(parish_where.parish_table(figures.by_parish, names))
    title = _("Moves with the other parishes: %(place)s, %(direction)s") % {
        "place": _place_label(facts, place),
        "direction": where.DIRECTIONS[place.direction],
    }

    def draw() -> Any:
        found = parish_where.shapes(project)
        if found is None or place.parish is None:
            return None
        chart = where_charts.parish_map(
            found, figures.by_parish, place.parish, place.direction, names
        )
        return None if chart is None else charts.render(chart, title=title)

    assert facts.dataset is not None
    key = (query, place, title, get_language())  # a renamed village is drawn anew
    params = {"table": "parishes"}
    return {
        "parish": place.parish,
        "parish_svg": services.cached(facts.dataset, "where-parish-svg", key, draw),
        "parish_has_shapes": parish_where.has_shapes(project),
        "parish_headers": headers,
        "parish_rows": rows,
        "parish_municipality": (
            place_label(municipality_name(figures.municipality))
            if figures.municipality is not None
            else ""
        ),
        "parish_csv_url": f"{_csv_url(project.pk, query, place)}&{urlencode(params)}",
    }


def _place_label(facts: Facts, place: where.Place) -> str:
    """Return how the page names the place: the areas together, an area, a village or parish."""
    if place.parish is not None:
        return parish_where.label(facts.access.project, place.parish)
    return place.area or _("The project's areas together")


def _svg(
    facts: Facts,
    query: Query,
    place: where.Place,
    cells: pd.DataFrame,
    outlines: dict[str, Any] | None,
) -> Any:
    """Return the map (or, without outlines, the bars) as SVG, cached; None when empty."""
    stamp = where.outlines_stamp(facts.access.project)
    title = _("Where people moved: %(place)s, %(direction)s") % {
        "place": _place_label(facts, place),
        "direction": where.DIRECTIONS[place.direction],
    }

    def draw() -> Any:
        if outlines is not None:
            chart = where_charts.denmark_map(outlines, cells, place.direction)
        else:
            chart = where_charts.top_bars(cells, place.direction, n=TOP)
        return None if chart is None else charts.render(chart, title=title)

    assert facts.dataset is not None
    key = (query, place, title, facts.exact, get_language(), stamp)
    return services.cached(facts.dataset, "where-svg", key, draw)


def _row_of(shown: pd.DataFrame, kind: str) -> dict[str, str] | None:
    """Return the shown figures of the row of `kind` (abroad, home), or None without moves."""
    found = shown[shown["kind"] == kind]
    if found.empty:
        return None
    row = found.iloc[0]
    return {
        "name": place_label(row["place"]),
        "moved_out": _number(row["moved_out"]),
        "moved_in": _number(row["moved_in"]),
        "net": _number(row["net"], signed=True),
    }


def _number(value: Any, *, signed: bool = False) -> str:
    """Return a figure in the page's language ("1.234"), a marker ("<5", "..") as it is."""
    if isinstance(value, str):
        return value
    text = number_format(int(value), force_grouping=True)
    return f"+{text}" if signed and int(value) > 0 else text


def _csv_url(project_id: int, query: Query, place: where.Place) -> str:
    params = {
        "first": query.first_year, "last": query.last_year, "age_band": query.age_band or "",
        "household_type": query.household_type or "", "place": place.area,
        "direction": place.direction, "format": "csv",
    }  # fmt: skip
    return f"{reverse('factbase:where', args=[project_id])}?{urlencode(params)}"


@login_required
def upload_outlines(request: HttpRequest, project_id: int) -> HttpResponse:
    """Keep a DAGI municipality boundary file as the project's outlines (POST only)."""
    access = access_project(request, project_id, rules.MANAGE_FACTS)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = OutlinesForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("factbase:where", project_id=access.project.pk)
    try:
        do_municipality_outlines(access.project, form.cleaned_data["file"])
    except InputError as error:
        messages.error(request, _("The boundary file cannot be used: %(problem)s")
                       % {"problem": error})  # fmt: skip
    else:
        messages.success(request, _("The map of Denmark now draws the municipalities."))
    return redirect("factbase:where", project_id=access.project.pk)
