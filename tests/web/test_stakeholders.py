"""The stakeholder map: kept by the facilitator and the contact person, read by the members."""

from __future__ import annotations

from django.urls import reverse

from samskab.projects.models import Membership
from samskab.villages.models import Stakeholder

MÆGLER = {"name": "Vest Bolig", "kind": "estate_agent", "interest": "Flere salg i landsbyerne.",
          "role": "Fortæller, hvad køberne spørger efter."}  # fmt: skip


def test_the_contact_person_adds_a_stakeholder_with_its_contact_holder(
    client_for, project, contact, facilitator
):
    hoven = project.villages.get()
    holder = Membership.objects.get(user=facilitator)
    data = {**MÆGLER, "village": hoven.pk, "contact_holder": holder.pk}
    response = client_for(contact).post(reverse("villages:stakeholders", args=[project.pk]), data)
    assert response.status_code == 302
    added = Stakeholder.objects.get(project=project)
    assert (added.name, added.kind, added.village, added.contact_holder) == (
        "Vest Bolig", "estate_agent", hoven, holder,
    )  # fmt: skip


def test_a_second_stakeholder_of_the_same_name_is_refused(client_for, project, facilitator):
    Stakeholder.objects.create(project=project, name="Vest Bolig", kind="estate_agent")
    url = reverse("villages:stakeholders", args=[project.pk])
    response = client_for(facilitator).post(url, {**MÆGLER, "name": "vest bolig"})
    assert response.status_code == 200
    assert "Kortet har allerede en aktør med det navn." in response.content.decode()
    assert Stakeholder.objects.filter(project=project).count() == 1


def test_a_member_of_another_project_cannot_be_the_contact_holder(
    client_for, project, facilitator, outsider
):
    url = reverse("villages:stakeholders", args=[project.pk])
    other = Membership.objects.get(user=outsider)  # the facilitator of another project
    data = {**MÆGLER, "contact_holder": other.pk}
    assert client_for(facilitator).post(url, data).status_code == 200
    assert not Stakeholder.objects.filter(project=project).exists()


def test_a_participant_reads_the_map_without_the_form(client_for, project, participant):
    Stakeholder.objects.create(project=project, name="Planafdelingen", kind="planning",
                               interest="Lokalplaner for nye grunde.")  # fmt: skip
    page = client_for(participant).get(reverse("villages:stakeholders", args=[project.pk]))
    text = page.content.decode()
    assert "Planafdelingen" in text and "Lokalplaner for nye grunde." in text
    assert "Tilføj en aktør" not in text


def test_the_facilitator_changes_and_removes_a_stakeholder(client_for, project, facilitator):
    found = Stakeholder.objects.create(project=project, name="Andelskassen", kind="bank")
    client = client_for(facilitator)
    edit = reverse("villages:stakeholder_edit", args=[project.pk, found.pk])
    assert client.post(edit, {"name": "Andelskassen Vest", "kind": "bank"}).status_code == 302
    found.refresh_from_db()
    assert found.name == "Andelskassen Vest"
    remove = reverse("villages:stakeholder_remove", args=[project.pk, found.pk])
    assert client.post(remove).status_code == 302
    assert not Stakeholder.objects.filter(pk=found.pk).exists()
