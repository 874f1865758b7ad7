"""Personas for the web tests: a project with a member in every role, and an outsider."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from samskab.facts.municipalities import MUNICIPALITIES
from samskab.projects.models import Membership, Municipality, Project, Role, Village

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _own_data_folders(settings: Any, tmp_path: Path) -> None:
    """Give every test its own folders for uploads and fact-base stores.

    Ids start again at 1 when a test's transaction is rolled back, so tests sharing one folder
    would find each other's files under the same project's id."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.FACTS_CACHE_DIR = tmp_path / "facts-cache"
    settings.PUBLIC_FACTS_DIR = tmp_path / "public"


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Start every test in the default language (Danish): a request activates its person's
    language in the thread, and a test that calls the product's functions directly after an
    English request would otherwise get English."""
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Start every test with an empty cache: the fact base caches its figures under the
    project's id and the files' checksum, and ids start again at 1 after a rollback, so a test
    could otherwise be served another test's figures (made under other settings)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _municipalities(request: pytest.FixtureRequest) -> None:
    """Make sure the municipality table that a migration loads is there.

    A browser test (transactional) empties the database when it ends; when pytest-xdist runs a
    web test after one in the same worker, the table would be empty."""
    if "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    if not Municipality.objects.exists():
        Municipality.objects.bulk_create(
            Municipality(code=m.code, name=m.name) for m in MUNICIPALITIES
        )


def _user(username: str, *, staff: bool = False) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD,
        first_name=username.title(), is_staff=staff,
    )  # fmt: skip


@pytest.fixture
def project(db: None) -> Project:
    municipality = Municipality.objects.get(code=760)
    project = Project.objects.create(municipality=municipality, name="Bosætning i Vest")
    Village.objects.create(project=project, name="Hoven", association="Hoven Borgerforening")
    return project


def _member(project: Project, username: str, role: str, *, staff: bool = False) -> User:
    user = _user(username, staff=staff)
    Membership.objects.create(project=project, user=user, role=role)
    return user


@pytest.fixture
def facilitator(project: Project) -> User:
    return _member(project, "facilitator", Role.FACILITATOR, staff=True)


@pytest.fixture
def contact(project: Project) -> User:
    return _member(project, "contact", Role.CONTACT)


@pytest.fixture
def village_representative(project: Project) -> User:
    return _member(project, "villagerep", Role.VILLAGE_REPRESENTATIVE)


@pytest.fixture
def participant(project: Project) -> User:
    return _member(project, "participant", Role.PARTICIPANT)


@pytest.fixture
def expert(project: Project) -> User:
    return _member(project, "expert", Role.EXPERT)


@pytest.fixture
def observer(project: Project) -> User:
    return _member(project, "observer", Role.OBSERVER)


@pytest.fixture
def outsider(db: None) -> User:
    """A signed-in person who is a member of another project only."""
    user = _user("outsider", staff=True)
    other = Project.objects.create(municipality=Municipality.objects.get(code=657), name="Andet")
    Membership.objects.create(project=other, user=user, role=Role.FACILITATOR)
    return user


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    """Return a function giving a test client signed in as the user (None: anonymous)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(name="job_queue")
def job_queue_fixture(settings: Any) -> None:
    """Queue jobs in the database, as production does, instead of running them at once; a test
    runs them with samskab.jobs.worker.run_pending (the worker's loop, here and once)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "fits"],
        }
    }
