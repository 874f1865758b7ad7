"""A content security policy on every response: scripts, styles and images from samskab only.

No page uses an inline script or style (htmx's own indicator style is switched off in base.html),
so the policy allows neither; an injected `<script>` or `style` attribute does not run."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Charts are inline SVG; an image may be a data: URL (the admin's icons).
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


# A form without an upload (signing in, signing up, a public page's form) is a few kilobytes.
ANONYMOUS_BODY_BYTES = 64 * 1024
# Room for the rest of a form around the largest upload.
FORM_OVERHEAD_BYTES = 1024 * 1024


class RequestBodyLimitMiddleware:
    """Refuse a request body before reading it when its declared length is too large: above
    64 KB from someone not signed in, above the upload limit from anyone; a body without a
    declared length is refused too (411), so that no one can stream an endless one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = _body_refusal(request)
        return refusal if refusal is not None else self.get_response(request)


def _body_refusal(request: HttpRequest) -> HttpResponse | None:
    if request.method not in {"POST", "PUT", "PATCH"}:
        return None
    declared = request.META.get("CONTENT_LENGTH") or ""
    if not declared.isdigit():
        if request.META.get("HTTP_TRANSFER_ENCODING"):
            return HttpResponse(_("Say how long the request is."), status=411)
        return None
    length = int(declared)
    limit = settings.MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES
    if not request.user.is_authenticated:
        limit = ANONYMOUS_BODY_BYTES
    if length > limit:
        return HttpResponse(_("The request is too large."), status=413)
    return None
