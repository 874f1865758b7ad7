"""The score sheet on a phone (375 × 667): the scale on one line, the first idea on the first
screen, the ideas not yet scored marked, and each idea's description at hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from samskab.ideas.actions import do_record_scores
from samskab.ideas.models import Idea
from samskab.projects.models import Membership, Project, Role
from samskab.workshops import actions
from samskab.workshops.models import Theme, Workshop

from .conftest import _user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def sheet(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User
) -> Any:
    """A village representative's sheet on a phone, with two ideas of which one is scored."""
    actions.ensure_workshops(project)
    actions.do_activate(Workshop.objects.get(project=project, number=3))
    Idea.objects.create(
        project=project, title="Byggegrunde ved skolen", theme=Theme.HOUSING_SUPPLY,
        description="Kommunen udstykker ti grunde tæt på skolen.",
    )  # fmt: skip
    meals = Idea.objects.create(
        project=project, title="Fællesspisning", theme=Theme.VILLAGE_COOPERATION,
        description="Én aften om måneden i forsamlingshuset.",
    )  # fmt: skip
    person = _user("anne")
    Membership.objects.create(
        project=project, user=person, role=Role.VILLAGE_REPRESENTATIVE,
        village=project.villages.get(),
    )  # fmt: skip
    do_record_scores(project, person, {meals.pk: (3, 4, 5)}, entered_by=person)
    page.set_viewport_size(PHONE)
    log_in(page, person)
    page.goto(f"/projects/{project.pk}/workshops/score/")
    return page


def _idea(page: Any, title: str) -> Any:
    return page.locator(".idea-score").filter(has_text=title)


def test_the_first_idea_is_on_the_first_screen(sheet: Any) -> None:
    first = sheet.locator(".idea-score").first.locator(":scope > legend")
    expect(first).to_contain_text("Byggegrunde ved skolen")
    expect(first).to_be_in_viewport()
    # Not under the save button, which stays at the foot of the screen.
    title, save = first.bounding_box(), sheet.locator(".sticky-actions").bounding_box()
    assert title["y"] + title["height"] <= save["y"], (title, save)


def test_the_scale_stays_on_one_line(sheet: Any) -> None:
    options = sheet.locator(".idea-score").first.locator(".scale").first.locator(".scale-option")
    expect(options).to_have_count(5)
    tops = {round(box["y"]) for box in (option.bounding_box() for option in options.all())}
    assert len(tops) == 1, tops


def test_an_idea_not_yet_scored_is_marked(sheet: Any) -> None:
    expect(_idea(sheet, "Byggegrunde ved skolen").locator(".tag-unscored")).to_have_text(
        "Ikke scoret endnu"
    )
    expect(_idea(sheet, "Fællesspisning").locator(".tag-unscored")).to_have_count(0)


def test_an_idea_is_marked_scored_once_its_three_questions_are_answered(sheet: Any) -> None:
    plots = _idea(sheet, "Byggegrunde ved skolen")
    for scale in plots.locator(".scale").all()[:2]:
        scale.locator(".scale-option").nth(3).click()
    expect(plots.locator(".tag-unscored")).to_be_visible()
    plots.locator(".scale").nth(2).locator(".scale-option").nth(3).click()
    expect(plots.locator(".tag-unscored")).to_be_hidden()


def test_the_description_can_be_read_on_the_sheet(sheet: Any) -> None:
    plots = _idea(sheet, "Byggegrunde ved skolen")
    description = plots.get_by_text("Kommunen udstykker ti grunde tæt på skolen.")
    expect(description).to_be_hidden()
    plots.get_by_text("Beskrivelse", exact=True).click()
    expect(description).to_be_visible()
