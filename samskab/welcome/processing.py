"""The record of processing for the welcome lists (GDPR art. 30), for the municipality's data
protection officer: for each model that holds personal data, what it stores (its fields, read
from the model itself, so the record cannot drift from the code), why, for how long, and who
can see it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.welcome.models import Invitation, Kind, LetterCode, Person, SignupAttempt
from samskab.welcome.retention import CODES_KEPT, KEPT, UNCONFIRMED
from samskab.welcome.throttle import KEPT as ATTEMPTS_KEPT

# Fields that only tie a record to others or to its own link, not data about the person.
TECHNICAL = {"id", "village", "event", "person", "token"}


@dataclass(frozen=True)
class Processing:
    model: type[models.Model]
    purpose: str | Promise
    retention: str | Promise  # with %(name)s for the values of `periods`
    who: str | Promise
    periods: tuple[tuple[str, int], ...] = ()

    @property
    def kept(self) -> str:
        """Return how long the records are kept, in the active language."""
        return str(self.retention) % dict(self.periods)

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def fields(self) -> list[str]:
        """Return the names (as the forms show them) of the fields the model stores."""
        return [str(field.verbose_name) for field in self.model._meta.get_fields()
                if field.concrete and field.name not in TECHNICAL]  # fmt: skip


RECORD = (
    Processing(
        Person,
        _("Newcomers: a welcome visit from a host in their village. Former residents: "
          "invitations to events where they live now. Given by the person's consent, recorded "
          "with its purpose, source and date."),
        _("Until the person deletes it, unconfirmed %(unconfirmed)s days, newcomers "
          "%(newcomer)s days and former residents %(former)s days after the consent."),
        _("The project's facilitators; a newcomer's host sees the newcomers they host. People "
          "with protected name and address appear in no list."),
        (("unconfirmed", UNCONFIRMED.days), ("newcomer", KEPT[Kind.NEWCOMER].days),
         ("former", KEPT[Kind.FORMER_RESIDENT].days)),
    ),
    Processing(
        Invitation,
        _("Whether an invited former resident comes to an event."),
        _("Deleted with the person."),
        _("The project's facilitators."),
    ),
    Processing(
        LetterCode,
        _("The personal opt-in code of a welcome letter; the letter's address is not kept."),
        _("%(days)s days after the letter was made."),
        _("No one: the code only links a sign-up to its letter."),
        (("days", CODES_KEPT.days),),
    ),
    Processing(
        SignupAttempt,
        _("The rate limit of the public sign-ups: a keyed hash of the client's address."),
        _("%(hours)s hours."),
        _("No one."),
        (("hours", int(ATTEMPTS_KEPT.total_seconds() // 3600)),),
    ),
)  # fmt: skip
