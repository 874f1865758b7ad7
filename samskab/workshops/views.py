"""The workshops overview: the four phases, which one is active, and the facilitator's checklist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.projects import rules
from samskab.workshops import actions
from samskab.workshops.access import access_workshops
from samskab.workshops.attention import BY_KEY
from samskab.workshops.expectation_views import expectations_context
from samskab.workshops.forms import SettingsForm, WorkshopForm
from samskab.workshops.models import AttentionPoint, Workshop


@login_required
def overview(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show the four workshops with dates and agendas; the facilitator also sees checklists."""
    found = access_workshops(request, project_id)
    workshops = list(Workshop.objects.filter(project=found.project).order_by("number"))
    points = AttentionPoint.objects.filter(workshop__in=workshops)
    by_workshop: dict[int, list[tuple[AttentionPoint, object]]] = {}
    for point in points:
        if point.key in BY_KEY:
            by_workshop.setdefault(point.workshop_id, []).append((point, BY_KEY[point.key]))
    rows = [(w, by_workshop.get(w.pk, [])) for w in workshops]
    context = found.context("overview", rows=rows, **expectations_context(found))
    return render(request, "workshops/overview.html", context)


@login_required
def edit(request: HttpRequest, project_id: int, number: int) -> HttpResponse:
    """Let the facilitator set a workshop's date, agenda and minutes."""
    found = access_workshops(request, project_id, rules.MANAGE_WORKSHOPS)
    workshop = get_object_or_404(Workshop, project=found.project, number=number)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        actions.do_save_workshop(form.save(commit=False))
        messages.success(request, _("The workshop is saved."))
        return redirect("workshops:overview", found.project.pk)
    context = found.context("overview", form=form, workshop=workshop)
    return render(request, "workshops/workshop_form.html", context)


@login_required
def edit_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    """Let the facilitator set the score scale and the weeks before an initiative is stalled."""
    found = access_workshops(request, project_id, rules.MANAGE_WORKSHOPS)
    form = SettingsForm(request.POST or None, instance=actions.workshop_settings(found.project))
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_save_settings(form.save(commit=False))
        except ValidationError as error:
            form.add_error("scale_max", error)
        else:
            messages.success(request, _("The settings are saved."))
            return redirect("workshops:overview", found.project.pk)
    return render(request, "workshops/settings.html", found.context("settings", form=form))


@require_POST
@login_required
def activate(request: HttpRequest, project_id: int, number: int) -> HttpResponse:
    """Make a workshop the active phase (the facilitator's switch)."""
    found = access_workshops(request, project_id, rules.MANAGE_WORKSHOPS)
    workshop = get_object_or_404(Workshop, project=found.project, number=number)
    actions.do_activate(workshop)
    messages.success(
        request, _("%(workshop)s is now the active workshop.") % {"workshop": workshop}
    )
    return redirect("workshops:overview", found.project.pk)


@require_POST
@login_required
def set_point(request: HttpRequest, project_id: int, point_id: int) -> HttpResponse:
    """Tick or untick a checklist point; an HTMX request gets the point's row back."""
    found = access_workshops(request, project_id, rules.MANAGE_WORKSHOPS)
    point = get_object_or_404(AttentionPoint, pk=point_id, workshop__project=found.project)
    actions.do_set_point(point, done=request.POST.get("done") == "1")
    if request.htmx:
        context = found.context("overview", point=point, item=BY_KEY[point.key])
        return render(request, "workshops/point.html", context)
    return redirect("workshops:overview", found.project.pk)
