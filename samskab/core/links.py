"""Absolute links for what leaves the web application (mails): SAMSKAB_SITE_URL in front of
a path. Without it (a local installation), the address `samskab serve` and the demo use."""

from __future__ import annotations

from django.conf import settings

LOCAL_SITE_URL = "http://127.0.0.1:8000"


def absolute_url(path: str) -> str:
    """Return the path (starting with /) as an address people can open from a mail."""
    return f"{settings.SITE_URL or LOCAL_SITE_URL}{path}"
