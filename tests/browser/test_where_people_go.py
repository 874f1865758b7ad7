"""A facilitator asks where an area's 18–29-year-olds went: the filters change the figures in
place (HTMX), in Danish and in English, and the page stays accessible on a laptop and a phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from samskab.projects.models import Project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 375, "height": 667}}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_filters_answer_where_an_areas_young_people_went(
    request: pytest.FixtureRequest,
    page: Any,
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    project: Project,
    facilitator: User,
    screen: str,
) -> None:
    request.getfixturevalue("demo_facts")
    page.set_viewport_size(SCREENS[screen])
    log_in(page, facilitator)
    page.goto(reverse("factbase:where", args=[project.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvor folk flytter hen")
    summary = page.locator(".filter-summary")
    expect(summary).to_contain_text("Projektets områder samlet")
    check_axe(page, f"where, Danish, {screen}")

    page.get_by_label("Sted", exact=True).select_option("Bykernen")
    expect(summary).to_contain_text("Bykernen")
    page.get_by_label("Alder", exact=True).select_option("18-29")
    expect(summary).to_contain_text("alder 18-29")
    page.get_by_label("Vis", exact=True).select_option("out")
    expect(summary).to_contain_text("Fraflytternes mål")
    expect(page).to_have_url(re.compile(r"age_band=18-29.*place=Bykernen"))
    expect(page.locator("#where-results table")).to_contain_text("Inden for kommunen")
    check_axe(page, f"where, Bykernen 18-29, {screen}")

    page.goto(reverse("accounts:members", args=[project.pk]))
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(reverse("factbase:where", args=[project.pk]))
    page.get_by_label("Place", exact=True).select_option("Ådalen")
    page.get_by_label("Household", exact=True).select_option("couple_with_children")
    expect(summary).to_contain_text("Ådalen")
    expect(summary).to_contain_text("Couple with children")
    expect(page.locator("#where-results table")).to_contain_text("Inside the municipality")
    check_axe(page, f"where, Ådalen, couples with children, English, {screen}")


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_facilitator_chooses_a_parish_and_sees_its_moves_with_the_other_parishes(
    request: pytest.FixtureRequest,
    page: Any,
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    project: Project,
    facilitator: User,
    screen: str,
) -> None:
    request.getfixturevalue("demo_facts")
    page.set_viewport_size(SCREENS[screen])
    log_in(page, facilitator)
    page.goto(reverse("factbase:where", args=[project.pk]))
    place = page.get_by_label("Sted", exact=True)
    option = place.locator('optgroup[label="Sogne"] option').first
    value, name = option.get_attribute("value"), option.inner_text()
    assert value is not None and value.startswith("parish:")
    place.select_option(value)
    summary = page.locator(".filter-summary")
    expect(summary).to_contain_text(name.split(" (")[0])
    expect(page.get_by_role("heading", name=re.compile("De andre sogne i"))).to_be_visible()
    expect(page.locator("#where-parishes-title ~ .chart svg")).to_be_visible()
    page.get_by_label("Alder", exact=True).select_option("30-44")
    expect(summary).to_contain_text("alder 30-44")
    expect(page).to_have_url(re.compile(r"place=parish%3A\d{4}"))
    check_axe(page, f"where, a parish 30-44, {screen}")


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_villages_slide_is_accessible(
    request: pytest.FixtureRequest,
    page: Any,
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    project: Project,
    facilitator: User,
    screen: str,
) -> None:
    request.getfixturevalue("demo_facts")
    code = sorted(int(c) for area in project.areas.all() for c in area.parishes)[0]
    project.villages.create(name="Lilleby", parish=f"{code:04d}")
    page.set_viewport_size(SCREENS[screen])
    log_in(page, facilitator)
    page.goto(reverse("factbase:present", args=[project.pk]))
    count = page.locator(".slide-count").inner_text()
    last = int(re.findall(r"\d+", count)[1])
    page.goto(reverse("factbase:present_slide", args=[project.pk, last - 1]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvor folk fra Lilleby flytter hen")
    expect(page.locator(".slide-figure .chart svg")).to_be_visible()
    check_axe(page, f"the slide of a village, {screen}")
