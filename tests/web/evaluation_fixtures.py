"""Shared set-up for the evaluation tests: a round opened on a frozen day, and a round with
thirteen hand-made answers from three roles in two villages and none."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from samskab.evaluation.actions import do_answer, do_open_round
from samskab.evaluation.models import EvaluationRound, Response
from samskab.projects.models import Membership, Project, Role, Village

OPENED = datetime.date(2026, 3, 2)
CLOSES = datetime.date(2026, 3, 23)

# (role, village, answers: what worked, villages, municipality, expectations, again, comment)
ANSWERS = (
    *[(Role.PARTICIPANT, "Hoven", *row) for row in (
        (4, "yes", ""), (4, "yes", ""), (5, "yes", "Godt samarbejde"), (5, "yes", ""),
        (3, "no", ""), (4, "unsure", ""))],
    *[(Role.VILLAGE_REPRESENTATIVE, "Vester", *row) for row in (
        (2, "no", ""), (3, "yes", ""), (3, "yes", "Mere tid til W2"), (4, "yes", ""),
        (3, "unsure", ""))],
    (Role.EXPERT, None, 1, "no", ""),
    (Role.EXPERT, None, 5, "yes", ""),
)  # fmt: skip


@pytest.fixture(name="on_day")
def on_day_fixture(monkeypatch) -> Callable[[datetime.date], None]:
    """Return a function that makes the evaluation pages take `day` for today (at first, three
    days after the round opened)."""

    def set_day(day: datetime.date) -> None:
        monkeypatch.setattr("samskab.evaluation.views._today", lambda: day)

    set_day(OPENED + datetime.timedelta(days=3))
    return set_day


def open_round(project: Project, by: User | None = None) -> EvaluationRound:
    return do_open_round(project, EvaluationRound.Stage.AFTER_W4, CLOSES, by=by, today=OPENED)


def answer(response: Response, scale: int, again: str, comment: str = "") -> None:
    """Answer every 1–5 question with `scale`."""
    answers = {"what_worked": scale, "villages_cooperation": scale,
               "municipality_cooperation": scale, "expectations_met": scale,
               "again": again, "comment": comment}  # fmt: skip
    do_answer(response, answers, today=OPENED)


@pytest.fixture(name="answered_round")
def answered_round_fixture(project, facilitator) -> EvaluationRound:
    """The facilitator's round after W4, asked of the facilitator and the thirteen members of
    ANSWERS, who have all answered (the facilitator has not)."""
    vester = Village.objects.create(project=project, name="Vester")
    villages = {"Hoven": project.villages.get(name="Hoven"), "Vester": vester}
    people = []
    for number, (role, village, *_answers) in enumerate(ANSWERS):
        person = User.objects.create_user(
            username=f"member{number}", email=f"m{number}@example.org"
        )
        Membership.objects.create(project=project, user=person, role=role,
                                  village=villages.get(village or ""))  # fmt: skip
        people.append(person)
    evaluation = open_round(project, facilitator)
    for person, (_role, _village, scale, again, comment) in zip(people, ANSWERS, strict=True):
        answer(Response.objects.get(round=evaluation, member=person), scale, again, comment)
    return evaluation
