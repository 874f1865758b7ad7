"""The demo project's welcome: every village's public page; in the first village, newcomers
who opted in (two with the village representative as their host, one of them visited);
former residents in three cities, and an event in Aarhus with invitations and answers; and a
former resident who downloaded their data and then deleted it from the link in a mail, which
the project's audit log shows (naming the list and the village, never the person)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from samskab.projects.models import AuditEvent, Municipality, Project, Village
from samskab.welcome.actions import PersonalDataAction, do_forget, do_publish_page, record_export
from samskab.welcome.forms import purpose
from samskab.welcome.models import Event, Invitation, Kind, Person, Source, VillagePage

DAYS = datetime.timedelta(days=1)
# (name, hosted by the village representative, visited this many days ago)
NEWCOMERS = (("Camilla Berg", True, 5), ("Rasmus Vang", True, None), ("Nadia Olsen", False, None))
# (name, municipality code: Aarhus, København, Aalborg; coming to the Aarhus event)
FORMER = (
    ("Emil Skov", 751, True), ("Freja Dahl", 751, True), ("Oliver Bech", 751, None),
    ("Laura Møller", 751, False), ("Victor Juhl", 101, None), ("Ida Krogh", 851, None),
)  # fmt: skip


@transaction.atomic
def seed_demo_welcome(project: Project, today: datetime.date | None = None) -> None:
    """Create (or refresh) the demo's public pages, welcome lists and event."""
    today = today or timezone.localdate()
    Person.objects.filter(village__project=project).delete()
    project.welcome_events.all().delete()
    for village in project.villages.all():
        do_publish_page(village)
    village = project.villages.order_by("name").first()
    if village is None:
        return
    # The page points to what the village already uses (the addresses are the demo's own).
    VillagePage.objects.filter(village=village).update(channels=(
        f"{village.name} på Facebook https://www.facebook.com/groups/samskab-demo\n"
        f"Borgerforeningen i {village.name} https://samskab-demo.dk/borgerforening"
    ))  # fmt: skip
    host = User.objects.filter(username="village").first()
    now = timezone.now()
    for name, hosted, visited in NEWCOMERS:
        _person(village, name, Kind.NEWCOMER, now, host=host if hosted else None,
                visited=today - visited * DAYS if visited else None)  # fmt: skip
    event = Event.objects.create(
        project=project, title="Håndboldkamp i Ceres Arena", place="Ceres Arena",
        city=Municipality.objects.get(code=751), starts=now + 21 * DAYS,
        description="Vi ses til kamp og en øl bagefter med folk hjemmefra.",
    )  # fmt: skip
    for name, code, coming in FORMER:
        person = _person(village, name, Kind.FORMER_RESIDENT, now,
                         city=Municipality.objects.get(code=code))  # fmt: skip
        if code == event.city.code:
            Invitation.objects.create(event=event, person=person, coming=coming, mailed=now)
    if not AuditEvent.objects.filter(project=project, action=PersonalDataAction.DELETED).exists():
        gone = _person(village, "Mikkel Lund", Kind.FORMER_RESIDENT, now,
                       city=Municipality.objects.get(code=101))  # fmt: skip
        record_export(gone, by=None)
        do_forget(gone, by=None)


def _person(
    village: Village, name: str, kind: str, now: datetime.datetime, **fields: Any
) -> Person:
    email = name.lower().replace(" ", ".").replace("ø", "oe") + "@example.org"
    return Person.objects.create(
        village=village, kind=kind, name=name, email=email, purpose=purpose(kind, village),
        source=Source.PUBLIC_PAGE, consented=now - 10 * DAYS, confirmed=now - 9 * DAYS,
        **fields,
    )  # fmt: skip
