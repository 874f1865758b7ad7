"""The signed-in member's notifications from the follow-up, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from samskab.initiatives.actions import do_mark_read
from samskab.initiatives.followup.messages import describe
from samskab.initiatives.models import Notification
from samskab.workshops.access import access_workshops


@login_required
def notifications(request: HttpRequest, project_id: int) -> HttpResponse:
    """List the member's notifications (the latest 100) with their messages."""
    found = access_workshops(request, project_id)
    mine = Notification.objects.filter(recipient=request.user, project=found.project)
    shown = mine.select_related("initiative", "milestone")[:100]
    items = [(n, describe(n)) for n in shown]
    context = found.context("notifications", items=items, unread=mine.filter(read=False).count())
    return render(request, "initiatives/notifications.html", context)


@require_POST
@login_required
def mark_read(request: HttpRequest, project_id: int) -> HttpResponse:
    """Mark all the member's notifications in this project as read."""
    found = access_workshops(request, project_id)
    do_mark_read(request.user, found.project)
    return redirect("initiatives:notifications", found.project.pk)
