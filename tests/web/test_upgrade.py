"""A database made by the previous release migrates to this one with its data intact.

A new installation is migrated only as far as the previous release went (the last migration it
shipped per app, PREVIOUS), filled through that state's historical models, then migrated
forward, as `samskab serve` or an administrator's `migrate` does after an upgrade."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .installation import django, own_database, shell

# The previous release (0.1.0 as of 2026-11-30): its last migration per app. Apps it did not
# have (jobs, axes, the task queue) are made by the forward migration.
PREVIOUS = [
    ("admin", "0003_logentry_add_action_flag_choices"),
    ("sessions", "0001_initial"),
    ("accounts", "0001_initial"),
    ("factbase", "0001_initial"),
    ("projects", "0002_municipalities"),
    ("segmentation", "0001_initial"),
    ("workshops", "0002_initiatives"),
]
FILL = """
import datetime
from django.db import connection
from django.db.migrations.loader import MigrationLoader
apps = MigrationLoader(connection).project_state(PREVIOUS).apps
get = apps.get_model
anna = get("auth", "User").objects.create(username="anna", email="anna@example.org", password="x")
project = get("projects", "Project").objects.create(
    municipality=get("projects", "Municipality").objects.get(code=760), name="Bosætning i Vest")
village = get("projects", "Village").objects.create(project=project, name="Hoven")
get("projects", "Membership").objects.create(project=project, user=anna, role="facilitator")
idea = get("workshops", "Idea").objects.create(project=project, title="Velkomstpakke",
                                               theme="marketing", author=anna)
get("workshops", "Score").objects.create(idea=idea, participant=anna, difference=5,
                                         manageable=4, desire=3)
initiative = get("workshops", "Initiative").objects.create(
    project=project, idea=idea, title="Velkomstpakke", owner=anna, contact=anna)
due = datetime.date(2026, 12, 7)
milestone = get("workshops", "Milestone").objects.create(initiative=initiative,
                                                         title="Første pakke", due=due)
get("workshops", "Notification").objects.create(
    kind="milestone", initiative=initiative, recipient=anna, day=due - datetime.timedelta(7),
    key=f"m{milestone.pk}:7", milestone=milestone, days_left=7)
print(milestone.pk)
"""
SHOW = """
from samskab.projects.models import Project
from samskab.initiatives.models import Notification
from samskab.ideas.models import Score
project = Project.objects.get()
score = Score.objects.get()
note = Notification.objects.get()
print(project.name, [v.name for v in project.villages.all()])
print(score.difference, score.manageable, score.desire)
print(note.project_id == project.pk, note.mail, note.key)
"""


@pytest.fixture
def database_url() -> Iterator[str | None]:
    with own_database("samskab_upgrade_test") as url:
        yield url


def test_a_database_of_the_previous_release_migrates_with_its_data(
    tmp_path: Path, database_url: str | None
) -> None:
    data = tmp_path / "data"
    migrate_back = (
        f"from django.core.management import call_command\nPREVIOUS = {PREVIOUS!r}\n"
        "for app, migration in PREVIOUS:\n    call_command('migrate', app, migration, verbosity=0)\n"
    )
    milestone = shell(migrate_back + FILL, data, database_url)

    django(["migrate", "-v", "0"], data, database_url)

    assert shell(SHOW, data, database_url).splitlines() == [
        "Bosætning i Vest ['Hoven']",
        "5 4 3",
        # Mailed by the previous release: recorded as sent, keyed the new way, not sent again.
        f"True sent m{milestone}:2026-12-07:7",
    ]
