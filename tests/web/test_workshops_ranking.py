"""The fair ranking: by mean total per scorer, with coverage, the fewer-scorers flag and the
disagreement per question, on the issue's example counted by hand; the same figures in the
CSV and XLSX; and a board whose queries do not grow with the ideas."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from samskab.ideas import actions
from samskab.ideas.models import Idea
from samskab.ideas.results import Tally, enough_scorers, rank_ideas, results_for
from samskab.projects.models import Membership, Role
from samskab.workshops.models import Theme
from tests.web.downloads import csv_rows

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)

# Six people; the sixth handed in a partial paper sheet with Byggegrunde only.
#   Velkomstpakke:  12 + 11 + 12 + 11 + 11 = 57 from 5 people, 11.4 each
#   Byggegrunde:     9 + 10 + 10 + 10 +  9 + 11 = 59 from 6 people, 9.83 each
#   Fællesspisning: 10 + 10 + 10 + 10 = 40 from 4 people, 10.0 each: the room agrees on the
#                   total and splits on "Er det håndterbart for os?" (1, 5, 1, 5)
SHEETS = [
    {"Velkomstpakke": (4, 4, 4), "Byggegrunde": (3, 3, 3), "Fællesspisning": (5, 1, 4)},
    {"Velkomstpakke": (4, 4, 3), "Byggegrunde": (4, 3, 3), "Fællesspisning": (3, 5, 2)},
    {"Velkomstpakke": (5, 3, 4), "Byggegrunde": (3, 3, 4), "Fællesspisning": (4, 1, 5)},
    {"Velkomstpakke": (3, 4, 4), "Byggegrunde": (3, 4, 3), "Fællesspisning": (3, 5, 2)},
    {"Velkomstpakke": (4, 3, 4), "Byggegrunde": (3, 3, 3)},
    {"Byggegrunde": (4, 4, 3)},
]


@pytest.fixture
def room(project, ideas, facilitator):
    """The six sheets above, typed in by the facilitator (workshop 3 active)."""
    activate(project, 3)
    by_title = {idea.title: idea for idea in ideas}
    for number, sheet in enumerate(SHEETS, start=1):
        person = User.objects.create_user(username=f"scorer{number}")
        Membership.objects.create(project=project, user=person, role=Role.PARTICIPANT)
        scores = {by_title[title].pk: triple for title, triple in sheet.items()}
        actions.do_record_scores(project, person, scores, entered_by=facilitator)
    return by_title


def test_57_points_from_5_people_rank_above_59_from_6(project, room):
    board = results_for(project)
    assert [(r.rank, r.idea.title, r.total, r.scorers) for r in board.results] == [
        (1, "Velkomstpakke", 57, 5),
        (2, "Fællesspisning", 40, 4),
        (3, "Byggegrunde", 59, 6),
    ]
    welcome, meals, plots = board.results
    assert welcome.mean == pytest.approx(11.4)
    assert meals.mean == pytest.approx(10.0)
    assert plots.mean == pytest.approx(59 / 6)  # 9.83


def test_coverage_and_the_fewer_scorers_flag(project, room):
    board = results_for(project)
    assert (board.scorers, board.enough_scorers) == (6, 5)  # three in four of 6, rounded up
    welcome, meals, plots = board.results
    assert [r.coverage for r in board.results] == pytest.approx([5 / 6, 4 / 6, 1.0])
    assert (welcome.few_scorers, meals.few_scorers, plots.few_scorers) == (False, True, False)


def test_the_disagreement_per_question_beside_the_spread_of_the_sums(project, room):
    welcome, meals, plots = results_for(project).results
    # Velkomstpakke: answers 4,4,5,3,4 / 4,4,3,4,3 / 4,3,4,4,4; totals 12,11,12,11,11
    assert welcome.means == pytest.approx({"difference": 4.0, "manageable": 3.6, "desire": 3.8})
    assert welcome.spreads == pytest.approx(
        {"difference": 0.4**0.5, "manageable": 0.24**0.5, "desire": 0.4}
    )
    assert welcome.spread == pytest.approx(0.24**0.5)
    # Fællesspisning: answers 5,3,4,3 / 1,5,1,5 / 4,2,5,2; totals all 10
    assert meals.spreads == pytest.approx(
        {"difference": 0.6875**0.5, "manageable": 2.0, "desire": 1.6875**0.5}
    )
    assert meals.spread == 0.0
    assert meals.most_split == ("Er det håndterbart for os?", 2.0)
    # Byggegrunde: answers 3,4,3,3,3,4 / 3,3,3,4,3,4 / 3,3,4,3,3,3
    assert plots.spreads == pytest.approx(
        {"difference": (2 / 9) ** 0.5, "manageable": (2 / 9) ** 0.5, "desire": (5 / 36) ** 0.5}
    )


def test_the_room_disagrees_most_where_one_question_splits_it(project, room):
    disputed = results_for(project).most_disputed
    assert [r.idea.title for r in disputed] == ["Fællesspisning", "Velkomstpakke", "Byggegrunde"]


def test_the_board_states_the_rule_and_shows_every_figure(client_for, project, observer, room):
    response = client_for(observer).get(reverse("ideas:results", args=[project.pk]))
    html = response.content.decode()
    assert "Rangeret efter gennemsnittet pr. person" in html
    assert "færre end 5 af de 6, der har givet point, har givet idéen point" in html
    assert html.count("⚠ færre har givet point") == 2  # the rule and Fællesspisning
    for header in ("Gennemsnit pr. person", "Sum", "Point fra", "Dækning", "Spredning af summerne"):
        assert f'<th scope="col" class="num">{header}</th>' in html
    for heading, question in (("Gør en forskel", "Gør det en forskel?"),
                              ("Håndterbart", "Er det håndterbart for os?"),
                              ("Lyst", "Har vi lyst til det?")):  # fmt: skip
        assert f'<th scope="col" class="num"><abbr title="{question}">{heading}</abbr></th>' in html
    cells = re.findall(
        r'<td class="num[^"]*">(.*?)(?:<svg class="bar"|</td>)', _row(html, "Velkomstpakke")
    )
    assert cells == [
        "1", "11,4", "57", "5", "83 %", '4,0<span class="sd">±0,6</span>',
        '3,6<span class="sd">±0,5</span>', '3,8<span class="sd">±0,4</span>', "±0,5",
    ]  # fmt: skip
    assert "mest uenige om “Er det håndterbart for os?” (±2,0); summerne ±0,0" in html


def _row(html: str, title: str) -> str:
    start = html.index(f'<th scope="row">{title}')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_the_ranking_csv_has_the_boards_figures(client_for, project, participant, room):
    response = client_for(participant).get(reverse("ideas:ranking_csv", args=[project.pk]))
    rows = csv_rows(response)  # in Danish: `;` and decimal commas
    assert rows[0] == [
        "Nr.", "Idé", "Tema", "Landsbyer", "Gennemsnit pr. person", "Sum",
        "Antal, der har givet point", "Dækning (%)", "Færre har givet point",
        "Gennemsnit: Gør det en forskel?", "Spredning: Gør det en forskel?",
        "Gennemsnit: Er det håndterbart for os?", "Spredning: Er det håndterbart for os?",
        "Gennemsnit: Har vi lyst til det?", "Spredning: Har vi lyst til det?",
        "Spredning af summerne", "Hurtig gevinst",
    ]  # fmt: skip
    assert rows[1:] == [
        ["1", "Velkomstpakke", "Markedsføring", "Fælles", "11,4", "57", "5", "83,3", "",
         "4,0", "0,63", "3,6", "0,49", "3,8", "0,4", "0,49", ""],
        ["2", "Fællesspisning", "Samskabelse", "Fælles", "10,0", "40", "4", "66,7", "ja",
         "3,75", "0,83", "3,0", "2,0", "3,25", "1,3", "0,0", ""],
        ["3", "Byggegrunde", "Boligudbud", "Hoven", "9,83", "59", "6", "100,0", "",
         "3,33", "0,47", "3,33", "0,47", "3,17", "0,37", "0,69", ""],
    ]  # fmt: skip


def test_the_xlsx_ranking_has_the_same_figures_as_numbers(client_for, project, contact, room):
    response = client_for(contact).get(reverse("ideas:results_xlsx", args=[project.pk]))
    ranking = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[cell.value for cell in row] for row in ranking.iter_rows(min_row=2)]
    assert values[0] == [
        1, "Velkomstpakke", "Markedsføring", "Fælles", 11.4, 57, 5, 83.3, None,
        4.0, 0.63, 3.6, 0.49, 3.8, 0.4, 0.49, None,
    ]  # fmt: skip
    assert [row[:9] for row in values[1:]] == [
        [2, "Fællesspisning", "Samskabelse", "Fælles", 10.0, 40, 4, 66.7, "ja"],
        [3, "Byggegrunde", "Boligudbud", "Hoven", 9.83, 59, 6, 100.0, None],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("people", "needed"),
    [(0, 0), (1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (6, 5), (8, 6), (10, 8), (40, 30)],
)
def test_clearly_fewer_means_under_three_in_four_of_the_people_who_scored(people, needed):
    assert enough_scorers(people) == needed


def _tally(triples: list[tuple[int, int, int]]) -> Tally:
    return Tally(
        scorers=len(triples),
        sums=tuple(sum(t[i] for t in triples) for i in range(3)),
        squares=tuple(sum(t[i] ** 2 for t in triples) for i in range(3)),
        total_squares=sum(sum(t) ** 2 for t in triples),
    )


_ANSWER = st.integers(min_value=1, max_value=5)


@given(
    st.integers(min_value=1, max_value=6).flatmap(
        lambda people: st.lists(
            st.lists(st.tuples(_ANSWER, _ANSWER, _ANSWER), min_size=people, max_size=people),
            min_size=1,
            max_size=8,
        )
    )
)
def test_when_everyone_scored_every_idea_the_ranks_are_the_handbooks_ranks_by_sum(sheets):
    ideas = [Idea(pk=i, title=f"Idé {i}", theme=Theme.MARKETING) for i in range(len(sheets))]
    tallies = {i: _tally(triples) for i, triples in enumerate(sheets)}
    people = len(sheets[0])
    ranked = rank_ideas(ideas, tallies, people=people, scale_max=5)
    sums = {i: sum(map(sum, triples)) for i, triples in enumerate(sheets)}
    # The handbook: rank 1 + how many ideas have a strictly higher sum (ties share a rank).
    expected = {i: 1 + sum(other > s for other in sums.values()) for i, s in sums.items()}
    assert {r.idea.pk: r.rank for r in ranked} == expected
    assert not any(r.few_scorers for r in ranked)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_boards_poll_costs_the_same_queries_for_3_ideas_as_for_30(
    client_for, project, observer, room
):
    client = client_for(observer)
    live = reverse("ideas:results_live", args=[project.pk])
    client.get(live)  # the first request also refreshes the session's expiry
    few = _queries(client, live)
    scorer = User.objects.get(username="scorer1")
    for number in range(27):
        idea = Idea.objects.create(project=project, title=f"Idé {number}", theme=Theme.MARKETING)
        actions.do_record_scores(project, scorer, {idea.pk: (3, 3, 3)}, entered_by=scorer)
    assert len(results_for(project).results) == 30
    assert _queries(client, live) == few
