"""A person's preferences, and invitations that let someone join a project with a role."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Project, Role, Village

INVITATION_DAYS = 14


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, blank=True)

    def __str__(self) -> str:
        return str(self.user)


def _token() -> str:
    return secrets.token_urlsafe(24)


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    village = models.ForeignKey(
        Village, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("village")
    )
    token = models.CharField(max_length=64, unique=True, default=_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField(default=_expiry)
    accepted = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.project}"

    def is_open(self, *, now: datetime.datetime | None = None) -> bool:
        """Return True while the invitation can still be accepted."""
        return self.accepted is None and (now or timezone.now()) < self.expires
