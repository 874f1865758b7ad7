"""The results board on a village hall's projector (1024 × 768): the whole screen without the
app's header, large type, every column in sight, and many ideas shown a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from samskab.ideas.actions import do_record_scores
from samskab.ideas.models import Idea
from samskab.projects.models import Project
from samskab.workshops import actions
from samskab.workshops.models import Theme, Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PROJECTOR = {"width": 1024, "height": 768}


def _board(
    page: Any, log_in: Callable[[Any, User], None], project: Project, user: User, ideas: int
) -> Any:
    """The projector board of a W3 with this many ideas, each scored by the facilitator."""
    actions.ensure_workshops(project)
    actions.do_activate(Workshop.objects.get(project=project, number=3))
    created = [
        Idea.objects.create(project=project, title=f"Idé nummer {n}", theme=Theme.MARKETING)
        for n in range(1, ideas + 1)
    ]
    # Idea 1 scores highest, so the board ranks them 1, 2, 3, …
    scores = {idea.pk: (5, 5, 5) if n == 0 else (3, 3, 4) for n, idea in enumerate(created)}
    do_record_scores(project, user, scores, entered_by=user)
    page.set_viewport_size(PROJECTOR)
    log_in(page, user)
    page.clock.install()
    page.goto(f"/projects/{project.pk}/workshops/results/?screen=1")
    return page


def _shown_titles(page: Any) -> list[str]:
    return page.locator(".ranking tbody th:visible").evaluate_all(
        "cells => cells.map((cell) => cell.firstChild.textContent.trim())"
    )


def test_the_board_fills_the_screen_without_the_apps_header(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User
) -> None:
    board = _board(page, log_in, project, facilitator, ideas=2)
    expect(board.get_by_role("heading", level=1)).to_have_text("Bosætning i Vest: Resultater")
    expect(board.locator(".site-header")).to_have_count(0)
    expect(board.locator(".project-nav")).to_have_count(0)
    expect(board.get_by_role("link", name="Forlad projektorvisningen")).to_be_visible()


def test_the_type_is_large_and_every_column_is_in_sight(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User
) -> None:
    board = _board(page, log_in, project, facilitator, ideas=2)
    title = board.locator(".ranking tbody th").first
    assert float(title.evaluate("cell => parseFloat(getComputedStyle(cell).fontSize)")) >= 22
    headers = board.locator(".ranking thead th")
    expect(headers).to_have_count(10)
    for header in headers.all():
        expect(header).to_be_in_viewport(ratio=1)
    frame = board.locator(".table-wrap")
    assert frame.evaluate("frame => frame.scrollWidth <= frame.clientWidth")


def test_many_ideas_are_shown_a_page_at_a_time(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User
) -> None:
    board = _board(page, log_in, project, facilitator, ideas=24)
    status = board.locator(".board-pages")
    expect(status).to_contain_text("Side 1 af")
    first_page = _shown_titles(board)
    assert first_page[0] == "Idé nummer 1" and 3 <= len(first_page) < 24
    for row in board.locator(".ranking tbody tr:visible").all():
        expect(row).to_be_in_viewport(ratio=1)
    board.keyboard.press("ArrowRight")
    expect(status).to_contain_text("Side 2 af")
    second_page = _shown_titles(board)
    assert second_page and not set(second_page) & set(first_page)
    board.keyboard.press("ArrowLeft")
    expect(status).to_contain_text("Side 1 af")


def test_the_pages_turn_by_themselves_until_paused(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User
) -> None:
    board = _board(page, log_in, project, facilitator, ideas=24)
    status = board.locator(".board-pages")
    expect(status).to_contain_text("Side 1 af")
    board.clock.run_for(16_000)
    expect(status).to_contain_text("Side 2 af")
    board.get_by_role("button", name="Pause").click()
    board.clock.run_for(32_000)
    expect(status).to_contain_text("Side 2 af")
