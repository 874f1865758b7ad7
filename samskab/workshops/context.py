"""Template context for every page of a project: the person's unread notifications there."""

from __future__ import annotations

from django.http import HttpRequest

from samskab.workshops.models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, int]:
    """Return {"project_unread": n} on a project's pages for a signed-in person, else {}."""
    match = getattr(request, "resolver_match", None)
    project_id = match.kwargs.get("project_id") if match else None
    user = getattr(request, "user", None)
    if project_id is None or user is None or not user.is_authenticated:
        return {}
    count = Notification.objects.filter(
        recipient_id=user.pk, project_id=project_id, read=False
    ).count()
    return {"project_unread": count}
