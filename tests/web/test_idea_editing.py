"""An idea is changed by its author in W2 and by the facilitator at any time; a withdrawn idea
leaves the scoring and the board, and stays listed for the facilitator as withdrawn."""

from __future__ import annotations

from django.urls import reverse

from samskab.ideas import actions
from samskab.ideas.models import Idea
from samskab.ideas.results import results_for
from samskab.workshops.models import Theme

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)


def _own_idea(project, author) -> Idea:
    return Idea.objects.create(
        project=project, title="Legeplads", theme=Theme.VILLAGE_COOPERATION, author=author
    )


def _edit(client, project, idea, **changes):
    data = {"title": idea.title, "description": "", "theme": idea.theme, **changes}
    return client.post(reverse("ideas:edit", args=[project.pk, idea.pk]), data)


def test_the_author_changes_their_idea_in_w2(client_for, project, participant):
    activate(project, 2)
    idea = _own_idea(project, participant)
    hoven = project.villages.get()
    response = _edit(client_for(participant), project, idea, title="Ny legeplads",
                     villages=[hoven.pk])  # fmt: skip
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Ny legeplads" and list(idea.villages.all()) == [hoven]


def test_the_author_cannot_change_their_idea_once_scoring_starts(client_for, project, participant):
    activate(project, 3)
    idea = _own_idea(project, participant)
    assert _edit(client_for(participant), project, idea, title="Sent").status_code == 403


def test_another_member_cannot_change_the_idea(client_for, project, participant, expert):
    activate(project, 2)
    idea = _own_idea(project, participant)
    assert _edit(client_for(expert), project, idea, title="Kapret").status_code == 403
    idea.refresh_from_db()
    assert idea.title == "Legeplads"


def test_the_facilitator_changes_any_idea_in_any_phase(client_for, project, facilitator, ideas):
    activate(project, 4)
    response = _edit(client_for(facilitator), project, ideas[1], title="Velkomstpakke 2.0")
    assert response.status_code == 302
    ideas[1].refresh_from_db()
    assert ideas[1].title == "Velkomstpakke 2.0"


def test_a_changed_idea_without_a_title_names_the_field(client_for, project, facilitator, ideas):
    response = _edit(client_for(facilitator), project, ideas[0], title="")
    assert response.status_code == 200 and 'id="id_title_error"' in response.content.decode()


def test_a_withdrawn_idea_leaves_the_board_and_the_score_sheet(
    client_for, project, facilitator, participant, ideas
):
    activate(project, 3)
    actions.do_record_scores(project, participant, {ideas[0].pk: (5, 5, 5)}, entered_by=participant)
    url = reverse("ideas:withdraw", args=[project.pk, ideas[0].pk])
    assert client_for(facilitator).post(url, {"withdrawn": "1"}).status_code == 302
    assert [r.idea.title for r in results_for(project).results] == [
        "Fællesspisning", "Velkomstpakke",
    ]  # fmt: skip
    sheet = client_for(participant).get(reverse("ideas:score", args=[project.pk]))
    assert "Byggegrunde" not in sheet.content.decode()
    refused = client_for(participant).post(reverse("ideas:score", args=[project.pk]), {
        f"idea-{ideas[0].pk}-difference": 1, f"idea-{ideas[0].pk}-manageable": 1,
        f"idea-{ideas[0].pk}-desire": 1,
    })  # fmt: skip
    assert refused.status_code == 400


def test_a_withdrawn_idea_is_listed_for_the_facilitator_only(
    client_for, project, facilitator, participant, ideas
):
    actions.do_set_withdrawn(ideas[0], withdrawn=True)
    url = reverse("ideas:list", args=[project.pk])
    facilitators = client_for(facilitator).get(url).content.decode()
    assert 'Byggegrunde</a> <span class="tag">Trukket tilbage</span>' in facilitators
    assert "Byggegrunde" not in client_for(participant).get(url).content.decode()


def test_a_put_back_idea_counts_its_scores_again(project, participant, ideas):
    activate(project, 3)
    actions.do_record_scores(project, participant, {ideas[0].pk: (5, 5, 5)}, entered_by=participant)
    actions.do_set_withdrawn(ideas[0], withdrawn=True)
    actions.do_set_withdrawn(ideas[0], withdrawn=False)
    first = results_for(project).results[0]
    assert (first.idea.title, first.total) == ("Byggegrunde", 15)


def test_the_author_withdraws_their_idea_in_w2(client_for, project, participant):
    activate(project, 2)
    idea = _own_idea(project, participant)
    url = reverse("ideas:withdraw", args=[project.pk, idea.pk])
    assert client_for(participant).post(url, {"withdrawn": "1"}).status_code == 302
    idea.refresh_from_db()
    assert idea.withdrawn


def test_a_withdrawn_idea_gets_no_initiative(client_for, project, facilitator, ideas):
    actions.do_set_withdrawn(ideas[0], withdrawn=True)
    activate(project, 4)
    page = client_for(facilitator).get(reverse("initiatives:create", args=[project.pk]))
    assert ">Byggegrunde<" not in page.content.decode()
