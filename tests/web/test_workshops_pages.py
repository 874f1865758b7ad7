"""The workshop pages for every persona: who gets which page, and the outsider nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.ideas.models import Idea, IdeaComment
from samskab.projects.models import Role
from samskab.workshops.models import Workshop

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)

PERSONAS = {
    "facilitator": Role.FACILITATOR,
    "contact": Role.CONTACT,
    "village_representative": Role.VILLAGE_REPRESENTATIVE,
    "participant": Role.PARTICIPANT,
    "expert": Role.EXPERT,
    "observer": Role.OBSERVER,
}
# (URL name, extra arguments, roles that get 200 while W3 is active; None: everyone)
GETS = [
    ("workshops:overview", [], None),
    ("ideas:list", [], None),
    ("ideas:detail", ["idea"], None),
    ("ideas:results", [], None),
    ("ideas:results_live", [], None),
    ("ideas:ranking_csv", [], None),
    ("workshops:edit", [2], {Role.FACILITATOR}),
    ("ideas:add", [], {Role.FACILITATOR}),
    ("ideas:paper", [], {Role.FACILITATOR}),
    ("ideas:scores_csv", [], {Role.FACILITATOR, Role.CONTACT}),
    ("ideas:results_xlsx", [], {Role.FACILITATOR, Role.CONTACT}),
    ("ideas:score", [], set(PERSONAS.values()) - {Role.OBSERVER}),
]


def url(name, project, args, ideas):
    return reverse(name, args=[project.pk, *[ideas[0].pk if a == "idea" else a for a in args]])


@pytest.mark.parametrize(("name", "args", "roles"), GETS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_the_pages_its_rules_allow_in_w3(
    request, client_for, project, ideas, name, args, roles, persona
):
    activate(project, 3)
    user = request.getfixturevalue(persona)
    response = client_for(user).get(url(name, project, args, ideas))
    allowed = roles is None or PERSONAS[persona] in roles
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(("name", "args", "roles"), GETS)
def test_an_outsider_gets_404_everywhere(client_for, project, ideas, outsider, name, args, roles):
    activate(project, 3)
    assert client_for(outsider).get(url(name, project, args, ideas)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client_for, project):
    response = client_for(None).get(reverse("workshops:overview", args=[project.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_facilitator_switches_the_active_workshop(client_for, project, facilitator):
    client = client_for(facilitator)
    client.post(reverse("workshops:activate", args=[project.pk, 2]))
    client.post(reverse("workshops:activate", args=[project.pk, 3]))
    assert list(Workshop.objects.filter(project=project, active=True).values_list("number")) == [
        (3,)
    ]


def test_a_participant_cannot_switch_the_phase(client_for, project, participant):
    response = client_for(participant).post(reverse("workshops:activate", args=[project.pk, 3]))
    assert response.status_code == 403
    assert not Workshop.objects.filter(project=project, active=True).exists()


def test_the_facilitator_ticks_a_checklist_point_with_htmx(client_for, project, facilitator):
    client = client_for(facilitator)
    html = client.get(reverse("workshops:overview", args=[project.pk])).content.decode()
    assert "Alle landsbyforeninger" in html or "village association" in html
    point = Workshop.objects.get(project=project, number=1).attention_points.first()
    response = client.post(
        reverse("workshops:set_point", args=[project.pk, point.pk]), {"done": "1"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    point.refresh_from_db()
    assert (
        response.status_code == 200
        and point.done
        and 'aria-pressed="true"' in str(response.content)
    )


def test_a_participant_adds_an_idea_in_w2_for_a_village(client_for, project, participant):
    activate(project, 2)
    hoven = project.villages.get()
    response = client_for(participant).post(
        reverse("ideas:add", args=[project.pk]),
        {"title": "Cykelsti", "theme": "village_cooperation", "villages": [hoven.pk]},
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Cykelsti")
    assert idea.author == participant and list(idea.villages.all()) == [hoven]


def test_an_observer_cannot_add_an_idea_even_in_w2(client_for, project, observer):
    activate(project, 2)
    response = client_for(observer).post(
        reverse("ideas:add", args=[project.pk]), {"title": "X", "theme": "marketing"}
    )
    assert response.status_code == 403 and not Idea.objects.exists()


def test_the_ideas_list_filters_by_village_and_theme(client_for, project, participant, ideas):
    client = client_for(participant)
    base = reverse("ideas:list", args=[project.pk])
    hoven = project.villages.get()
    by_village = client.get(base, {"village": hoven.pk}).content.decode()
    assert "Byggegrunde" in by_village and "Velkomstpakke" not in by_village
    shared = client.get(base, {"village": "shared", "theme": "marketing"}, HTTP_HX_REQUEST="true")
    html = shared.content.decode()
    assert "Velkomstpakke" in html and "Fællesspisning" not in html and "<nav" not in html


def test_the_facilitator_merges_a_duplicate_and_comments(client_for, project, facilitator, ideas):
    client = client_for(facilitator)
    duplicate, target = ideas[0], ideas[1]
    client.post(reverse("ideas:merge", args=[project.pk, duplicate.pk]), {"target": target.pk})
    client.post(reverse("ideas:comment", args=[project.pk, target.pk]), {"text": "Godt"})
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target
    assert list(target.villages.all()) == list(project.villages.all())
    assert IdeaComment.objects.get().text == "Godt"
    listing = client.get(reverse("ideas:list", args=[project.pk])).content.decode()
    assert "Byggegrunde" not in listing


def test_merging_into_an_idea_of_another_project_is_refused(
    client_for, project, facilitator, ideas, outsider
):
    other = Idea.objects.create(
        project=outsider.memberships.get().project, title="Y", theme="marketing"
    )
    client_for(facilitator).post(
        reverse("ideas:merge", args=[project.pk, ideas[0].pk]), {"target": other.pk}
    )
    ideas[0].refresh_from_db()
    assert ideas[0].merged_into is None
