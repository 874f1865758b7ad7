"""Template context for every page of a project: the person's unread notifications there."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest

from samskab.initiatives.models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, Callable[[], int]]:
    """Return {"project_unread": count} on a project's pages for a signed-in person, else {}.

    The count is a function the template calls (once) where it shows the count: a page
    fragment such as the results board's poll never counts."""
    match = getattr(request, "resolver_match", None)
    project_id = match.kwargs.get("project_id") if match else None
    user = getattr(request, "user", None)
    if project_id is None or user is None or not user.is_authenticated:
        return {}

    @cache
    def count() -> int:
        return Notification.objects.filter(
            recipient_id=user.pk, project_id=project_id, read=False
        ).count()

    return {"project_unread": count}
