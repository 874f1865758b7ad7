"""An initiative's before/after view: the trend of the group it targets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from samskab.evaluation.charts import trend_chart
from samskab.evaluation.trends import before_after as trend_of
from samskab.initiatives.models import Initiative
from samskab.projects import rules
from samskab.projects.access import access_project


@login_required
def before_after(request: HttpRequest, project_id: int, initiative_id: int) -> HttpResponse:
    """Show the target group's in-, out- and net movers per year, the start marked;
    suppressed for anyone who may not see exact figures."""
    access = access_project(request, project_id, rules.VIEW_FACTS)
    initiative = get_object_or_404(
        Initiative.objects.prefetch_related("target_areas", "target_villages"),
        pk=initiative_id, project=access.project,
    )  # fmt: skip
    trend = trend_of(initiative, suppressed=not access.can(rules.VIEW_EXACT_FACTS))
    svg = trend_chart(trend) if trend.years else None
    context = {"access": access, "project": access.project, "section": "evaluation",
               "trend": trend, "svg": svg}  # fmt: skip
    return render(request, "evaluation/before_after.html", context)
