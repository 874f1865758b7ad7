"""The mail a person gets after signing up: the link that confirms their address (double
opt-in) and, as in every mail, the link to see or delete what is stored about them."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from samskab.core.links import absolute_url
from samskab.core.text import one_line
from samskab.welcome.models import Invitation, Kind, Person


def personal_links(person: Person) -> tuple[str, str]:
    """Return the person's absolute links: confirm the address, and see or delete one's data."""
    confirm = absolute_url(reverse("welcome_public:confirm", args=[person.token]))
    mine = absolute_url(reverse("welcome_public:my_data", args=[person.token]))
    return confirm, mine


def footer(person: Person) -> str:
    """Return the lines every mail to a person ends with: how to see or delete their data."""
    _confirm, mine = personal_links(person)
    return (
        _(
            "You get this mail because this address was signed up on the page of %(village)s. "
            "See what is stored about you, or delete it and hear no more from us:"
        )
        % {"village": person.village.name}
        + "\n"
        + mine
    )


def confirmation(person: Person) -> EmailMessage:
    """Return the mail asking the person to confirm their address, in their language."""
    with translation.override(person.language):
        confirm, _mine = personal_links(person)
        values = {"village": person.village.name}
        if person.kind == Kind.NEWCOMER:
            subject = _("Welcome to %(village)s: confirm your address") % values
        else:
            subject = _("Former residents of %(village)s: confirm your address") % values
        intro = _(
            "Thank you for signing up. Nothing happens until you confirm that this is your "
            "address; without it, your sign-up is deleted in two weeks. Open this link to "
            "confirm it:"
        )
        body = "\n\n".join([intro + "\n" + confirm, footer(person)])
    return EmailMessage(one_line(subject), body + "\n", settings.DEFAULT_FROM_EMAIL, [person.email])


def invitation_mail(invitation: Invitation) -> EmailMessage:
    """Return the invitation to an event, in the person's language, with their link to answer."""
    event, person = invitation.event, invitation.person
    with translation.override(person.language):
        link = absolute_url(reverse("welcome_public:invitation", args=[invitation.token]))
        values = {"village": person.village.name, "title": event.title, "place": event.place,
                  "city": event.city.name, "when": date_format(localtime(event.starts),
                                                               "DATETIME_FORMAT")}  # fmt: skip
        subject = _("Former residents of %(village)s: %(title)s") % values
        intro = (
            _(
                "You are invited to %(title)s for the former residents of %(village)s who live in "
                "%(city)s: %(when)s, %(place)s."
            )
            % values
        )
        answer = _("Tell us whether you are coming:") + "\n" + link
        parts = [intro, event.description, answer, footer(person)]
        body = "\n\n".join(part for part in parts if part)
    return EmailMessage(one_line(subject), body + "\n", settings.DEFAULT_FROM_EMAIL, [person.email])
