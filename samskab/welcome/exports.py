"""A person's data as they or the facilitator can take it away (GDPR art. 15): every field
stored about them, with the consent, as JSON or as a two-column CSV."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samskab.core.exports import csv_download, download
from samskab.core.people import person_name
from samskab.welcome.models import Person


def person_data(person: Person) -> dict[str, Any]:
    """Return every field stored about the person, by field name, as text."""
    when = {f: getattr(person, f) for f in ("consented", "confirmed", "visited")}
    return {
        "list": person.kind,
        "village": person.village.name,
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "lives_in": person.city.name if person.city else "",
        "purpose": person.purpose,
        "source": person.source,
        **{field: value.isoformat() if value else "" for field, value in when.items()},
        "host": person_name(person.host),
        "events": "; ".join(_answer(invitation) for invitation in person.invitations.all()),
    }


def _answer(invitation: Any) -> str:
    coming = {True: "yes", False: "no", None: ""}[invitation.coming]
    return f"{invitation.event.title} ({invitation.event.starts:%Y-%m-%d}): {coming}"


LABELS = {
    "list": _("List"), "village": _("Village"), "name": _("Name"), "email": _("E-mail address"),
    "phone": _("Phone"), "address": _("Address"), "lives_in": _("Lives in"),
    "purpose": _("Purpose of the consent"), "source": _("Where the consent was given"),
    "consented": _("Consent given"), "confirmed": _("Address confirmed"),
    "visited": _("Welcome visit"), "host": _("Host"), "events": _("Events and answers"),
}  # fmt: skip


def _when(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return date_format(value, "DATE_FORMAT")


def labelled(person: Person) -> list[tuple[str, str]]:
    """Return the person's data as (label in the active language, value) for a page; the list
    and where the consent was given by their names in the active language, not their codes, and
    the times as the language writes them, in local time (the downloads keep ISO times)."""
    data = person_data(person)
    data["list"], data["source"] = person.get_kind_display(), person.get_source_display()
    for field in ("consented", "confirmed", "visited"):  # in the page's language, local time
        data[field] = _when(getattr(person, field))
    return [(str(LABELS[field]), str(value)) for field, value in data.items()]


def json_download(person: Person) -> HttpResponse:
    text = json.dumps(person_data(person), ensure_ascii=False, indent=2)
    return download(text, "my-data.json", "application/json; charset=utf-8")


def csv_file(person: Person) -> HttpResponse:
    rows = [["field", "value"], *person_data(person).items()]
    return csv_download(rows, "my-data.csv")
