"""An idea becomes one initiative: the picker for a new one leaves out the ideas that have one."""

from __future__ import annotations

import re

from django.urls import reverse

from samskab.initiatives.models import Initiative

from .initiatives_fixtures import initiative_fixture  # noqa: F401  (fixture)
from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)


def _idea_options(page: str) -> list[str]:
    select = re.search(r'<select name="idea".*?</select>', page, re.S)[0]
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_the_picker_for_a_new_initiative_leaves_out_an_idea_with_one(
    client_for, project, facilitator, initiative, ideas
):
    activate(project, 4)
    page = client_for(facilitator).get(reverse("initiatives:create", args=[project.pk]))
    # The initiative's idea is a fourth "Byggegrunde"; the picker has the other three.
    assert _idea_options(page.content.decode()) == [
        "---------", "Byggegrunde", "Fællesspisning", "Velkomstpakke",
    ]  # fmt: skip


def test_an_initiatives_own_idea_stays_in_its_edit_form(
    client_for, project, facilitator, initiative
):
    url = reverse("initiatives:edit", args=[project.pk, initiative.pk])
    page = client_for(facilitator).get(url).content.decode()
    assert _idea_options(page) == ["---------", "Byggegrunde"]


def test_a_second_initiative_of_an_idea_is_refused(
    client_for, project, facilitator, contact, participant, initiative
):
    response = client_for(facilitator).post(reverse("initiatives:create", args=[project.pk]), {
        "idea": initiative.idea_id, "title": "Igen", "owner": participant.pk,
        "contact": contact.pk, "goal": "Det samme",
    })  # fmt: skip
    assert response.status_code == 200 and Initiative.objects.count() == 1
