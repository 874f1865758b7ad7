"""A facilitator loads data in the browser: a bad file is refused with its row and column, the
demo data is imported, and the fact base shows its table, chart and map."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from samskab.projects.models import Project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MOVES = (
    "move_date,from_municipality,to_municipality,from_parish,to_parish\n"
    "2008-03-01,657,760,,9901\n"
    "2008-02-30,657,760,,9901\n"
)
AREAS = "parish,area,municipality\n9901,Nord,760\n"
POPULATION = "year,parish,population\n2008,9901,1000\n"


def test_a_facilitator_sees_the_error_then_the_facts(
    page: Any,
    log_in: Callable[[Any, User], None],
    project: Project,
    facilitator: User,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.FACTS_CACHE_DIR = tmp_path / "facts-cache"
    for name, text in (("moves.csv", MOVES), ("areas.csv", AREAS), ("population.csv", POPULATION)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    log_in(page, facilitator)
    page.goto(f"/projects/{project.pk}/facts/data/")
    page.locator("#id_register").set_input_files(str(tmp_path / "moves.csv"))
    page.locator("#id_areas").set_input_files(str(tmp_path / "areas.csv"))
    page.locator("#id_population").set_input_files(str(tmp_path / "population.csv"))
    page.get_by_role("button", name="Kontrollér og importér").click()
    problems = page.locator("table", has_text="move_date")
    expect(problems).to_contain_text("moves.csv")
    expect(problems).to_contain_text("3")
    expect(problems).to_contain_text("2008-02-30")

    # The import of the whole demo register runs in this request: on a busy two-core machine it
    # can take longer than the default 15 s.
    page.get_by_role("button", name="Brug demodata").click(timeout=90_000)
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/facts/"), timeout=90_000)
    page.goto(f"/projects/{project.pk}/facts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nettotilflytning")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.locator("#net-migration table")).to_contain_text("Bykernen")

    page.goto(f"/projects/{project.pk}/facts/map/")
    expect(page.locator("#map svg[role=img]")).to_be_visible()
