"""The demo project: the demo municipality's areas and villages, and a person for every role."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from samskab.projects.models import Area, Membership, Municipality, Project, Role, Village

PROJECT_NAME = "Bosætning i Vestområdet"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str | None  # None: an outsider, member of no project
    staff: bool = False
    village: str | None = None

    @property
    def password(self) -> str:
        return f"demo-{self.username}"


DEMO_USERS = (
    DemoUser("facilitator", "Mette", "Lund", Role.FACILITATOR, staff=True),
    DemoUser("contact", "Jens", "Kristensen", Role.CONTACT),
    DemoUser("village", "Anne", "Holm", Role.VILLAGE_REPRESENTATIVE, village="first"),
    DemoUser("participant", "Søren", "Nielsen", Role.PARTICIPANT, village="second"),
    DemoUser("expert", "Lise", "Bak", Role.EXPERT),
    DemoUser("observer", "Peter", "Dam", Role.OBSERVER),
    DemoUser("outsider", "Ole", "Udenfor", None),
)


@transaction.atomic
def seed_demo_project(data_dir: Path) -> Project:
    """Create (or refresh) the demo project from the demo data's areas.csv; return it."""
    municipality = Municipality.objects.get(code=760)
    project, _ = Project.objects.update_or_create(
        name=PROJECT_NAME,
        defaults={
            "municipality": municipality,
            "status": Project.Status.ACTIVE,
            "description": "Et fiktivt bosætningsprojekt for syv lokalområder i en "
            "landkommune ved Vestkysten. Alle data er syntetiske.",
        },
    )
    areas = _seed_areas(project, data_dir / "areas.csv")
    villages = _seed_villages(project, areas)
    for person in DEMO_USERS:
        _seed_user(project, person, villages)
    return project


def _seed_areas(project: Project, path: Path) -> list[Area]:
    parishes: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            parishes.setdefault(row["area"], []).append(row["parish"])
    return [
        Area.objects.update_or_create(
            project=project, name=name, defaults={"parishes": codes, "order": order}
        )[0]
        for order, (name, codes) in enumerate(parishes.items())
    ]


def _seed_villages(project: Project, areas: list[Area]) -> list[Village]:
    villages = []
    for area in areas:
        parish = area.parishes[0]
        village, _ = Village.objects.update_or_create(
            project=project,
            name=f"{area.name} by",
            defaults={
                "parish": parish,
                "area": area,
                "association": f"Borgerforeningen i {area.name}",
            },
        )
        villages.append(village)
    return villages


def _seed_user(project: Project, person: DemoUser, villages: list[Village]) -> None:
    user, _ = User.objects.get_or_create(username=person.username)
    user.first_name, user.last_name = person.first_name, person.last_name
    user.email = f"{person.username}@example.org"
    user.is_staff = person.staff
    user.set_password(person.password)
    user.save()
    if person.role is None:
        return
    village = {"first": villages[0], "second": villages[1]}.get(person.village or "")
    Membership.objects.update_or_create(
        project=project, user=user, defaults={"role": person.role, "village": village}
    )
