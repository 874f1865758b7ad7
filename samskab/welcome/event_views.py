"""The facilitator's events for the former residents in one municipality: creating one,
inviting the former residents who live there, and who answered what."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.welcome import actions
from samskab.welcome.forms import EventForm
from samskab.welcome.models import Event


def _context(access: ProjectAccess, **more: Any) -> dict[str, Any]:
    return {"access": access, "project": access.project, "section": "welcome", **more}


@login_required
def events(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project's events, and a form to create one."""
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = actions.do_create_event(access.project, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("welcome:event", access.project.pk, event.pk)
    found = access.project.welcome_events.select_related("city")
    return render(request, "welcome/events.html", _context(access, events=found, form=form))


@require_GET
@login_required
def event(request: HttpRequest, project_id: int, event_id: int) -> HttpResponse:
    """An event with its invitations and answers (never of a protected person)."""
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    found = get_object_or_404(Event.objects.select_related("city"), pk=event_id,
                              project=access.project)  # fmt: skip
    invitations = found.invitations.filter(person__protected=False).select_related(
        "person__village"
    )
    context = _context(access, event=found, invitations=invitations,
                       coming=sum(1 for i in invitations if i.coming))  # fmt: skip
    return render(request, "welcome/event.html", context)


@require_POST
@login_required
def invite(request: HttpRequest, project_id: int, event_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    found = get_object_or_404(Event, pk=event_id, project=access.project)
    count = actions.do_invite(found)
    messages.success(request, _("Invitations sent: %(count)s.") % {"count": count})
    return redirect("welcome:event", access.project.pk, found.pk)
