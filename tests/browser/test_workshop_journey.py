"""Workshops 2 to 4 in the browser: two participants add ideas and score at the same time, the results board
on the projector follows, and the facilitator turns the winner into an initiative."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from samskab.ideas.models import DIMENSIONS, Idea, Score
from samskab.projects.models import Membership, Project, Role
from samskab.workshops import actions
from samskab.workshops.models import Workshop

from .conftest import _user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _activate(project: Project, number: int) -> None:
    actions.ensure_workshops(project)
    actions.do_activate(Workshop.objects.get(project=project, number=number))


def _open_workshop(page: Any, project: Project, name: str) -> None:
    """Make a workshop the active one, as the facilitator does on the workshops page."""
    page.goto(f"/projects/{project.pk}/workshops/")
    page.get_by_role("button", name=re.compile(re.escape(name))).click()
    expect(page.locator(".phase-line")).to_contain_text(name)


def _score_everything(page: Any, ideas: list[Idea], value: int) -> None:
    for idea in ideas:
        for name, _label in DIMENSIONS:
            page.locator(f'input[name="idea-{idea.pk}-{name}"][value="{value}"]').check()


def test_two_participants_add_and_score_ideas_at_once_and_the_board_follows(
    new_page: Callable[[], Any],
    log_in: Callable[[Any, User], None],
    project: Project,
    facilitator: User,
) -> None:
    people = [_user(name) for name in ("anne", "bo")]
    for person in people:
        Membership.objects.create(project=project, user=person, role=Role.PARTICIPANT)
    board = new_page()
    log_in(board, facilitator)
    _open_workshop(board, project, "Hvad vil vi?")
    sheets = []
    for person, title in zip(people, ("Byggegrunde", "Velkomstpakke"), strict=True):
        sheet = new_page()
        log_in(sheet, person)
        sheet.goto(f"/projects/{project.pk}/workshops/ideas/new/")
        sheet.get_by_label("Titel").fill(title)
        sheet.get_by_label("Tema").select_option(index=1)
        sheets.append(sheet)
    for sheet in sheets:  # both add their idea at the same moment
        sheet.get_by_role("button", name="Tilføj idéen").click(no_wait_after=True)
    for sheet in sheets:
        sheet.wait_for_url(re.compile(r"/workshops/ideas/$"))
    ideas = list(Idea.objects.filter(project=project).order_by("title"))
    assert [idea.title for idea in ideas] == ["Byggegrunde", "Velkomstpakke"]
    _open_workshop(board, project, "Hvordan?")
    board.goto(f"/projects/{project.pk}/workshops/results/")
    expect(board.locator("#board")).to_contain_text("0 personer har givet point")

    for sheet, value in zip(sheets, (5, 2), strict=True):
        sheet.goto(f"/projects/{project.pk}/workshops/score/")
        _score_everything(sheet, ideas, value)
    for sheet in sheets:  # both submit before either answer is awaited
        sheet.get_by_role("button", name="Gem point").click(no_wait_after=True)
    for sheet in sheets:
        expect(sheet.locator(".alert-success")).to_be_visible()

    # The board polls every 2 s: it shows both scorers without a reload.
    expect(board.locator("#board")).to_contain_text("2 personer har givet point", timeout=6000)
    assert Score.objects.filter(idea__project=project).count() == len(people) * len(ideas)

    _activate(project, 4)
    board.goto(f"/projects/{project.pk}/workshops/initiatives/new/?idea={ideas[0].pk}")
    board.get_by_label("Titel").fill("Byggegrunde ved skolen")
    board.get_by_label("Tovholder (person)").select_option(str(people[0].pk))
    board.get_by_label("Kommunal kontaktperson").select_option(str(facilitator.pk))
    board.get_by_label("Mål", exact=True).fill("Ti nye byggegrunde til salg inden sommer")
    board.get_by_role("button", name="Gem initiativet").click()
    board.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    board.goto(f"/projects/{project.pk}/workshops/initiatives/")
    expect(board.get_by_role("link", name="Byggegrunde ved skolen")).to_be_visible()
    expect(board.locator("main")).to_contain_text("Anne")
    assert re.search(r"/initiatives/$", board.url)
