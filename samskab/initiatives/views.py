"""W4's initiatives: the progress dashboard, creating and editing one, and following it up
with milestones, status and progress updates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.initiatives import actions
from samskab.initiatives.access import may_edit_initiative, may_follow_up
from samskab.initiatives.dashboard import dashboard_rows, health_counts
from samskab.initiatives.forms import (
    DashboardFilterForm,
    InitiativeForm,
    MilestoneForm,
    OutcomeForm,
    StatusForm,
    UpdateForm,
)
from samskab.initiatives.models import Initiative, Milestone
from samskab.projects import rules
from samskab.workshops.access import WorkshopAccess, access_workshops

_CREATE = (rules.CREATE_INITIATIVE, rules.MANAGE_INITIATIVES)


@login_required
def events(request: HttpRequest, project_id: int) -> HttpResponse:
    """The joint events of the villages: coming ones first by date, then those held."""
    found = access_workshops(request, project_id)
    today = timezone.localdate()
    every = (
        found.project.initiatives.filter(kind=Initiative.Kind.JOINT_EVENT)
        .select_related("owner", "owner_village", "contact")
        .prefetch_related("target_villages", "milestones")
        .order_by("event_date", "title")
    )
    coming = [event for event in every if event.event_date and event.event_date >= today]
    held = [event for event in every if not (event.event_date and event.event_date >= today)]
    context = found.context("initiatives", coming=coming, held=held[::-1], today=today)
    return render(request, "initiatives/events.html", context)


@login_required
def dashboard(request: HttpRequest, project_id: int) -> HttpResponse:
    """Every initiative across the villages with its health, filtered by village and health."""
    found = access_workshops(request, project_id)
    form = DashboardFilterForm(request.GET, project=found.project)
    rows = dashboard_rows(
        found.project, timezone.localdate(),
        village=form.value("village"), health_filter=form.value("health"),
    )  # fmt: skip
    context = found.context("initiatives", form=form, rows=rows, counts=health_counts(rows))
    return render(request, "initiatives/dashboard.html", context)


@login_required
def create(request: HttpRequest, project_id: int) -> HttpResponse:
    """Turn a chosen idea (?idea=) into an initiative."""
    found = access_workshops(request, project_id, *_CREATE, any_of=True)
    chosen = request.GET.get("idea", "")
    # Anything but the id of one of the project's ideas is no choice (not an error page).
    idea = found.project.ideas.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    initial: dict[str, Any] = {"idea": idea.pk, "title": idea.title} if idea else {}
    initial.update(_from_gap(request, found))
    kind = Initiative.Kind.JOINT_EVENT if request.GET.get("kind") == "joint_event" else None
    form = InitiativeForm(request.POST or None, project=found.project, initial=initial,
                          kind=kind or Initiative.Kind.INITIATIVE)  # fmt: skip
    if not found.can(rules.MANAGE_INITIATIVES):
        form.limit_owners(request.user, found.access.membership.village_id)
    done = _("The joint event is created.") if kind else _("The initiative is created.")
    return _save(request, found, form, done)


def _from_gap(request: HttpRequest, found: WorkshopAccess) -> dict[str, Any]:
    """Return a new initiative's form filled in from a housing gap (?title=&goal=&village=):
    only proposed, the person still saves it."""
    initial: dict[str, Any] = {}
    for name, most in (("title", 200), ("goal", 2000)):
        text = request.GET.get(name, "").strip()
        if text:
            initial[name] = text[:most]
    village = request.GET.get("village", "")
    if village.isdigit() and found.project.villages.filter(pk=int(village)).exists():
        initial["target_villages"] = [int(village)]
    return initial


@login_required
def edit(request: HttpRequest, project_id: int, initiative_id: int) -> HttpResponse:
    """Edit an initiative: the facilitator, or one of its stewards in W4 and after."""
    found = access_workshops(request, project_id)
    initiative = get_object_or_404(Initiative, pk=initiative_id, project=found.project)
    if not may_edit_initiative(found, initiative):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, project=found.project, instance=initiative)
    return _save(request, found, form, _("The initiative is saved."))


def _save(
    request: HttpRequest, found: WorkshopAccess, form: InitiativeForm, done: str
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            initiative = actions.do_save_initiative(found.project, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if initiative is form.instance:  # not one the same form made before
                form.save_m2m()  # the target areas and villages
            messages.success(request, done)
            return redirect("initiatives:detail", found.project.pk, initiative.pk)
    context = found.context("initiatives", form=form)
    return render(request, "initiatives/form.html", context)


@login_required
def detail(request: HttpRequest, project_id: int, initiative_id: int) -> HttpResponse:
    """Show an initiative with milestones and updates; its stewards also get the forms."""
    found = access_workshops(request, project_id)
    initiative = get_object_or_404(
        Initiative.objects.select_related(
            "owner", "owner_village", "contact", "idea"
        ).prefetch_related("target_areas", "target_villages"),
        pk=initiative_id,
        project=found.project,
    )
    context = found.context(
        "initiatives",
        initiative=initiative,
        milestones=initiative.milestones.all(),
        updates=initiative.updates.select_related("author"),
        may_follow_up=may_follow_up(found, initiative),
        may_edit=may_edit_initiative(found, initiative),
        update_form=UpdateForm(),
        milestone_form=MilestoneForm(),
        status_form=StatusForm(initial={"status": initiative.status}),
        outcome_form=OutcomeForm(),
    )
    return render(request, "initiatives/detail.html", context)


def _steward(request: HttpRequest, project_id: int, initiative_id: int) -> Initiative:
    """Return the initiative if the member may follow it up; 404/403 otherwise."""
    found = access_workshops(request, project_id)
    initiative = get_object_or_404(Initiative, pk=initiative_id, project=found.project)
    if not may_follow_up(found, initiative):
        raise PermissionDenied
    return initiative


def _steward_form(
    request: HttpRequest,
    project_id: int,
    initiative_id: int,
    form_class: type[forms.Form],
    act: Callable[[Initiative, dict[str, Any]], object],
    done: str,
    refused: str,
) -> HttpResponse:
    """Run one of a steward's small forms on the initiative's page: check the steward, act on
    valid data with a message saying so, say what is missing otherwise, and go back."""
    initiative = _steward(request, project_id, initiative_id)
    form = form_class(request.POST)
    if form.is_valid():
        act(initiative, form.cleaned_data)
        messages.success(request, done)
    else:
        messages.error(request, refused)
    return redirect("initiatives:detail", project_id, initiative.pk)


@require_POST
@login_required
def post_update(request: HttpRequest, project_id: int, initiative_id: int) -> HttpResponse:
    return _steward_form(
        request, project_id, initiative_id, UpdateForm,
        lambda initiative, data: actions.do_post_update(initiative, request.user, data["text"]),
        _("Your progress update is posted."), _("Write an update before posting it."),
    )  # fmt: skip


@require_POST
@login_required
def set_status(request: HttpRequest, project_id: int, initiative_id: int) -> HttpResponse:
    return _steward_form(
        request, project_id, initiative_id, StatusForm,
        lambda initiative, data: actions.do_set_status(initiative, data["status"]),
        _("The status is changed."), _("Choose one of the statuses."),
    )  # fmt: skip


@require_POST
@login_required
def record_outcome(request: HttpRequest, project_id: int, initiative_id: int) -> HttpResponse:
    """Record that the initiative was wound down or handed over, with the reason."""
    return _steward_form(
        request, project_id, initiative_id, OutcomeForm,
        lambda initiative, data: actions.do_record_outcome(
            initiative, data["outcome"], data["reason"]
        ),
        _("The outcome is recorded."), _("Choose the outcome and give its reason."),
    )  # fmt: skip


@require_POST
@login_required
def add_milestone(request: HttpRequest, project_id: int, initiative_id: int) -> HttpResponse:
    return _steward_form(
        request, project_id, initiative_id, MilestoneForm,
        lambda initiative, data: actions.do_add_milestone(initiative, data["title"], data["due"]),
        _("The milestone is added."), _("Give the milestone a title and a date."),
    )  # fmt: skip


@require_POST
@login_required
def set_milestone(request: HttpRequest, project_id: int, milestone_id: int) -> HttpResponse:
    found = access_workshops(request, project_id)
    milestone = get_object_or_404(Milestone, pk=milestone_id, initiative__project=found.project)
    if not may_follow_up(found, milestone.initiative):
        raise PermissionDenied
    actions.do_set_milestone(milestone, done=request.POST.get("done") == "1")
    return redirect("initiatives:detail", project_id, milestone.initiative_id)
