"""The interface language: Danish unless the person has chosen English.

The choice is kept on the signed-in person's profile (so it follows them to any browser) and in a
cookie (so it holds before signing in). The browser's Accept-Language is not consulted: municipal
staff share machines set up in any language, and the product's default is Danish.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import translation

COOKIE = settings.LANGUAGE_COOKIE_NAME
_AVAILABLE = {code for code, _name in settings.LANGUAGES}


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def chosen_language(request: HttpRequest) -> str:
    """Return the profile's language, else the cookie's, else the default (Danish)."""
    user = getattr(request, "user", None)
    profile = getattr(user, "profile", None) if user and user.is_authenticated else None
    if profile is not None and profile.language in _AVAILABLE:
        return str(profile.language)
    cookie = request.COOKIES.get(COOKIE)
    return cookie if cookie in _AVAILABLE else settings.LANGUAGE_CODE


# Session keys: when the person signed in, and when the session's expiry was last pushed on.
SIGNED_IN_AT = "samskab_signed_in_at"
REFRESHED_AT = "samskab_refreshed_at"
# Pushing the expiry on saves the session: at most once a minute, not on every poll of a board.
REFRESH_EVERY = 60


class SessionTimeoutMiddleware:
    """End a session after SESSION_COOKIE_AGE seconds without a request (the idle timeout), and
    SESSION_MAX_AGE seconds after sign-in however active the person is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session = request.session
            now = int(time.time())
            signed_in = int(session.setdefault(SIGNED_IN_AT, now))
            if now - signed_in > settings.SESSION_MAX_AGE:
                logout(request)
            elif now - int(session.get(REFRESHED_AT, 0)) >= REFRESH_EVERY:
                session[REFRESHED_AT] = now
        return self.get_response(request)
