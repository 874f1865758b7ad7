"""Shared set-up for the welcome tests: Hoven's public page, and people signed up on it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from samskab.projects.models import Municipality, Project
from samskab.welcome.models import Kind, Person, Source, VillagePage


@pytest.fixture(name="hoven_page")
def hoven_page_fixture(project: Project) -> VillagePage:
    """Hoven's public page, at /v/hoven/."""
    return VillagePage.objects.create(village=project.villages.get(name="Hoven"), slug="hoven")


def sign_up(page: VillagePage, name: str, *, kind: str = Kind.NEWCOMER, confirmed: bool = True,
            city_code: int | None = None, **fields: object) -> Person:  # fmt: skip
    """Store a person who signed up on the page (confirmed their address, unless told not)."""
    now = timezone.now()
    city = Municipality.objects.get(code=city_code) if city_code else None
    return Person.objects.create(
        village=page.village, kind=kind, name=name, email=f"{name.lower()}@example.org",
        purpose="Velkomstbesøg", source=Source.PUBLIC_PAGE, consented=now,
        confirmed=now if confirmed else None, city=city, **fields,
    )  # fmt: skip
