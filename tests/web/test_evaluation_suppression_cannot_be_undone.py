"""No answer count hidden from a participant in a round's summary can be worked out from
everything the participant is shown: the counts per question, the answers of every role and
village with their means and shares (mean × answers is a sum of answers), and how many answered."""

from __future__ import annotations

import numpy as np
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samskab.evaluation.models import EvaluationRound, Response
from samskab.projects.models import Membership, Project, Role, Village
from tests.common.recovery import recovered
from tests.web.downloads import csv_rows

from .evaluation_fixtures import answer, answered_round_fixture, open_round  # noqa: F401

# The groups: (role, village) as the CSV names them; each answered alike in both partitions.
GROUPS = (("Deltager", "Hoven"), ("Landsbyrepræsentant", "Vester"), ("Ekspert", "Ingen landsby"))
SCALE_CODES = ("1", "2", "3", "4", "5")
AGAIN_CODES = ("yes", "no", "unsure")
QUESTION_CODES = (SCALE_CODES,) * 4 + (AGAIN_CODES,)  # the CSV's questions, in order
# Sixteen answers, every group of five or more: (role, village, 1–5 on every scale question,
# again). What worked: one 1, no 2, five each of 3, 4 and 5; again: 3 yes, 7 no, 6 unsure.
WHOLE_GROUPS = (
    *[(Role.PARTICIPANT, "Hoven", scale, again) for scale, again in (
        (4, "yes"), (4, "no"), (4, "no"), (4, "no"), (4, "unsure"), (5, "unsure"))],
    *[(Role.VILLAGE_REPRESENTATIVE, "Vester", 3, again)
      for again in ("yes", "no", "no", "unsure", "unsure")],
    *[(Role.EXPERT, None, scale, again) for scale, again in (
        (1, "yes"), (5, "no"), (5, "no"), (5, "unsure"), (5, "unsure"))],
)  # fmt: skip


@pytest.fixture(name="whole_groups")
def whole_groups_fixture(project: Project, facilitator: User) -> EvaluationRound:
    """A round answered as WHOLE_GROUPS: no group is small, one answer of a question is."""
    villages = {"Hoven": project.villages.get(name="Hoven"),
                "Vester": Village.objects.create(project=project, name="Vester")}  # fmt: skip
    people = []
    for number, (role, village, _scale, _again) in enumerate(WHOLE_GROUPS):
        person = User.objects.create_user(username=f"whole{number}")
        Membership.objects.create(project=project, user=person, role=role,
                                  village=villages.get(village or ""))  # fmt: skip
        people.append(person)
    evaluation = open_round(project, facilitator)
    for person, (_role, _village, scale, again) in zip(people, WHOLE_GROUPS, strict=True):
        answer(Response.objects.get(round=evaluation, member=person), scale, again)
    return evaluation


def is_hidden(value: str) -> bool:
    return value == ".." or value.startswith("<")


class Answers:
    """The unknowns: how many of a group gave answer `code` to question `number`."""

    def __init__(self) -> None:
        self.position = {
            (group, number, code): n
            for n, (group, (number, code)) in enumerate(
                (g, (q, c)) for g in range(len(GROUPS))
                for q, codes in enumerate(QUESTION_CODES) for c in codes
            )
        }  # fmt: skip

    def form(self, groups, number: int, codes=None, *, by_code: bool = False) -> np.ndarray:
        """Return the sum over `groups` of the answers `codes` (None: all) to the question,
        each weighted by its code when `by_code` (a mean's numerator)."""
        form = np.zeros(len(self.position))
        for (group, question, code), n in self.position.items():
            if group in groups and question == number and (codes is None or code in codes):
                form[n] = float(code) if by_code else 1.0
        return form


def _summary_csv(client, evaluation: EvaluationRound) -> list[list[str]]:
    address = reverse("evaluation:summary_csv", args=[evaluation.project_id, evaluation.pk])
    return csv_rows(client.get(address))


def _equations(rows: list[list[str]]):
    """Return what the summary shows as equations over Answers, and its hidden counts."""
    answers, everyone = Answers(), range(len(GROUPS))
    shown, hidden = [], {}
    counts = rows[1 : rows.index([])]
    codes = [(q, c) for q, choices in enumerate(QUESTION_CODES) for c in choices]
    for (number, code), (_question, label, count) in zip(codes, counts, strict=True):
        form = answers.form(everyone, number, {code})
        if is_hidden(count):
            hidden[f"{number} {label}"] = form
        else:
            shown.append(form)
    for number in range(len(QUESTION_CODES)):  # "answered of asked": every question's total
        shown.append(answers.form(everyone, number))
    groups = rows[rows.index([]) + 2 :]
    for kind, name, size, *values in groups:
        group = {next(n for n, g in enumerate(GROUPS) if name == g[kind == "Landsby"])}
        if is_hidden(size):
            hidden[f"{kind} {name}"] = answers.form(group, 0)
            continue
        for number in range(len(QUESTION_CODES)):
            shown.append(answers.form(group, number))
        for number, value in enumerate(values):
            if value and not is_hidden(value):  # a mean's numerator, the yes of a share
                yes = number == len(values) - 1
                shown.append(answers.form(group, number, {"yes"} if yes else None,
                                          by_code=not yes))  # fmt: skip
    return shown, hidden


def _answered(client, evaluation: EvaluationRound) -> int:
    address = reverse("evaluation:summary", args=[evaluation.project_id, evaluation.pk])
    page = client.get(address).content.decode()
    return 16 if "16 af" in page else 0


def test_no_hidden_answer_count_can_be_worked_out_when_every_group_is_shown(
    client_for, participant, whole_groups
):
    client = client_for(participant)
    rows = _summary_csv(client, whole_groups)
    assert _answered(client, whole_groups) == 16
    shown, hidden = _equations(rows)
    assert "0 1 – Meget dårligt" in hidden and "4 Ja" in hidden
    assert recovered(shown, hidden) == []


def test_no_hidden_answer_count_of_the_thirteen_answers_can_be_worked_out(
    client_for, participant, answered_round
):
    client = client_for(participant)
    rows = _summary_csv(client, answered_round)
    shown, hidden = _equations(rows)
    assert "Rolle Ekspert" in hidden
    assert recovered(shown, hidden) == []


def test_the_facilitator_still_gets_every_group_mean(client_for, facilitator, whole_groups):
    rows = _summary_csv(client_for(facilitator), whole_groups)  # in Danish: decimal commas
    groups = rows[rows.index([]) + 2 :]
    assert groups == [
        ["Rolle", "Deltager", "6", "4,17", "4,17", "4,17", "4,17", "16,7"],
        ["Rolle", "Ekspert", "5", "4,2", "4,2", "4,2", "4,2", "20,0"],
        ["Rolle", "Landsbyrepræsentant", "5", "3,0", "3,0", "3,0", "3,0", "20,0"],
        ["Landsby", "Hoven", "6", "4,17", "4,17", "4,17", "4,17", "16,7"],
        ["Landsby", "Ingen landsby", "5", "4,2", "4,2", "4,2", "4,2", "20,0"],
        ["Landsby", "Vester", "5", "3,0", "3,0", "3,0", "3,0", "20,0"],
    ]


def test_a_participant_gets_no_mean_of_a_question_that_hides_a_count_when_every_group_shows(
    client_for, participant, whole_groups
):
    client = client_for(participant)
    rows = _summary_csv(client, whole_groups)
    groups = rows[rows.index([]) + 2 :]
    assert [row[:3] for row in groups] == [
        ["Rolle", "Deltager", "6"], ["Rolle", "Ekspert", "5"],
        ["Rolle", "Landsbyrepræsentant", "5"], ["Landsby", "Hoven", "6"],
        ["Landsby", "Ingen landsby", "5"], ["Landsby", "Vester", "5"],
    ]  # fmt: skip
    assert all(row[3:] == [".."] * 5 for row in groups)
    address = reverse("evaluation:summary", args=[whole_groups.project_id, whole_groups.pk])
    summary = client.get(address).context["summary"]
    assert {(g.group, *g.scale_means, g.share_yes) for g in summary.by_role + summary.by_village} == {
        (name, "..", "..", "..", "..", "..") for name in
        ("Deltager", "Ekspert", "Landsbyrepræsentant", "Hoven", "Ingen landsby", "Vester")
    }  # fmt: skip
