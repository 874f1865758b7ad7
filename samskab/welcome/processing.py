"""The welcome lists' part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samskab.core.processing import Processing
from samskab.welcome.models import Invitation, Kind, LetterCode, Person, SignupAttempt
from samskab.welcome.retention import CODES_KEPT, KEPT, UNCONFIRMED
from samskab.welcome.throttle import KEPT as ATTEMPTS_KEPT

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
