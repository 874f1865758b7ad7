"""Pages that belong to no project: the front door and the accessibility statement."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in person to their projects, anyone else to the sign-in page."""
    if request.user.is_authenticated:
        return redirect("projects:list")
    return redirect("accounts:login")


def accessibility(request: HttpRequest) -> HttpResponse:
    """Show the accessibility statement (webtilgængelighedserklæring)."""
    return render(request, "core/accessibility.html")
