"""A village's profile written by its representative (in English), and a gap in the housing
supply found and made an idea by the facilitator (in Danish)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from samskab.projects.models import Membership, Project, Role

from .conftest import _user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_representative_writes_their_villages_profile_in_english(
    page: Any, log_in: Callable[[Any, User], None], project: Project
) -> None:
    village_representative = _user("village")
    Membership.objects.create(project=project, user=village_representative,
                              role=Role.VILLAGE_REPRESENTATIVE, village=project.villages.get())  # fmt: skip
    log_in(page, village_representative)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("navigation", name="Project").get_by_role("link", name="Villages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Villages")
    page.get_by_role("link", name="Edit the profile (Hoven)").click()
    page.get_by_label("Strengths").fill("A free school and a strong community.")
    page.get_by_label("Nature").fill("The river and the plantation.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/villages/\d+/$"))
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("A free school and a strong community.")
    expect(main).to_contain_text("The river and the plantation.")


def test_the_facilitator_turns_a_gap_in_the_plots_into_an_idea(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User
) -> None:
    log_in(page, facilitator)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("navigation", name="Projekt").get_by_role("link", name="Landsbyer").click()
    section = page.get_by_role("navigation", name="Landsbyer, boliger og markedsføring")
    section.get_by_role("link", name="Boligudbud").click()
    page.get_by_role("link", name="Efterspørgsel pr. målgruppe").click()
    page.get_by_label("Målgruppe").fill("Selvbyggere")
    page.get_by_label("Byggegrund").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("cell", name="Selvbyggere", exact=True)).to_be_visible()
    page.get_by_role("link", name="Udbud over for efterspørgsel").click()
    expect(
        page.get_by_role("cell", name="Ingen byggegrunde udbudt i Hoven.", exact=True)
    ).to_be_visible()
    page.get_by_role(
        "button", name="Gør det til en idé (Ingen byggegrunde udbudt i Hoven.)"
    ).click()
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/workshops/ideas/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen byggegrunde udbudt i Hoven.")
