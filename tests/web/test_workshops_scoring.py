"""Scoring: one score per participant and idea, changed in place, and every refusal."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskab.ideas import actions
from samskab.ideas.models import Idea, Score

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)


def sheet(idea, difference=4, manageable=3, desire=5):
    return {
        f"idea-{idea.pk}-difference": difference,
        f"idea-{idea.pk}-manageable": manageable,
        f"idea-{idea.pk}-desire": desire,
    }


def score_url(project):
    return reverse("ideas:score", args=[project.pk])


@pytest.fixture
def w3(project):
    activate(project, 3)


def test_a_participant_scores_every_idea_on_one_page(client_for, project, participant, ideas, w3):
    client = client_for(participant)
    html = client.get(score_url(project)).content.decode()
    assert html.count("<fieldset") == 4 * len(ideas)
    assert '<legend>Byggegrunde <span class="tag tag-unscored">Ikke scoret endnu</span>' in html
    response = client.post(score_url(project), {**sheet(ideas[0]), **sheet(ideas[1], 1, 1, 1)})
    assert response.status_code == 302
    assert Score.objects.filter(participant=participant).count() == 2


def test_a_second_post_changes_the_score_in_place(client_for, project, participant, ideas, w3):
    client = client_for(participant)
    client.post(score_url(project), sheet(ideas[0], 1, 1, 1))
    client.post(score_url(project), sheet(ideas[0], 5, 4, 3))
    score = Score.objects.get()
    assert (score.difference, score.manageable, score.desire) == (5, 4, 3)


def test_a_double_submit_of_the_same_sheet_leaves_one_score(project, participant, ideas, w3):
    # Two requests that both found no score yet: the insert-or-update still leaves one.
    for _ in range(2):
        actions.do_record_scores(
            project, participant, {ideas[0].pk: (2, 3, 4)}, entered_by=participant
        )
    assert Score.objects.count() == 1


def test_the_sheet_shows_the_scores_already_given(client_for, project, participant, ideas, w3):
    actions.do_record_scores(project, participant, {ideas[0].pk: (2, 3, 4)}, entered_by=participant)
    html = client_for(participant).get(score_url(project)).content.decode()
    checked = re.findall(r'name="idea-(\d+)-(\w+)" value="(\d)"[^>]* checked', html)
    assert sorted(checked) == sorted(
        [(str(ideas[0].pk), "difference", "2"), (str(ideas[0].pk), "manageable", "3"),
         (str(ideas[0].pk), "desire", "4")]
    )  # fmt: skip


@pytest.mark.parametrize("value", [0, 6, "x"])
def test_a_score_outside_the_scale_is_refused(client_for, project, participant, ideas, w3, value):
    response = client_for(participant).post(score_url(project), sheet(ideas[0], difference=value))
    assert response.status_code == 400 and "alert-error" in response.content.decode()
    assert not Score.objects.exists()


def test_a_half_answered_idea_is_refused(client_for, project, participant, ideas, w3):
    data = sheet(ideas[0])
    del data[f"idea-{ideas[0].pk}-desire"]
    response = client_for(participant).post(score_url(project), data)
    assert response.status_code == 400 and not Score.objects.exists()


@pytest.mark.parametrize("phase", [1, 2, 4])
def test_scoring_outside_w3_is_refused(client_for, project, participant, ideas, phase):
    activate(project, phase)
    response = client_for(participant).post(score_url(project), sheet(ideas[0]))
    assert response.status_code == 403 and not Score.objects.exists()


def test_scoring_an_idea_of_another_project_is_refused(
    client_for, project, participant, ideas, outsider, w3
):
    other = Idea.objects.create(
        project=outsider.memberships.get().project, title="Fremmed", theme="marketing"
    )
    response = client_for(participant).post(score_url(project), {**sheet(ideas[0]), **sheet(other)})
    assert response.status_code == 400 and not Score.objects.exists()
    with pytest.raises(ValidationError):
        actions.do_record_scores(
            project, participant, {other.pk: (1, 1, 1)}, entered_by=participant
        )


def test_a_forged_participant_field_is_refused(client_for, project, participant, expert, ideas, w3):
    data = {**sheet(ideas[0]), "participant": expert.pk}
    response = client_for(participant).post(score_url(project), data)
    assert response.status_code == 403 and not Score.objects.exists()


def test_a_participant_cannot_type_in_another_persons_sheet(
    client_for, project, participant, expert, ideas, w3
):
    url = reverse("ideas:paper_sheet", args=[project.pk, expert.pk])
    response = client_for(participant).post(url, sheet(ideas[0]))
    assert response.status_code == 403 and not Score.objects.exists()


def test_the_facilitator_types_in_a_paper_sheet_for_a_named_participant(
    client_for, project, facilitator, participant, ideas
):
    activate(project, 4)  # paper sheets may be typed in after the workshop, too
    url = reverse("ideas:paper_sheet", args=[project.pk, participant.pk])
    response = client_for(facilitator).post(url, sheet(ideas[1]))
    score = Score.objects.get()
    assert response.status_code == 302
    assert (score.participant, score.entered_by) == (participant, facilitator)


def test_a_paper_sheet_for_an_observer_or_outsider_is_refused(
    client_for, project, facilitator, observer, outsider, ideas
):
    client = client_for(facilitator)
    observed = client.get(reverse("ideas:paper_sheet", args=[project.pk, observer.pk]))
    stranger = client.get(reverse("ideas:paper_sheet", args=[project.pk, outsider.pk]))
    assert (observed.status_code, stranger.status_code) == (403, 404)
