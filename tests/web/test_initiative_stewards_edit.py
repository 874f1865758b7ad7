"""An initiative is edited by the facilitator and, from W4 on, by its stewards: the owner,
the owner village's representatives and the contact person."""

from __future__ import annotations

from django.urls import reverse

from samskab.initiatives.models import Initiative
from samskab.projects.models import Membership

from .initiatives_fixtures import make_initiative
from .workshops_fixtures import activate


def _edit(client, project, initiative, **changes):
    data = {"title": initiative.title, "owner": initiative.owner_id or "",
            "owner_village": initiative.owner_village_id or "",
            "contact": initiative.contact_id, "goal": initiative.goal, **changes}  # fmt: skip
    return client.post(reverse("initiatives:edit", args=[project.pk, initiative.pk]), data)


def test_a_village_representative_edits_the_initiative_they_created(
    client_for, project, contact, village_representative
):
    hoven = project.villages.get()
    Membership.objects.filter(user=village_representative).update(village=hoven)
    activate(project, 4)
    client = client_for(village_representative)
    response = client.post(reverse("initiatives:create", args=[project.pk]), {
        "title": "Fælles velkomst", "owner_village": hoven.pk, "contact": contact.pk,
        "goal": "Hver tilflytter får besøg",
    })  # fmt: skip
    initiative = Initiative.objects.get(title="Fælles velkomst")
    assert response.status_code == 302
    response = _edit(client, project, initiative, goal="Hver tilflytter får besøg og en kurv")
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.goal == "Hver tilflytter får besøg og en kurv"


def test_the_owner_and_the_contact_person_edit_it_in_w4(client_for, project, participant, contact):
    activate(project, 4)
    initiative = make_initiative(project, participant, contact)
    assert _edit(client_for(participant), project, initiative, title="A").status_code == 302
    assert _edit(client_for(contact), project, initiative, title="B").status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "B"


def test_a_member_who_is_no_steward_cannot_edit_it(
    client_for, project, participant, expert, contact
):
    activate(project, 4)
    initiative = make_initiative(project, participant, contact)
    assert _edit(client_for(expert), project, initiative, title="Kapret").status_code == 403


def test_a_steward_cannot_edit_it_before_w4(client_for, project, participant, contact):
    activate(project, 3)
    initiative = make_initiative(project, participant, contact)
    assert _edit(client_for(participant), project, initiative, title="Tidligt").status_code == 403


def test_the_detail_page_offers_the_edit_link_to_a_steward(
    client_for, project, participant, contact
):
    activate(project, 4)
    initiative = make_initiative(project, participant, contact)
    url = reverse("initiatives:detail", args=[project.pk, initiative.pk])
    edit = reverse("initiatives:edit", args=[project.pk, initiative.pk])
    assert edit in client_for(participant).get(url).content.decode()
