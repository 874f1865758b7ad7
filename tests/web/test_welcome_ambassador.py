"""A member of a village signs up a newcomer they met, with the newcomer's consent recorded:
the member becomes the host, the newcomer still confirms by mail before being listed."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from samskab.projects.models import Membership
from samskab.welcome.models import Person

DATA = {"name": "Ida Holm", "email": "ida@example.org", "address": "Bygaden 4", "consent": "on"}


def _hoven_member(user, project):
    hoven = project.villages.get(name="Hoven")
    Membership.objects.filter(user=user, project=project).update(village=hoven)
    return hoven


def test_a_village_member_signs_up_a_newcomer_and_hosts_them(
    client_for, village_representative, project
):
    hoven = _hoven_member(village_representative, project)
    client = client_for(village_representative)
    url = reverse("welcome:sign_up_for", args=[project.pk])
    response = client.post(url, {**DATA, "village": hoven.pk})
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.source, person.host, person.confirmed) == (
        "ambassador",
        village_representative,
        None,
    )
    assert person.purpose.startswith("Hoven gemmer dit navn")
    assert mail.outbox[0].to == ["ida@example.org"]


def test_without_the_newcomers_consent_nothing_is_stored(
    client_for, village_representative, project
):
    hoven = _hoven_member(village_representative, project)
    url = reverse("welcome:sign_up_for", args=[project.pk])
    client_for(village_representative).post(url, {**DATA, "consent": "", "village": hoven.pk})
    assert not Person.objects.exists()


def test_a_member_of_no_village_cannot_sign_anyone_up(client_for, participant, project):
    url = reverse("welcome:sign_up_for", args=[project.pk])
    client = client_for(participant)
    assert "du hører ikke til nogen af projektets landsbyer" in client.get(url).content.decode()
    client.post(url, {**DATA, "village": project.villages.get().pk})
    assert not Person.objects.exists()
