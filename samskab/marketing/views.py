"""The marketing pages: the plan per target group, its form, and the one-page brief."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.marketing import actions
from samskab.marketing.brief import brief_context, brief_html, brief_pdf
from samskab.marketing.forms import SegmentPlanForm
from samskab.marketing.models import SegmentPlan
from samskab.marketing.origins import top_origins
from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.segmentation.services import segment_names


def _context(access: ProjectAccess, **more: Any) -> dict[str, Any]:
    return {"access": access, "project": access.project, "section": "marketing", **more}


@login_required
def plan(request: HttpRequest, project_id: int) -> HttpResponse:
    """The target groups chosen, each with its messages, and where in-movers come from."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    plans = access.project.segment_plans.prefetch_related("initiatives")
    origins = top_origins(access.project, exact=access.can(rules.VIEW_EXACT_FACTS))
    context = _context(access, plans=plans, origins=origins,
                       segments=segment_names(access.project))  # fmt: skip
    return render(request, "marketing/plan.html", context)


@login_required
def plan_form(request: HttpRequest, project_id: int, plan_id: int | None = None) -> HttpResponse:
    """Add a target group to the plan, or change its part."""
    access = access_project(request, project_id, rules.MANAGE_MARKETING)
    found = None if plan_id is None else get_object_or_404(
        SegmentPlan, pk=plan_id, project=access.project
    )  # fmt: skip
    form = SegmentPlanForm(request.POST or None, instance=found, project=access.project)
    if request.method == "POST" and form.is_valid():
        actions.do_save_plan(form.save(commit=False),
                             initiatives=form.cleaned_data["initiatives"])  # fmt: skip
        messages.success(request, _("The marketing plan was saved."))
        return redirect("marketing:plan", access.project.pk)
    context = _context(access, form=form, found=found, segments=segment_names(access.project))
    return render(request, "marketing/form.html", context)


@require_POST
@login_required
def plan_remove(request: HttpRequest, project_id: int, plan_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_MARKETING)
    actions.do_remove_plan(get_object_or_404(SegmentPlan, pk=plan_id, project=access.project))
    messages.success(request, _("The target group was taken out of the plan."))
    return redirect("marketing:plan", access.project.pk)


@login_required
def brief(request: HttpRequest, project_id: int, plan_id: int) -> HttpResponse:
    """The one-page brief of a target group's plan, as HTML."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    found = get_object_or_404(SegmentPlan, pk=plan_id, project=access.project)
    context = brief_context(found, exact=access.can(rules.VIEW_EXACT_FACTS))
    return render(request, "marketing/brief_page.html", context)


@login_required
def brief_download(request: HttpRequest, project_id: int, plan_id: int) -> HttpResponse:
    """The one-page brief as PDF."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    found = get_object_or_404(SegmentPlan, pk=plan_id, project=access.project)
    pdf = brief_pdf(brief_html(found, exact=access.can(rules.VIEW_EXACT_FACTS)))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(found.segment) or "brief"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
