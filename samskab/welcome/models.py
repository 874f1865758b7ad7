"""The villages' public pages and the people who sign up on them: newcomers who want a welcome
visit and former residents who want to stay in touch, each with the consent they gave."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Municipality, Project, Village


class VillagePage(models.Model):
    """A village's public page at /v/<slug>/: open to anyone, without signing in."""

    village = models.OneToOneField(Village, on_delete=models.CASCADE, related_name="public_page")
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    # Links to what the village already runs (a Facebook group, the association's site): the
    # page points there rather than keeping a feed of its own. One per line: a name and its
    # https address (see channels.py).
    channels = models.TextField(_("the village's own channels"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("village page")
        verbose_name_plural = _("village pages")

    def __str__(self) -> str:
        return self.slug


class Kind(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer")
    FORMER_RESIDENT = "former_resident", _("Former resident")


class Source(models.TextChoices):
    """Where a person gave their consent."""

    PUBLIC_PAGE = "public_page", _("The village's public page")
    LETTER = "letter", _("The municipality's welcome letter")
    AMBASSADOR = "ambassador", _("Signed up by a member of the village")


class PersonQuerySet(models.QuerySet["Person"]):
    def listed(self) -> PersonQuerySet:
        """Return the people who may appear in a list: their address confirmed, and without
        protected name and address."""
        return self.exclude(confirmed=None).filter(protected=False)


class Person(models.Model):
    """One person on a village's list of newcomers or of former residents. Stored when they
    sign up; listed only once they confirm their address from the mail (double opt-in)."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="welcome_people")
    kind = models.CharField(_("list"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)  # newcomers: the visit
    # Former residents: the municipality they live in now, for the events held there.
    city = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("lives in"),
    )  # fmt: skip
    # The consent: the purpose as the form stated it, where, and when.
    purpose = models.TextField(_("purpose"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    consented = models.DateTimeField(_("consent given"))
    confirmed = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    # The personal link in every mail: confirm, see one's data, take it back.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Name and address protection: kept out of every list, letter and export.
    protected = models.BooleanField(_("protected name and address"), default=False)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="welcome_guests", verbose_name=_("host"),
    )  # fmt: skip
    visited = models.DateField(_("visited"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, default="da"
    )  # of the page: the mails' language

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class LetterCode(models.Model):
    """A personal opt-in code printed in one of the municipality's welcome letters. Only the
    code is kept, never the address it was sent to; `used` is set when someone signs up
    with it."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="letter_codes")
    code = models.CharField(_("code"), max_length=12, unique=True)
    created = models.DateTimeField(_("made"), auto_now_add=True)
    used = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("welcome letter code")
        verbose_name_plural = _("welcome letter codes")


class SignupAttempt(models.Model):
    """One sign-up sent from a client address, kept a day for the rate limit. The address is
    stored only as a keyed hash, never as itself."""

    address_hash = models.CharField(_("hash of the client's address"), max_length=64, db_index=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sign-up attempt")
        verbose_name_plural = _("sign-up attempts")


class Event(models.Model):
    """An event for the former residents who live in one municipality now (the handbook's
    example: a handball match in the city the young moved to)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="welcome_events")
    title = models.CharField(_("title"), max_length=200)
    city = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("held in")
    )
    place = models.CharField(_("place"), max_length=200)
    starts = models.DateTimeField(_("starts"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["starts", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """A former resident invited to an event, with their personal link to answer; deleted
    with the person."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    coming = models.BooleanField(_("coming"), null=True)  # None: not answered
    mailed = models.DateTimeField(_("invitation mailed"), null=True, blank=True)  # None: not yet

    class Meta:
        ordering = ["pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations to events")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_invitation_per_person")
        ]
