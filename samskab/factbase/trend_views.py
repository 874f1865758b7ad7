"""The fact base over time: a place's yearly in-movers, out-movers and net migration."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samskab.factbase.trends import place_name, trend_form
from samskab.factbase.views import build_figures, facts_for


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
    figures, problem = build_figures(facts, query, ["trends", "trends-areas"])
    context = facts.context(
        "trends",
        form=form,
        figures=figures,
        problem=problem,
        query=query,
        place=place_name(project, query.place or ""),
    )
    return render(request, "factbase/trends.html", context)
