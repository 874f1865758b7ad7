"""Every change to the welcome lists: a page published, a sign-up and its confirmation, a host
chosen, a visit recorded, a person protected or deleted.

`check_*` validates, `do_*` changes; views call these and nothing else to change state. What
touches a person's data in a project is written to the project's audit log."""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samskab.projects import audit
from samskab.projects.models import AuditAction, Membership, Project, Village
from samskab.welcome.channels import parse_channels
from samskab.welcome.letters import Letter, new_code
from samskab.welcome.models import (
    Event,
    Invitation,
    Kind,
    LetterCode,
    Person,
    Source,
    VillagePage,
)
from samskab.welcome.tasks import mail_confirmation, mail_invitations

Actor = AbstractBaseUser | AnonymousUser | None


class PersonalDataAction:
    """The audit log's actions on the welcome lists."""

    EXPORTED = AuditAction.PERSON_EXPORTED
    DELETED = AuditAction.PERSON_DELETED
    PROTECTED = AuditAction.PERSON_PROTECTED
    LETTERS = AuditAction.WELCOME_LETTERS


DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _slug(name: str) -> str:
    return slugify(name.translate(DANISH_LETTERS))


def free_slug(village: Village) -> str:
    """Return an address for the village's page not taken by another village: its name, then
    its name with the municipality's, then with a number."""
    base = _slug(village.name) or "village"
    tries = [base, f"{base}-{_slug(village.project.municipality.name)}"]
    tries += [f"{base}-{n}" for n in range(2, 100)]
    taken = set(VillagePage.objects.filter(slug__in=tries).values_list("slug", flat=True))
    return next(slug for slug in tries if slug not in taken)


def do_save_channels(page: VillagePage, text: str) -> None:
    """Store the links to the village's own channels (ValidationError by line, nothing kept)."""
    parse_channels(text)
    page.channels = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    page.save(update_fields=["channels"])


def do_publish_page(village: Village) -> VillagePage:
    """Give the village its public page (the one it has, when it has one)."""
    page, _created = VillagePage.objects.get_or_create(
        village=village, defaults={"slug": free_slug(village)}
    )
    return page


def do_sign_up(
    village: Village, kind: str, fields: dict[str, Any], purpose: str,
    letter_code: LetterCode | None = None,
) -> Person:  # fmt: skip
    """Store a sign-up from the village's public page with the consent given (the purpose as
    the form stated it, where: the page or the letter whose code was typed, and now), and
    queue the mail that asks to confirm the address."""
    source = Source.PUBLIC_PAGE
    if letter_code is not None:
        source, letter_code.used = Source.LETTER, timezone.now()
        letter_code.save(update_fields=["used"])
    return _store(village, kind, fields, purpose, source)


def do_sign_up_for(
    village: Village, fields: dict[str, Any], purpose: str, *, ambassador: AbstractBaseUser
) -> Person:
    """Store a newcomer whom a member of their village (the ambassador) signs up with the
    newcomer's consent, recorded as given to the ambassador; the ambassador is their host.
    The newcomer still confirms their address from the mail before they are listed."""
    check_host_candidate(village, ambassador)
    person = _store(village, Kind.NEWCOMER, fields, purpose, Source.AMBASSADOR)
    person.host_id = ambassador.pk
    person.save(update_fields=["host"])
    return person


def _store(
    village: Village, kind: str, fields: dict[str, Any], purpose: str, source: str
) -> Person:
    person = Person.objects.create(
        village=village, kind=kind, purpose=purpose, source=source,
        consented=timezone.now(), language=translation.get_language() or "da", **fields,
    )  # fmt: skip
    mail_confirmation.enqueue(person.pk)
    return person


def do_make_letters(page: VillagePage, letters: list[Letter], *, by: Actor) -> list[Letter]:
    """Give each letter a new opt-in code of the village, kept without the address; write
    how many letters were made (never to whom) to the audit log."""
    codes: set[str] = set()
    while len(codes) < len(letters):
        fresh = {new_code() for _ in range(len(letters) - len(codes))} - codes
        codes |= fresh - set(
            LetterCode.objects.filter(code__in=fresh).values_list("code", flat=True)
        )
    LetterCode.objects.bulk_create(LetterCode(village=page.village, code=c) for c in codes)
    coded = [
        replace(letter, code=code) for letter, code in zip(letters, sorted(codes), strict=True)
    ]
    detail = f"{page.village.name}: {len(coded)}"
    audit.record(page.village.project, by, PersonalDataAction.LETTERS, detail)
    return coded


def check_code(village: Village, code: str) -> LetterCode:
    """Return the village's unused letter code; ValidationError when there is none such."""
    found = LetterCode.objects.filter(village=village, code=code.strip().upper(), used=None)
    letter_code = found.first()
    if letter_code is None:
        raise ValidationError({"code": _("This code is not valid for this village.")})
    return letter_code


def do_confirm(person: Person) -> None:
    """Record that the person confirmed their address (the first time only)."""
    if person.confirmed is None:
        person.confirmed = timezone.now()
        person.save(update_fields=["confirmed"])


def check_host(person: Person, host: AbstractBaseUser) -> None:
    """Raise ValidationError unless the host is a member of the person's village."""
    check_host_candidate(person.village, host)


def check_host_candidate(village: Village, host: AbstractBaseUser) -> None:
    """Raise ValidationError unless the person is a member of the village."""
    members = Membership.objects.filter(
        project_id=village.project_id, village=village, user_id=host.pk
    )
    if not members.exists():
        raise ValidationError(_("The host must be a member of the newcomer's village."))


def do_assign_host(person: Person, host: AbstractBaseUser) -> None:
    """Make the member of the village the newcomer's host."""
    check_host(person, host)
    person.host_id = host.pk
    person.save(update_fields=["host"])


def do_record_visit(person: Person, visited: datetime.date, *, today: datetime.date) -> None:
    """Record the day the host visited the newcomer (not a day still to come)."""
    if visited > today:
        raise ValidationError(_("The visit cannot be in the future."))
    person.visited = visited
    person.save(update_fields=["visited"])


def do_protect(person: Person, *, by: Actor) -> None:
    """Mark the person as having protected name and address: from now on in no list, letter
    or export."""
    person.protected = True
    person.save(update_fields=["protected"])
    _record(person, by, PersonalDataAction.PROTECTED)


def do_forget(person: Person, *, by: Actor) -> None:
    """Delete everything stored about the person (art. 17), by the facilitator or by the
    person from the link in their mail (by: None)."""
    _record(person, by, PersonalDataAction.DELETED)
    person.delete()


def record_export(person: Person, *, by: Actor) -> None:
    """Write to the audit log that the person's data was exported (art. 15)."""
    _record(person, by, PersonalDataAction.EXPORTED)


def check_event(starts: datetime.datetime) -> None:
    """Raise ValidationError (by field) when the event would start in the past."""
    if starts < timezone.now():
        raise ValidationError({"starts": _("The event cannot start in the past.")})


def do_create_event(project: Project, fields: dict[str, Any]) -> Event:
    """Create an event for the former residents in one municipality."""
    check_event(fields["starts"])
    return Event.objects.create(project=project, **fields)


def do_invite(event: Event) -> int:
    """Invite every former resident of the project's villages who lives in the event's
    municipality and was not invited yet, and queue the mails not sent yet (a mail that failed
    is tried again); return how many were newly invited."""
    people = Person.objects.listed().filter(
        village__project=event.project_id, kind=Kind.FORMER_RESIDENT, city=event.city_id
    )
    new = people.exclude(invitations__event=event)
    created = Invitation.objects.bulk_create(Invitation(event=event, person=p) for p in new)
    if event.invitations.filter(mailed=None).exists():  # also those a failed mail left behind
        mail_invitations.enqueue(event.pk)
    return len(created)


def do_answer(invitation: Invitation, *, coming: bool) -> None:
    """Record whether the invited former resident comes (changed as often as they like)."""
    invitation.coming = coming
    invitation.save(update_fields=["coming"])


def _record(person: Person, by: Actor, action: str) -> None:
    # The detail names the list and the village, never the person.
    detail = f"{person.get_kind_display()}, {person.village.name}"
    audit.record(person.village.project, by, action, detail)
