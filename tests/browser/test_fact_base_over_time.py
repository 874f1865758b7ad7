"""A facilitator asks "where do our 18–29-year-olds go, and has it changed?": the page over time
is filtered by village and age band in Danish and in English, and passes axe-core on a laptop's
screen and a phone's."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from samskab.projects.models import Project, Village

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ((1366, 768), (375, 667))


def _check_both_screens(page: Any, check_axe: Callable[[Any, str], None], label: str) -> None:
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        check_axe(page, f"{label}, {width} px")


def test_a_facilitator_filters_the_years_by_village_and_age_band(
    request: pytest.FixtureRequest,
    page: Any,
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    project: Project,
    facilitator: User,
) -> None:
    request.getfixturevalue("demo_facts")
    area = project.areas.order_by("order", "name").last()
    assert area is not None
    Village.objects.create(project=project, name="Testby", parish=str(area.parishes[0]), area=area)
    project.start = datetime.date(2012, 5, 1)
    project.save(update_fields=["start"])
    log_in(page, facilitator)

    page.goto(reverse("factbase:trends", args=[project.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Over tid")
    page.get_by_label("Område eller landsby").select_option(label="Testby")
    page.get_by_label("Alder", exact=True).select_option("18-29")
    page.get_by_role("button", name="Vis").click()
    expect(page.locator(".trend-caption")).to_contain_text("Testby, alder 18-29")
    expect(page.locator("#trends svg[role=img]")).to_be_visible()
    expect(page.locator("#trends svg")).to_contain_text("Projektstart")
    expect(page.locator("#trends table")).to_contain_text("Fraflyttere")
    _check_both_screens(page, check_axe, "over time, a village and an age band")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(reverse("factbase:trends", args=[project.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Over time")
    page.get_by_label("Area or village", exact=True).select_option(label=area.name)
    page.get_by_label("Age", exact=True).select_option("30-44")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".trend-caption")).to_contain_text(f"{area.name}, ages 30-44")
    expect(page.locator("#trends table")).to_contain_text("Out-movers")
    expect(page.locator("#trends-areas svg")).to_contain_text("Project start")
    _check_both_screens(page, check_axe, "over time, in English")
