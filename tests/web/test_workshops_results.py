"""The results board: ranking, means, spread and quick wins by hand; the poll; the exports."""

from __future__ import annotations

import io
import math

import openpyxl
import pytest
from django.urls import reverse

from samskab.ideas import actions
from samskab.ideas.results import Tally, rank_ideas, results_for
from tests.web.downloads import csv_rows

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)


@pytest.fixture
def scored(project, ideas, participant, expert, contact):
    """Byggegrunde: sums 15, 9, 12; Velkomstpakke: sums 6 and 12; Fællesspisning: none."""
    activate(project, 3)
    a, b, _c = ideas
    actions.do_record_scores(
        project, participant, {a.pk: (5, 5, 5), b.pk: (1, 2, 3)}, entered_by=participant
    )
    actions.do_record_scores(project, expert, {a.pk: (3, 3, 3), b.pk: (5, 4, 3)}, entered_by=expert)
    actions.do_record_scores(project, contact, {a.pk: (4, 4, 4)}, entered_by=contact)
    return ideas


def test_the_ranking_sums_means_and_spread_match_a_hand_count(project, scored):
    board = results_for(project)
    first, second, third = board.results
    assert [r.idea.title for r in board.results] == [
        "Byggegrunde",
        "Velkomstpakke",
        "Fællesspisning",
    ]
    assert (first.rank, first.total, first.scorers, first.mean) == (1, 36, 3, 12.0)
    assert first.means == {"difference": 4.0, "manageable": 4.0, "desire": 4.0}
    assert first.spread == pytest.approx(math.sqrt(6))  # sums 15, 9, 12 around 12
    assert first.spreads == pytest.approx(dict.fromkeys(first.means, math.sqrt(2 / 3)))
    assert (second.rank, second.total, second.mean, second.spread) == (2, 18, 9.0, 3.0)
    # answers 1 and 5, 2 and 4, 3 and 3
    assert second.spreads == {"difference": 2.0, "manageable": 1.0, "desire": 0.0}
    assert (third.rank, third.total, third.scorers, third.mean) == (None, 0, 0, None)
    assert (third.spread, third.means, third.spreads) == (None, {}, {})
    assert board.scorers == 3
    assert [r.idea.title for r in board.quick_wins] == ["Byggegrunde"]
    # two of three is under three in four: flagged, and so is the idea nobody scored
    assert [r.few_scorers for r in board.results] == [False, True, True]


def test_equal_means_share_a_rank_the_one_with_more_scorers_first(project, ideas):
    # 12 from one person and 24 from two: both 12 each.
    tallies = {
        ideas[0].pk: Tally(scorers=1, sums=(4, 4, 4), squares=(16, 16, 16), total_squares=144),
        ideas[1].pk: Tally(scorers=2, sums=(8, 8, 8), squares=(32, 32, 32), total_squares=288),
    }
    results = rank_ideas(ideas, tallies, people=2, scale_max=5)
    assert [(r.idea.title, r.rank) for r in results] == [
        ("Velkomstpakke", 1), ("Byggegrunde", 1), ("Fællesspisning", None)
    ]  # fmt: skip


def test_the_board_per_village_and_shared(project, scored):
    hoven = project.villages.get()
    assert [r.idea.title for r in results_for(project, str(hoven.pk)).results] == ["Byggegrunde"]
    shared = results_for(project, "shared").results
    assert [r.idea.title for r in shared] == ["Velkomstpakke", "Fællesspisning"]


def test_the_board_page_polls_every_two_seconds(client_for, project, observer, scored):
    html = client_for(observer).get(reverse("ideas:results", args=[project.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html and "Byggegrunde" in html


def test_the_poll_answers_204_while_nothing_changed_and_the_board_after_a_score(
    client_for, project, observer, participant, scored
):
    client = client_for(observer)
    live = reverse("ideas:results_live", args=[project.pk])
    first = client.get(live)
    key = first.content.decode().split("since=")[1].split('"')[0].split("&")[0]
    unchanged = client.get(live, {"since": key})
    assert (first.status_code, unchanged.status_code, unchanged.content) == (200, 204, b"")
    actions.do_record_scores(
        project, participant, {scored[2].pk: (5, 5, 5)}, entered_by=participant
    )
    changed = client.get(live, {"since": key})
    assert changed.status_code == 200 and 'id="board"' in changed.content.decode()


def test_the_ranking_csv(client_for, project, participant, scored):
    response = client_for(participant).get(reverse("ideas:ranking_csv", args=[project.pk]))
    rows = csv_rows(response)
    assert response["Content-Type"].startswith("text/csv")
    assert rows[1][:2] == ["1", "Byggegrunde"] and rows[1][4:6] == ["12,0", "36"]
    assert rows[1][15] == "2,45"  # the spread of the sums 15, 9, 12
    assert rows[3][:9] == ["", "Fællesspisning", "Samskabelse", "Fælles", "", "0", "0", "0,0", "ja"]


def test_the_scores_csv_has_one_row_per_score(client_for, project, facilitator, scored):
    response = client_for(facilitator).get(reverse("ideas:scores_csv", args=[project.pk]))
    rows = csv_rows(response)
    assert len(rows) == 1 + 5


def test_the_xlsx_has_the_ranking_and_the_scores(client_for, project, contact, scored):
    response = client_for(contact).get(reverse("ideas:results_xlsx", args=[project.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    ranking, scores = book.worksheets
    assert ranking["B2"].value == "Byggegrunde" and ranking["F2"].value == 36
    assert (ranking["E2"].value, ranking["E3"].value) == (12.0, 9.0)
    assert scores.max_row == 1 + 5
