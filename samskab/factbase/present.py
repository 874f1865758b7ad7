"""Presentation mode for workshop 1 ("Where are we?"): the key facts as full-screen slides."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.factbase.balance import chart_svg, default_period, kept_years, period_balance
from samskab.factbase.services import Query
from samskab.factbase.views import build_figures, facts_for, per_area, period_form
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


def slides_of(project: Project) -> tuple[tuple[str, Any], ...]:
    """Return the project's slides: the story, and the StatBank balance where it is kept."""
    return (*SLIDES, STATBANK_SLIDE) if kept_years(project) else SLIDES


@login_required
def present(request: HttpRequest, project_id: int, number: int = 0) -> HttpResponse:
    """Show slide `number` of the workshop-1 presentation, big enough for a projector."""
    facts = facts_for(request, project_id, rules.PRESENT)
    slides = slides_of(facts.access.project)
    if not 0 <= number < len(slides) or facts.dataset is None:
        raise Http404
    query = period_form(request, facts.dataset).query()
    slug, heading = slides[number]
    figures, problem = [], None
    if slug not in ("title", "statbank"):
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
    )
    return render(request, "factbase/present.html", context)


def _statbank(project: Project) -> dict[str, Any]:
    """Return the StatBank slide's figures: the last run of kept years, per year and summed."""
    result = period_balance(project, *default_period(kept_years(project)))
    return {"statbank": result, "svg": chart_svg(result)}


def _slide_url(project_id: int, number: int, query: Query) -> str:
    params = urlencode({"first": query.first_year, "last": query.last_year})
    return f"{reverse('factbase:present_slide', args=[project_id, number])}?{params}"
