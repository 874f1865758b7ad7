"""Creating projects, adding villages, inviting members."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from samskab.accounts.models import Invitation
from samskab.projects.models import Membership, Municipality, Project, Role


def test_staff_create_a_project_and_become_its_facilitator(client_for, facilitator):
    response = client_for(facilitator).post(reverse("projects:create"), {
        "municipality": Municipality.objects.get(code=760).pk, "name": "Nyt projekt",
        "start": "2026-01-01", "end": "2026-12-31", "status": "planned",
    })  # fmt: skip
    project = Project.objects.get(name="Nyt projekt")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert Membership.objects.get(project=project, user=facilitator).role == Role.FACILITATOR


def test_a_project_cannot_end_before_it_starts(client_for, facilitator):
    response = client_for(facilitator).post(reverse("projects:create"), {
        "municipality": Municipality.objects.get(code=760).pk, "name": "Baglæns",
        "start": "2026-06-01", "end": "2026-01-01", "status": "planned",
    })  # fmt: skip
    assert response.status_code == 200
    assert "The end must not come before the start." in response.content.decode() or (
        "Slutningen må ikke ligge før starten." in response.content.decode()
    )
    assert not Project.objects.filter(name="Baglæns").exists()


def test_only_staff_may_create_projects(client_for, participant):
    assert client_for(participant).get(reverse("projects:create")).status_code == 403


def test_a_facilitator_adds_a_village_with_a_checked_parish_code(client_for, project, facilitator):
    url = reverse("projects:village_add", args=[project.pk])
    bad = client_for(facilitator).post(url, {"name": "Ny by", "parish": "12"})
    assert bad.status_code == 200 and not project.villages.filter(name="Ny by").exists()
    good = client_for(facilitator).post(url, {"name": "Ny by", "parish": "7284"})
    assert good.status_code == 302 and project.villages.filter(name="Ny by").exists()


def test_an_invitation_is_mailed_and_lets_a_new_person_join_with_the_role(
    client_for, project, facilitator
):
    client_for(facilitator).post(reverse("accounts:members", args=[project.pk]), {
        "email": "ny@example.org", "role": Role.VILLAGE_REPRESENTATIVE,
    })  # fmt: skip
    invitation = Invitation.objects.get(email="ny@example.org")
    assert len(mail.outbox) == 1 and invitation.token in mail.outbox[0].body
    guest = client_for(None)
    response = guest.post(reverse("accounts:invitation", args=[invitation.token]), {
        "first_name": "Ny", "last_name": "Person", "password": "a-long-test-password",
    })  # fmt: skip
    assert response.status_code == 302
    membership = Membership.objects.get(project=project, user__username="ny@example.org")
    assert membership.role == Role.VILLAGE_REPRESENTATIVE
    again = guest.get(reverse("accounts:invitation", args=[invitation.token]))
    assert again.status_code == 410


def test_a_participant_cannot_invite(client_for, project, participant):
    response = client_for(participant).post(
        reverse("accounts:members", args=[project.pk]), {"email": "x@example.org", "role": "expert"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_facilitator_changes_a_members_role(client_for, project, facilitator, participant):
    membership = Membership.objects.get(project=project, user=participant)
    url = reverse("projects:change_role", args=[project.pk, membership.pk])
    response = client_for(facilitator).post(url, {"role": Role.VILLAGE_REPRESENTATIVE})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.VILLAGE_REPRESENTATIVE


def test_the_last_facilitator_cannot_step_down(client_for, project, facilitator):
    membership = Membership.objects.get(project=project, user=facilitator)
    url = reverse("projects:change_role", args=[project.pk, membership.pk])
    response = client_for(facilitator).post(url, {"role": Role.PARTICIPANT}, follow=True)
    membership.refresh_from_db()
    assert membership.role == Role.FACILITATOR
    assert "mindst én facilitator" in response.content.decode()


def test_only_facilitators_change_roles(client_for, project, facilitator, participant, outsider):
    membership = Membership.objects.get(project=project, user=facilitator)
    url = reverse("projects:change_role", args=[project.pk, membership.pk])
    assert client_for(participant).post(url, {"role": Role.PARTICIPANT}).status_code == 403
    assert client_for(outsider).post(url, {"role": Role.PARTICIPANT}).status_code == 404
    membership.refresh_from_db()
    assert membership.role == Role.FACILITATOR


def test_an_invitation_for_an_existing_account_asks_to_log_in_first(
    client_for, project, facilitator
):
    invitation = Invitation.objects.create(
        project=project, email="facilitator@example.org", role=Role.PARTICIPANT
    )
    url = reverse("accounts:invitation", args=[invitation.token])
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
