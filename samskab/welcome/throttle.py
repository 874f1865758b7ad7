"""The rate limit of the public sign-ups: at most LIMIT per client address in WINDOW.

The address is kept only as a keyed hash (HMAC with the secret key), and only for a day."""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from samskab.accounts.throttle import client_address
from samskab.welcome.models import SignupAttempt

LIMIT = 5
WINDOW = datetime.timedelta(hours=1)
KEPT = datetime.timedelta(days=1)


def address_hash(request: HttpRequest) -> str:
    """Return the keyed hash of the request's client address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def admit(request: HttpRequest) -> bool:
    """Count a sign-up from the request's address; return False when the address has sent
    LIMIT of them within WINDOW already (the attempt refused is counted too)."""
    now = timezone.now()
    SignupAttempt.objects.filter(at__lt=now - KEPT).delete()
    key = address_hash(request)
    recent = SignupAttempt.objects.filter(address_hash=key, at__gte=now - WINDOW).count()
    SignupAttempt.objects.create(address_hash=key)
    return recent < LIMIT
