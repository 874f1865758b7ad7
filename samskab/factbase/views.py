"""Fact-base pages: the tables and charts, their CSV files, and the presentation slides.

Every view asks access_project for its permission first. Whether a person sees exact figures or
suppressed ones is decided once, in `facts_for`, from VIEW_EXACT_FACTS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samskab.core.exports import csv_download
from samskab.factbase import services
from samskab.factbase.figures import FIGURES, Figure, as_shown, build_figure, csv_rows
from samskab.factbase.forms import FlowFilterForm, PeriodForm
from samskab.factbase.models import FactDataset
from samskab.factbase.public_facts import chart_svg as public_chart
from samskab.factbase.public_facts import public_facts
from samskab.factbase.services import Query
from samskab.factbase.trends import trend_form
from samskab.facts.errors import AnalysisUnavailable, InputError
from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project

PAGES = {
    "overview": _("Net migration"),
    "map": _("Map"),
    "flows": _("Moves to and from"),
    "where": _("Where people go"),
    "population": _("Population and newcomers"),
    "trends": _("Over time"),
}


@dataclass
class Facts:
    """What every fact-base page starts from: who asks, the dataset, and exact or not."""

    access: ProjectAccess
    dataset: FactDataset | None
    exact: bool

    def context(self, page: str, **more: Any) -> dict[str, Any]:
        if self.dataset is None and "public" not in more:
            # The published figures of the municipality, until its register is imported.
            more["public"] = public = public_facts(self.access.project)
            more["public_svg"] = None if public is None else public_chart(public)
        return {
            "access": self.access,
            "project": self.access.project,
            "dataset": self.dataset,
            "exact": self.exact,
            "section": "facts",
            "page": page,
            "pages": PAGES,
            **more,
        }


def facts_for(request: HttpRequest, project_id: int, perm: str = rules.VIEW_FACTS) -> Facts:
    access = access_project(request, project_id, perm)
    return Facts(
        access=access,
        dataset=services.current_dataset(access.project),
        exact=access.can(rules.VIEW_EXACT_FACTS),
    )


def period_form(request: HttpRequest, dataset: FactDataset, form_class: type = PeriodForm) -> Any:
    return form_class(request.GET, years=dataset.years, default=services.default_period(dataset))


def build_figures(facts: Facts, query: Query, slugs: list[str]) -> tuple[list[Figure], str | None]:
    """Return the built figures, or none and the reason the data cannot give them."""
    try:
        return [
            build_figure(slug, facts.access.project, query, exact=facts.exact) for slug in slugs
        ], None
    except (InputError, AnalysisUnavailable) as error:
        return [], error.text(get_language() or "en")


def _page(request: HttpRequest, project_id: int, page: str, slugs: list[str]) -> HttpResponse:
    facts = facts_for(request, project_id)
    if facts.dataset is None:
        return render(request, "factbase/empty.html", facts.context(page))
    form = period_form(request, facts.dataset)
    figures, problem = build_figures(facts, form.query(), slugs)
    context = facts.context(page, form=form, figures=figures, problem=problem)
    return render(request, "factbase/page.html", context)


@login_required
def overview(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show the handbook's net migration table per area for a period, with its bar chart."""
    return _page(request, project_id, "overview", ["net-migration"])


@login_required
def area_map(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show the parishes coloured by their area's net migration (% of base population)."""
    return _page(request, project_id, "map", ["map"])


PERSONS_NOTE = _(
    "Newcomer retention and return migration cannot be shown: they follow each person from move "
    "to move, and the project's data are counted moves (flows.csv) or moves without a person id. "
    "Import a register of individual moves (moves.csv with person_id) to see them."
)


@login_required
def population(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show population over time, newcomer retention and return migration; with counted moves,
    the population and a note saying why the others are missing."""
    facts = facts_for(request, project_id)
    if facts.dataset is None:
        return render(request, "factbase/empty.html", facts.context("population"))
    persons = services.follows_persons(facts.access.project)
    slugs = ["population", *(["retention", "return-migration"] if persons else [])]
    form = period_form(request, facts.dataset)
    figures, problem = build_figures(facts, form.query(), slugs)
    note = None if persons else PERSONS_NOTE
    context = facts.context("population", form=form, figures=figures, problem=problem, note=note)
    return render(request, "factbase/page.html", context)


@login_required
def flow_lists(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show top destinations and origins per area and the largest flows, filtered; an HTMX
    request gets only the results fragment."""
    facts = facts_for(request, project_id)
    if facts.dataset is None:
        return render(request, "factbase/empty.html", facts.context("flows"))
    form = period_form(request, facts.dataset, FlowFilterForm)
    query = form.query()
    figures, problem = build_figures(
        facts, query, ["largest-flows", "flow-map", "destinations", "origins"]
    )
    context = facts.context(
        "flows",
        form=form,
        figures=figures,
        problem=problem,
        query=query,
        areas=per_area(figures),
    )
    template = "factbase/flows_results.html" if request.htmx else "factbase/flows.html"
    return render(request, template, context)


def per_area(figures: list[Figure], n: int = 5) -> list[dict[str, Any]]:
    """Return per area its n first destinations and origins (rows of the figures' tables)."""
    lists = {figure.slug: figure for figure in figures}
    if "destinations" not in lists:
        return []
    areas: dict[str, dict[str, Any]] = {}
    for key in [k for k in ("destinations", "origins") if k in lists]:
        for row in lists[key].rows:
            area = areas.setdefault(
                row[0].value, {"name": row[0].value, "destinations": [], "origins": []}
            )
            if len(area[key]) < n:
                area[key].append({"place": row[2].value, "moves": row[4].value})
    return list(areas.values())


@login_required
def figure_csv(request: HttpRequest, project_id: int, slug: str) -> HttpResponse:
    """Return one figure's table as CSV, exact or suppressed as the person may see it."""
    facts = facts_for(request, project_id)
    if facts.dataset is None or slug not in FIGURES:
        raise Http404
    form_class = FlowFilterForm if FIGURES[slug].filtered else PeriodForm
    query = period_form(request, facts.dataset, form_class).query()
    if slug.startswith("trends"):
        query = trend_form(
            request.GET, facts.dataset, facts.access.project, exact=facts.exact
        ).query()
    try:
        table = FIGURES[slug].table(facts.access.project, query, facts.exact)
    except (InputError, AnalysisUnavailable) as error:
        text = error.text(get_language() or "en")
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    name = f"{slug}-{query.first_year}-{query.last_year}.csv"
    return csv_download(csv_rows(as_shown(table)), name)
