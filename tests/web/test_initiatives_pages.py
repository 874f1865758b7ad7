"""The expectation and initiative pages for every persona, and the changes they make."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from samskab.initiatives.models import Initiative, ProgressUpdate
from samskab.projects.models import Membership, Role, Village
from samskab.workshops.models import MunicipalCommitment, VillageCommitment

from .initiatives_fixtures import initiative_fixture  # noqa: F401  (fixture)
from .workshops_fixtures import activate

PERSONAS = {
    "facilitator": Role.FACILITATOR,
    "contact": Role.CONTACT,
    "village_representative": Role.VILLAGE_REPRESENTATIVE,
    "participant": Role.PARTICIPANT,
    "expert": Role.EXPERT,
    "observer": Role.OBSERVER,
}
# (URL name, extra arguments, roles that get 200 while W4 is active; None: everyone)
GETS = [
    ("workshops:expectations", [], None),
    ("initiatives:dashboard", [], None),
    ("initiatives:detail", ["initiative"], None),
    ("initiatives:notifications", [], None),
    ("workshops:edit_municipal", [], {Role.FACILITATOR}),
    ("initiatives:edit", ["initiative"], {Role.FACILITATOR, Role.CONTACT, Role.PARTICIPANT}),
    ("initiatives:create", [], {Role.FACILITATOR, Role.CONTACT,
                                        Role.VILLAGE_REPRESENTATIVE}),
]  # fmt: skip


def url(name, project, args, initiative):
    return reverse(name, args=[project.pk, *[initiative.pk for _a in args]])


@pytest.mark.parametrize(("name", "args", "roles"), GETS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_the_pages_its_rules_allow_in_w4(
    request, client_for, project, initiative, name, args, roles, persona
):
    activate(project, 4)
    user = request.getfixturevalue(persona)
    response = client_for(user).get(url(name, project, args, initiative))
    assert response.status_code == (200 if roles is None or PERSONAS[persona] in roles else 403)


@pytest.mark.parametrize(("name", "args", "roles"), GETS)
def test_an_outsider_gets_404_everywhere(
    client_for, project, initiative, outsider, name, args, roles
):
    activate(project, 4)
    assert client_for(outsider).get(url(name, project, args, initiative)).status_code == 404


def test_only_the_facilitator_creates_initiatives_before_w4(
    client_for, project, facilitator, contact
):
    activate(project, 3)
    new = reverse("initiatives:create", args=[project.pk])
    assert client_for(contact).get(new).status_code == 403
    assert client_for(facilitator).get(new).status_code == 200


@pytest.mark.parametrize("chosen", ["abc", "-1", "99999", "1.5", ""])
def test_a_chosen_idea_that_is_not_one_gives_an_empty_form(
    client_for, project, facilitator, chosen
):
    activate(project, 4)
    new = reverse("initiatives:create", args=[project.pk])
    response = client_for(facilitator).get(new, {"idea": chosen})
    assert response.status_code == 200


def test_the_facilitator_creates_an_initiative_with_owner_and_contact(
    client_for, project, facilitator, contact, participant
):
    activate(project, 4)
    response = client_for(facilitator).post(
        reverse("initiatives:create", args=[project.pk]),
        {"title": "Velkomstpakke", "owner": participant.pk, "contact": contact.pk,
         "goal": "Alle tilflyttere får en pakke", "review_date": "2026-06-01"},
    )  # fmt: skip
    initiative = Initiative.objects.get(title="Velkomstpakke")
    assert response.status_code == 302
    assert (initiative.owner, initiative.contact, initiative.status) == (
        participant, contact, Initiative.Status.PLANNED
    )  # fmt: skip


def test_it_refuses_a_contact_person_who_is_not_contact_or_facilitator(
    client_for, project, facilitator, participant
):
    response = client_for(facilitator).post(
        reverse("initiatives:create", args=[project.pk]),
        {"title": "X", "owner": participant.pk, "contact": participant.pk, "goal": "Y"},
    )
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_it_refuses_an_initiative_without_an_owner(client_for, project, facilitator, contact):
    response = client_for(facilitator).post(
        reverse("initiatives:create", args=[project.pk]),
        {"title": "X", "contact": contact.pk, "goal": "Y"},
    )
    assert "Angiv en tovholder" in response.content.decode()
    assert not Initiative.objects.exists()


def test_the_owner_posts_updates_in_w4_but_not_before(client_for, project, initiative, participant):
    post = reverse("initiatives:post_update", args=[project.pk, initiative.pk])
    activate(project, 3)
    assert client_for(participant).post(post, {"text": "Nyt"}).status_code == 403
    activate(project, 4)
    assert client_for(participant).post(post, {"text": "Nyt"}).status_code == 302
    assert ProgressUpdate.objects.get().author == participant


def test_a_member_who_is_no_steward_cannot_follow_up(client_for, project, initiative, expert):
    activate(project, 4)
    client = client_for(expert)
    assert (
        client.post(
            reverse("initiatives:post_update", args=[project.pk, initiative.pk]), {"text": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("initiatives:set_status", args=[project.pk, initiative.pk]), {"status": "done"}
        ).status_code
        == 403
    )


def test_the_contact_person_changes_status_and_ticks_milestones(
    client_for, project, initiative, contact
):
    activate(project, 4)
    client = client_for(contact)
    client.post(
        reverse("initiatives:set_status", args=[project.pk, initiative.pk]), {"status": "paused"}
    )
    milestone = initiative.milestones.get()
    client.post(
        reverse("initiatives:set_milestone", args=[project.pk, milestone.pk]), {"done": "1"}
    )
    initiative.refresh_from_db()
    milestone.refresh_from_db()
    assert (initiative.status, milestone.done) == (Initiative.Status.PAUSED, True)


def test_a_village_representative_edits_only_their_own_villages_part(
    client_for, project, village_representative
):
    hoven = project.villages.get(name="Hoven")
    other = Village.objects.create(project=project, name="Vester")
    Membership.objects.filter(user=village_representative).update(village=hoven)
    client = client_for(village_representative)
    edit = reverse("workshops:edit_village", args=[project.pk, hoven.pk])
    assert client.post(edit, {"commits": "Vi holder velkomstmøder"}).status_code == 302
    assert VillageCommitment.objects.get(village=hoven).commits == "Vi holder velkomstmøder"
    forbidden = reverse("workshops:edit_village", args=[project.pk, other.pk])
    assert client.post(forbidden, {"commits": "x"}).status_code == 403


def test_opening_the_expectation_forms_writes_nothing(client_for, project, facilitator):
    client = client_for(facilitator)
    hoven = project.villages.get(name="Hoven")
    assert client.get(reverse("workshops:edit_municipal", args=[project.pk])).status_code == 200
    assert (
        client.get(reverse("workshops:edit_village", args=[project.pk, hoven.pk])).status_code
        == 200
    )
    assert not MunicipalCommitment.objects.filter(project=project).exists()
    assert not VillageCommitment.objects.filter(village__project=project).exists()


def test_every_member_sees_the_municipalitys_part_on_the_overview(
    client_for, project, facilitator, contact, observer
):
    client_for(facilitator).post(
        reverse("workshops:edit_municipal", args=[project.pk]),
        {"contact_person": contact.pk, "money": "250000", "staff_hours": "400",
         "cannot_promise": "Nye veje"},
    )  # fmt: skip
    assert MunicipalCommitment.objects.get(project=project).money == 250000
    html = client_for(observer).get(reverse("workshops:overview", args=[project.pk])).content
    assert "250000 kr." in html.decode() and "Nye veje" in html.decode()


def test_a_village_representative_creates_initiatives_for_their_own_village_or_themselves(
    client_for, project, village_representative, participant, contact
):
    activate(project, 4)
    hoven = Village.objects.get(project=project, name="Hoven")
    other = Village.objects.create(project=project, name="Ådum")
    Membership.objects.filter(user=village_representative).update(village=hoven)
    client = client_for(village_representative)
    new = reverse("initiatives:create", args=[project.pk])
    base = {"title": "Velkomstpakke", "contact": contact.pk, "goal": "En pakke"}

    for foreign in ({"owner": participant.pk}, {"owner_village": other.pk}):
        response = client.post(new, base | foreign)
        assert response.status_code == 200, foreign  # the form again, with the error
        assert not Initiative.objects.exists()
    response = client.get(new)
    # Ådum may be a target village, never the owner.
    assert [v.name for v in response.context["form"].fields["owner_village"].queryset] == ["Hoven"]
    assert "Participant" not in response.content.decode()

    response = client.post(
        new, base | {"owner": village_representative.pk, "owner_village": hoven.pk}
    )
    assert response.status_code == 302
    assert Initiative.objects.get().owner_village == hoven


def test_the_same_form_sent_twice_makes_one_initiative(client_for, project, facilitator, contact):
    activate(project, 4)
    client = client_for(facilitator)
    new = reverse("initiatives:create", args=[project.pk])
    page = client.get(new).content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', page)
    assert token is not None
    form = {"title": "Velkomstpakke", "owner": facilitator.pk, "contact": contact.pk,
            "goal": "En pakke", "form_token": token.group(1)}  # fmt: skip
    first, second = client.post(new, form), client.post(new, form)
    (initiative,) = Initiative.objects.all()
    expected = reverse("initiatives:detail", args=[project.pk, initiative.pk])
    assert (first.status_code, first["Location"]) == (302, expected)
    assert (second.status_code, second["Location"]) == (302, expected)
    # A new form (a new token) makes a new initiative.
    client.post(new, form | {"form_token": ""})
    assert Initiative.objects.count() == 2
