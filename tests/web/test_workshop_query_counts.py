"""The pages a workshop of hundreds hits hardest make a fixed number of queries: the score
sheet (shown and posted), the results board and its poll, with and without a change.

Each count is the same for a small and a larger workshop (more ideas, more villages, more
people who scored), so a query per idea or per person cannot creep in unnoticed. Every page
starts with the same five: the session, the user, their profile (the interface language),
the membership with its project and the project's workshop settings, and the active workshop.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samskab.ideas import actions
from samskab.ideas.models import Idea
from samskab.projects.models import Membership, Project, Role, Village
from samskab.workshops.models import Theme

from .workshops_fixtures import activate

# (ideas, villages, other participants who have scored every idea)
SIZES = {"small": (2, 1, 1), "larger": (9, 4, 7)}


def _workshop(project: Project, ideas: int, villages: int, scorers: int) -> list[Idea]:
    """Put the project in W3 with its ideas, each idea in one of the villages (the first one
    shared by all), and people who have scored every idea."""
    activate(project, 3)
    places = [Village.objects.create(project=project, name=f"By {n}") for n in range(villages)]
    made = [
        Idea.objects.create(project=project, title=f"Idé {n}", theme=Theme.HOUSING_SUPPLY)
        for n in range(ideas)
    ]
    for n, idea in enumerate(made[1:]):
        idea.villages.add(places[n % villages])
    for n in range(scorers):
        person = User.objects.create_user(username=f"scorer{n}")
        Membership.objects.create(project=project, user=person, role=Role.PARTICIPANT)
        scores = {idea.pk: (1 + n % 5, 2, 3) for idea in made}
        actions.do_record_scores(project, person, scores, entered_by=person)
    return made


def _signed_in(user: User, first_page: str) -> Client:
    client = Client()
    client.force_login(user)
    # The first request stamps the session (SessionTimeoutMiddleware); the counted ones don't.
    assert client.get(first_page).status_code == 200
    return client


@pytest.fixture(params=sorted(SIZES))
def workshop(request: pytest.FixtureRequest, project: Project) -> list[Idea]:
    return _workshop(project, *SIZES[request.param])


def test_the_score_sheet_makes_9_queries(project, participant, workshop, django_assert_num_queries):
    # The five, the ideas, the participant's scores, the ideas' villages, the unread count.
    url = reverse("ideas:score", args=[project.pk])
    client = _signed_in(participant, url)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="idea-score card"') == len(workshop)


def test_posting_the_score_sheet_makes_10_queries(
    project, participant, workshop, django_assert_num_queries
):
    # The five, the ideas; in one transaction (2: its start and end) the check that every
    # idea is still scorable and one insert-or-update of the whole sheet.
    url = reverse("ideas:score", args=[project.pk])
    client = _signed_in(participant, url)
    sheet = {f"idea-{i.pk}-{d}": 3 for i in workshop for d in actions.SCORE_FIELDS}
    with django_assert_num_queries(10):
        response = client.post(url, sheet)
    assert response.status_code == 302
    assert participant.scores.count() == len(workshop)


def test_the_results_board_makes_14_queries(
    project, facilitator, workshop, django_assert_num_queries
):
    # The five, the change key (scores, ideas), the villages of the filter, the people who
    # scored, the ideas, their villages, the tallies, the people who can score, the unread
    # count.
    url = reverse("ideas:results", args=[project.pk])
    client = _signed_in(facilitator, url)
    with django_assert_num_queries(14):
        response = client.get(url)
    assert response.content.decode().count('<th scope="row">') == len(workshop)


def test_the_board_poll_makes_7_queries_without_a_change_and_13_with_one(
    project, facilitator, participant, workshop, django_assert_num_queries
):
    url = reverse("ideas:results_live", args=[project.pk])
    client = _signed_in(facilitator, url + "?since=")
    key = re.search(r"\?since=([^&\"]*)", client.get(url + "?since=").content.decode())
    assert key is not None
    # The five and the change key.
    with django_assert_num_queries(7):
        response = client.get(url, {"since": key.group(1)})
    assert response.status_code == 204
    actions.do_record_scores(
        project, participant, {workshop[0].pk: (5, 5, 5)}, entered_by=participant
    )
    # The board's queries without the unread count, which the board itself does not show.
    with django_assert_num_queries(13):
        response = client.get(url, {"since": key.group(1)})
    assert response.status_code == 200
