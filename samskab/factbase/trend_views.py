"""The fact base over time: a place's yearly in-movers, out-movers and net migration."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

from samskab.factbase import services
from samskab.factbase.services import Query
from samskab.factbase.trends import place_name, trend_form
from samskab.factbase.views import PERSONS_NOTE, Facts, build_figures, facts_for


@login_required
def over_time(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show, for the chosen area or village and age band, in-, out- and net movers per year,
    as a chart with its table and the project's start marked."""
    facts = facts_for(request, project_id)
    if facts.dataset is None:
        return render(request, "factbase/empty.html", facts.context("trends"))
    project = facts.access.project
    form = trend_form(request.GET, facts.dataset, project, exact=facts.exact)
    query = form.query()
    slugs, note = cohort_slugs(facts, query)
    figures, problem = build_figures(facts, query, ["trends", *slugs, "trends-areas"])
    context = facts.context(
        "trends",
        form=form,
        figures=figures,
        problem=problem,
        query=query,
        place=place_name(project, query.place or ""),
        note=note,
    )
    return render(request, "factbase/trends.html", context)


def cohort_slugs(facts: Facts, query: Query) -> tuple[list[str], Promise | None]:
    """Return the retention and return figures a facilitator sees for the query's area or
    village, or none and why not (counted moves); none for anyone else."""
    if not facts.exact:
        return [], None
    if not services.follows_persons(facts.access.project):
        return [], PERSONS_NOTE
    return ["trends-retention", "trends-returns"], None
