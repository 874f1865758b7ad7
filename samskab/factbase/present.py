"""Presentation mode for workshop 1 ("Where are we?"): the key facts as full-screen slides."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samskab.factbase import parish_where, where
from samskab.factbase.balance import chart_svg, default_period, kept_years, period_balance
from samskab.factbase.figures import table_cells
from samskab.factbase.services import Query
from samskab.factbase.views import Facts, build_figures, facts_for, per_area, period_form
from samskab.factbase.where import Place
from samskab.factbase.where_views import parish_results
from samskab.projects import rules
from samskab.projects.models import Project

# Slide 0 is the title; then one figure per slide, in the order of the workshop's story.
SLIDES = (
    ("title", _("Where are we?")),
    ("net-migration", _("Who moves in, who moves out")),
    ("trends-areas", _("How it has changed, year by year")),
    ("map", _("Where the areas gain and lose residents")),
    ("destinations", _("Where the out-movers go")),
    ("where", _("Where people really go")),
    ("retention", _("Do newcomers stay?")),
)
# Last, when the project keeps StatBank figures: the municipality against the others.
STATBANK_SLIDE = ("statbank", _("The municipality and the others (StatBank)"))


def slides_of(project: Project, *, exact: bool = False) -> tuple[tuple[str, Any], ...]:
    """Return the project's slides: the story, the StatBank balance where it is kept, and, for
    those who may see exact figures, where each village's people go (see parish_where)."""
    slides = (*SLIDES, STATBANK_SLIDE) if kept_years(project) else SLIDES
    if not exact:
        return slides
    villages = tuple(
        (f"village:{int(v.parish):04d}", gettext("Where the people of %(village)s go")
         % {"village": v.name})
        for v in project.villages.all()
        if v.parish.isdigit()
    )  # fmt: skip
    return (*slides, *villages)


@login_required
def present(request: HttpRequest, project_id: int, number: int = 0) -> HttpResponse:
    """Show slide `number` of the workshop-1 presentation, big enough for a projector."""
    facts = facts_for(request, project_id, rules.PRESENT)
    slides = slides_of(facts.access.project, exact=facts.exact)
    if not 0 <= number < len(slides) or facts.dataset is None:
        raise Http404
    query = period_form(request, facts.dataset).query()
    slug, heading = slides[number]
    figures, problem = [], None
    village = parish_where.parish_of(slug.replace("village:", "parish:", 1))
    if slug not in ("title", "statbank") and village is None:
        figures, problem = build_figures(facts, query, [slug])
    context = facts.context(
        "present",
        number=number,
        count=len(slides),
        heading=heading,
        slug=slug,
        figure=figures[0] if figures else None,
        areas=per_area(figures, n=3) if slug == "destinations" else [],
        problem=problem,
        query=query,
        previous_url=_slide_url(project_id, number - 1, query) if number > 0 else None,
        next_url=_slide_url(project_id, number + 1, query) if number + 1 < len(slides) else None,
        **(_statbank(facts.access.project) if slug == "statbank" else {}),
        **(_village(facts, query, village) if village is not None else {}),
    )
    return render(request, "factbase/present.html", context)


def _statbank(project: Project) -> dict[str, Any]:
    """Return the StatBank slide's figures: the last run of kept years, per year and summed."""
    result = period_balance(project, *default_period(kept_years(project)))
    return {"statbank": result, "svg": chart_svg(result)}


def _village(facts: Facts, query: Query, code: int) -> dict[str, Any]:
    """Return a village slide's figures (exact): the map of its moves with the other parishes,
    and the tables of them and of its moves by municipality."""
    place = Place(parish_where.value_of(code))
    figures = parish_where.figures(facts.access.project, query, code)
    shown = where.labelled(where.shown_table(figures.by_municipality, exact=True))
    headers, rows = table_cells(shown)
    return {
        "village": code,
        **parish_results(facts, query, place, figures),
        "where_headers": headers,
        "where_rows": rows,
    }


def _slide_url(project_id: int, number: int, query: Query) -> str:
    params = urlencode({"first": query.first_year, "last": query.last_year})
    return f"{reverse('factbase:present_slide', args=[project_id, number])}?{params}"
