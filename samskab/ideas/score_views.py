"""Scoring in W3: one's own score sheet, and the facilitator typing in paper sheets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samskab.core.people import by_name
from samskab.ideas import actions
from samskab.ideas.forms import ParticipantForm, ScoreSheetForm
from samskab.ideas.models import Score
from samskab.ideas.results import shown_ideas
from samskab.projects import rules
from samskab.workshops.access import WorkshopAccess, access_workshops
from samskab.workshops.actions import workshop_settings


def scorers(found: WorkshopAccess) -> list[User]:
    """Return the project's members whose role may score in W3, by name."""
    roles = rules.PHASE_PERMISSIONS[3][rules.SCORE_IDEA]
    memberships = found.project.memberships.filter(role__in=roles).select_related("user")
    return by_name(m.user for m in memberships)


@login_required
def score_sheet(request: HttpRequest, project_id: int) -> HttpResponse:
    """Let a member score every idea on one page while W3 is active."""
    found = access_workshops(request, project_id, rules.SCORE_IDEA)
    forged = request.POST.get("participant")
    if forged is not None and forged != str(request.user.pk):
        # Only the facilitator's paper sheets name another participant, at their own URL.
        raise PermissionDenied
    return _sheet(request, found, request.user, "score")


@login_required
def paper_sheets(request: HttpRequest, project_id: int) -> HttpResponse:
    """Let the facilitator choose whose paper score sheet to type in."""
    found = access_workshops(request, project_id, rules.ENTER_PAPER_SCORES)
    form = ParticipantForm(request.GET or None, people=scorers(found))
    if form.is_valid():
        return redirect("ideas:paper_sheet", found.project.pk, form.cleaned_data["participant"].pk)
    return render(request, "ideas/paper.html", found.context("score", form=form))


@login_required
def paper_sheet(request: HttpRequest, project_id: int, user_id: int) -> HttpResponse:
    """Let the facilitator type in a named participant's paper score sheet."""
    found = access_workshops(request, project_id, rules.ENTER_PAPER_SCORES)
    participant = get_object_or_404(User, pk=user_id, memberships__project=found.project)
    if participant not in scorers(found):
        raise PermissionDenied
    return _sheet(request, found, participant, "paper")


def _sheet(
    request: HttpRequest, found: WorkshopAccess, participant: User, mode: str
) -> HttpResponse:
    ideas = list(shown_ideas(found.project))
    scale_max = workshop_settings(found.project).scale_max
    form = ScoreSheetForm(request.POST or None, ideas=ideas, scale_max=scale_max)
    if form.is_bound and form.is_valid():
        try:
            count = actions.do_record_scores(
                found.project, participant, form.scores(), entered_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(count)d scores are saved.") % {"count": count})
            return redirect(request.path)
    # Only a sheet that is shown needs the stored scores and the ideas' villages.
    stored = {
        s.idea_id: (s.difference, s.manageable, s.desire)
        for s in Score.objects.filter(participant=participant, idea__in=ideas)
    }
    form.show_stored(stored)
    prefetch_related_objects(ideas, "villages")
    context = found.context(
        "score", form=form, participant=participant, mode=mode, scale_max=scale_max,
        scored=len(stored), stored_ids=set(stored), total=len(ideas),
    )  # fmt: skip
    status = 400 if form.errors else 200
    return render(request, "ideas/score_sheet.html", context, status=status)
