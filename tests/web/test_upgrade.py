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


# The last release before workshops was split into workshops, ideas and initiatives: every app
# migrated as far as that layout went, a row in every moved table, a permission granted on a
# moved model and a follow-up job queued under the task's old path.
BEFORE_SPLIT = [
    ("admin", "0003_logentry_add_action_flag_choices"),
    ("sessions", "0001_initial"),
    ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ("accounts", "0001_initial"),
    ("projects", "0002_municipalities"),
    ("workshops", "0004_initiative_form_token"),
]
FILL_BEFORE_SPLIT = """
import datetime
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tasks_db.models import DBTaskResult
apps = MigrationLoader(connection).project_state(BEFORE_SPLIT).apps
get = apps.get_model
anna = get("auth", "User").objects.create(username="anna", email="anna@example.org")
project = get("projects", "Project").objects.create(
    municipality=get("projects", "Municipality").objects.get(code=760), name="Bosætning i Vest")
village = get("projects", "Village").objects.create(project=project, name="Hoven")
idea = get("workshops", "Idea").objects.create(project=project, title="Velkomstpakke",
                                               theme="marketing", author=anna)
idea.villages.add(village)
get("workshops", "IdeaComment").objects.create(idea=idea, author=anna, text="Godt!")
get("workshops", "Score").objects.create(idea=idea, participant=anna, difference=5,
                                         manageable=4, desire=3)
initiative = get("workshops", "Initiative").objects.create(
    project=project, idea=idea, title="Velkomstpakke", owner=anna, contact=anna, goal="Alle")
milestone = get("workshops", "Milestone").objects.create(
    initiative=initiative, title="Første pakke", due=datetime.date(2026, 12, 7))
get("workshops", "ProgressUpdate").objects.create(
    initiative=initiative, author=anna, text="Trykt", created=datetime.datetime(
        2026, 11, 30, 12, tzinfo=datetime.timezone.utc))
get("workshops", "Notification").objects.create(
    kind="milestone", project=project, initiative=initiative, recipient=anna,
    day=datetime.date(2026, 11, 30), key=f"m{milestone.pk}:2026-12-07:7", milestone=milestone)
get("workshops", "MunicipalCommitment").objects.create(project=project, money=50000)
group = get("auth", "Group").objects.create(name="tovholdere")
group.permissions.add(get("auth", "Permission").objects.get(
    content_type__app_label="workshops", codename="change_initiative"))
DBTaskResult.objects.create(args_kwargs={"args": ["2026-12-01"], "kwargs": {}},
                            task_path="samskab.workshops.tasks.send_followup",
                            backend_name="default")
"""
SHOW_AFTER_SPLIT = """
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django_tasks_db.models import DBTaskResult
from samskab.ideas.models import Idea, IdeaComment, Score
from samskab.initiatives.models import Initiative, Notification, ProgressUpdate
from samskab.workshops.models import MunicipalCommitment
idea = Idea.objects.get()
initiative = Initiative.objects.get()
print(idea.title, [v.name for v in idea.villages.all()], IdeaComment.objects.get().text,
      Score.objects.get().total)
print(initiative.idea == idea, [m.title for m in initiative.milestones.all()],
      ProgressUpdate.objects.get().text, Notification.objects.get().milestone.title)
print(MunicipalCommitment.objects.get().money)
print(sorted(f"{p.content_type.app_label}.{p.codename}"
             for p in Group.objects.get().permissions.all()))
print(sorted(ContentType.objects.filter(app_label__in=["workshops", "ideas", "initiatives"])
             .values_list("app_label", "model")))
print(DBTaskResult.objects.get().task_path)
"""


def test_a_database_from_before_the_split_of_the_workshops_keeps_its_rows(
    tmp_path: Path, database_url: str | None
) -> None:
    data = tmp_path / "data"
    migrate_back = (
        "from django.core.management import call_command\n"
        f"BEFORE_SPLIT = {BEFORE_SPLIT!r}\n"
        "for app, migration in BEFORE_SPLIT:\n"
        "    call_command('migrate', app, migration, verbosity=0)\n"
    )
    shell(migrate_back + FILL_BEFORE_SPLIT, data, database_url)

    django(["migrate", "-v", "0"], data, database_url)

    assert shell(SHOW_AFTER_SPLIT, data, database_url).splitlines() == [
        "Velkomstpakke ['Hoven'] Godt! 12",
        "True ['Første pakke'] Trykt Første pakke",
        "50000",
        "['initiatives.change_initiative']",
        "[('ideas', 'idea'), ('ideas', 'ideacomment'), ('ideas', 'score'), "
        "('initiatives', 'initiative'), ('initiatives', 'milestone'), "
        "('initiatives', 'notification'), ('initiatives', 'progressupdate'), "
        "('workshops', 'attentionpoint'), ('workshops', 'municipalcommitment'), "
        "('workshops', 'villagecommitment'), ('workshops', 'workshop'), "
        "('workshops', 'workshopsettings')]",
        "samskab.initiatives.tasks.send_followup",
    ]
