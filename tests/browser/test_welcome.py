"""The public sign-ups and the facilitator's lists in the browser: a newcomer signs up on the
village's page (laptop and phone), confirms from the mail, and appears on the facilitator's
list; a former resident joins and appears under the city they live in now."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from samskab.projects.models import Project
from samskab.welcome.models import VillagePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def hoven_page(project: Project) -> VillagePage:
    return VillagePage.objects.create(village=project.villages.get(name="Hoven"), slug="hoven")


def _confirm_link(outbox: list[Any]) -> str:
    """Return the path of the mail's confirmation link (its address is the site's, not the
    live server's)."""
    found = re.search(r"/v/confirm/[0-9a-f-]+/", outbox[-1].body)
    assert found, outbox[-1].body
    return found[0]


@pytest.mark.parametrize("width", [1366, 375])
def test_a_newcomer_signs_up_confirms_and_is_on_the_facilitators_list(
    new_page: Callable[[], Any], log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None], outbox: list[Any], project: Project,
    facilitator: User, hoven_page: VillagePage, width: int,
) -> None:  # fmt: skip
    page = new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/v/hoven/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoven")
    check_axe(page, "village page")
    form = page.locator("form").filter(has=page.get_by_label("Din adresse", exact=True))
    form.get_by_label("Dit navn").fill("Ida Holm")
    form.get_by_label("Din e-mailadresse").fill("ida@example.org")
    form.get_by_label("Din adresse", exact=True).fill("Bygaden 4")
    form.get_by_label("Jeg giver samtykke").check()
    form.get_by_role("button", name="Tilmeld dig et velkomstbesøg").click()
    expect(page.get_by_role("status")).to_contain_text("Vi har sendt dig en mail")

    page.goto(_confirm_link(outbox))
    page.get_by_role("button", name="Bekræft min adresse").click()
    expect(page.get_by_role("main")).to_contain_text("Din adresse er bekræftet")
    check_axe(page, "confirmed")

    staff = new_page()
    staff.set_viewport_size({"width": width, "height": 800})
    log_in(staff, facilitator)
    staff.goto(f"/projects/{project.pk}/")
    staff.get_by_role("navigation", name="Projekt").get_by_role("link", name="Velkomst").click()
    expect(staff.get_by_role("cell", name="Ida Holm", exact=True)).to_be_visible()
    check_axe(staff, "welcome list")


def test_a_former_resident_joins_and_is_listed_under_their_city(
    new_page: Callable[[], Any], log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None], outbox: list[Any], project: Project,
    facilitator: User, hoven_page: VillagePage,
) -> None:  # fmt: skip
    page = new_page()
    page.goto("/v/hoven/")
    form = page.locator("form").filter(has=page.get_by_label("Den kommune, du bor i nu"))
    form.get_by_label("Dit navn").fill("Mads Lund")
    form.get_by_label("Din e-mailadresse").fill("mads@example.org")
    form.get_by_label("Den kommune, du bor i nu").select_option(label="Aalborg")
    form.get_by_label("Jeg giver samtykke").check()
    form.get_by_role("button", name="Tilmeld dig de tidligere beboere").click()
    expect(page.get_by_role("status")).to_contain_text("Vi har sendt dig en mail")
    page.goto(_confirm_link(outbox))
    page.get_by_role("button", name="Bekræft min adresse").click()

    staff = new_page()
    log_in(staff, facilitator)
    staff.goto(f"/projects/{project.pk}/welcome/former-residents/")
    expect(staff.get_by_role("heading", name=re.compile("^Aalborg"))).to_be_visible()
    expect(staff.get_by_role("cell", name="Mads Lund", exact=True)).to_be_visible()
    check_axe(staff, "former residents")
    staff.get_by_role("button", name="Slet oplysningerne om Mads Lund").click()
    expect(staff.get_by_role("status")).to_contain_text("Alt, hvad der var gemt om personen")
    staff.goto(f"/projects/{project.pk}/welcome/former-residents/")
    expect(staff.get_by_role("cell", name="Mads Lund", exact=True)).to_have_count(0)
