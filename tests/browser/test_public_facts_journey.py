"""A municipality's employee starts a project in the demo and, before any register extract, reads
the figures Statistics Denmark publishes on the municipality: the demo's public fact base, built
from its StatBank files as `samskab demo` builds it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from samskab.demo_data import write_demo_data
from samskab.factbase.demo import seed_public_facts
from samskab.projects.models import Project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("width", [1366, 375], ids=["laptop", "phone"])
def test_a_new_project_starts_with_the_published_figures(
    new_page: Callable[[], Any],
    log_in: Callable[[Any, User], None],
    facilitator: User,
    axe_problems: Callable[[Any, str], list[str]],
    settings: Any,
    tmp_path: Path,
    width: int,
) -> None:
    settings.PUBLIC_FACTS_DIR = tmp_path / "public"
    write_demo_data(tmp_path / "data")
    seed_public_facts(tmp_path / "data")
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, facilitator)
    page.goto("/projects/new/")
    page.get_by_label("Kommune").select_option(label="Ringkøbing-Skjern (760)")
    page.get_by_label("Navn").fill("Bosætning i Nord")
    page.get_by_role("button", name=re.compile("Opret")).click()
    project = Project.objects.get(name="Bosætning i Nord")
    page.goto(f"/projects/{project.pk}/facts/")
    section = page.locator("section.public-facts")
    expect(section.get_by_role("heading", level=2)).to_have_text(
        "Offentlige tal for Ringkøbing-Skjern"
    )
    expect(section.locator("svg[role=img]")).to_be_visible()
    years = section.get_by_role("table", name="Flytninger, indvandring og befolkning pr. år")
    expect(years.get_by_role("row")).to_have_count(1 + 17)  # 2008-2024
    ages = section.get_by_role("table", name=re.compile("efter alder, 2020–2024"))
    expect(ages.get_by_role("row", name=re.compile("^18-29"))).to_contain_text("Herning")
    expect(section).to_contain_text("Kilde: Danmarks Statistik")
    assert axe_problems(page, f"public facts at {width}px") == []
