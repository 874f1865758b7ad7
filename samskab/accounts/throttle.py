"""Throttling of sign-in (django-axes): who a failed attempt counts against, and the page a
locked-out person sees.

Failures count per account and per client address (settings.AXES_LOCKOUT_PARAMETERS); after
AXES_FAILURE_LIMIT of them, both are locked for AXES_COOLOFF_TIME, on the login page and the
admin's alike, the right password included.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """Return the address of the client that made the request.

    Behind the https proxy (settings.BEHIND_PROXY) that is the last address of X-Forwarded-For:
    nginx appends the address it was connected from to whatever the client sent, so only the
    last one is the proxy's word; the ones before it are the client's and may be anything.
    Without a proxy the header is the client's own claim and is ignored."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return remote


def username(request: HttpRequest, credentials: Mapping[str, object] | None) -> str:
    """Return the account a sign-in attempt names, so that failures count against it whatever
    the case or spaces it was typed with."""
    field = settings.AXES_USERNAME_FORM_FIELD
    typed = credentials.get(field) if credentials else request.POST.get(field)
    return str(typed or "").strip().casefold()


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: Mapping[str, object] | None = None,
) -> HttpResponse:
    """Return the page that tells a locked-out person how long to wait (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)
