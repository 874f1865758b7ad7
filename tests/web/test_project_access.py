"""Every project URL against every persona: members by their role, outsiders never."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.projects import rules
from samskab.projects.models import Role

PERSONAS = ["facilitator", "contact", "village_representative", "participant", "expert",
            "observer"]  # fmt: skip
ROLE_OF = {
    "facilitator": Role.FACILITATOR, "contact": Role.CONTACT,
    "village_representative": Role.VILLAGE_REPRESENTATIVE, "participant": Role.PARTICIPANT,
    "expert": Role.EXPERT, "observer": Role.OBSERVER,
}  # fmt: skip
# Each project page and the permission it needs to be seen.
PAGES = [
    ("projects:detail", rules.VIEW_PROJECT),
    ("projects:members", rules.VIEW_MEMBERS),
    ("projects:village_add", rules.EDIT_PROJECT),
]


@pytest.mark.parametrize(("name", "perm"), PAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_exactly_the_pages_its_rules_allow(
    request, client_for, project, name, perm, persona
):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse(name, args=[project.pk]))
    expected = 200 if rules.can(ROLE_OF[persona], perm) else 403
    assert response.status_code == expected


@pytest.mark.parametrize(("name", "perm"), PAGES)
def test_an_outsider_gets_404_on_every_project_page(client_for, project, outsider, name, perm):
    assert client_for(outsider).get(reverse(name, args=[project.pk])).status_code == 404
    assert client_for(outsider).post(reverse(name, args=[project.pk])).status_code == 404


@pytest.mark.parametrize(("name", "perm"), PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client_for, project, name, perm):
    response = client_for(None).get(reverse(name, args=[project.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_project_that_does_not_exist_is_404(client_for, facilitator):
    assert client_for(facilitator).get(reverse("projects:detail", args=[9999])).status_code == 404


def test_the_project_list_shows_only_ones_own_projects(client_for, project, participant, outsider):
    page = client_for(participant).get(reverse("projects:list")).content.decode()
    assert project.name in page and "Andet" not in page
