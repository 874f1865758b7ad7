"""A member's own data: what samskab holds about them, to download (access and portability),
and deleting their account (erasure), which keeps the projects' records under no name."""

from __future__ import annotations

import json

from django.contrib.auth.models import User
from django.urls import reverse

from samskab.accounts.models import Invitation
from samskab.ideas.models import Idea
from samskab.projects.models import AuditEvent, Membership
from samskab.workshops.models import Theme


def _idea(project, author, title="Cykelsti til skolen") -> Idea:
    return Idea.objects.create(project=project, title=title, theme=Theme.HOUSING_SUPPLY,
                               author=author)  # fmt: skip


def test_the_download_holds_the_members_rows_and_nobody_elses(
    client_for, project, participant, facilitator
):
    _idea(project, participant)
    _idea(project, facilitator, "Facilitatorens idé")
    Invitation.objects.create(project=project, email="ny@example.dk", role="participant",
                              invited_by=participant)  # fmt: skip
    response = client_for(participant).get(reverse("accounts:my_data_json"))
    assert response["Content-Disposition"].startswith("attachment")
    tables = {t["table"]: t for t in json.loads(response.content)["tables"]}
    assert tables["auth.user"]["rows"][0]["username"] == participant.username
    assert "password" not in tables["auth.user"]["rows"][0]
    assert [r["title"] for r in tables["ideas.idea"]["rows"]] == ["Cykelsti til skolen"]
    assert [r["role"] for r in tables["projects.membership"]["rows"]] == ["participant"]
    assert "ny@example.dk" not in response.content.decode()  # someone else's address


def test_the_page_lists_what_is_held_in_danish(client_for, project, participant):
    _idea(project, participant)
    page = client_for(participant).get(reverse("accounts:my_data")).content.decode()
    assert "Dine oplysninger" in page and "Slet din konto" in page


def test_deleting_needs_the_password(client_for, project, participant):
    client = client_for(participant)
    page = client.post(reverse("accounts:my_data"), {"password": "forkert"}).content.decode()
    assert "Det er ikke din adgangskode" in page
    assert User.objects.get(pk=participant.pk).is_active


def test_deleting_removes_the_person_and_keeps_the_projects_record(
    client_for, project, participant, facilitator
):
    participant.set_password("hemmelig-123")
    participant.save()
    idea = _idea(project, participant)
    client = client_for(participant)
    response = client.post(reverse("accounts:my_data"), {"password": "hemmelig-123"})
    assert response.status_code == 302
    gone = User.objects.get(pk=participant.pk)
    assert (gone.first_name, gone.last_name, gone.email, gone.is_active) == ("", "", "", False)
    assert not gone.has_usable_password()
    assert not Membership.objects.filter(user=gone).exists()
    assert Idea.objects.get(pk=idea.pk).author == gone  # the idea stays, under no name
    page = client_for(facilitator).get(reverse("ideas:detail", args=[project.pk, idea.pk]))
    assert "Tidligere medlem" in page.content.decode()
    assert AuditEvent.objects.filter(project=project, action="person_deleted").exists()
    assert client.get(reverse("accounts:my_data")).status_code == 302  # signed out


def test_deleting_leaves_no_earlier_audit_row_naming_the_member(
    client_for, project, participant, facilitator
):
    from samskab.projects.actions import do_change_role
    from samskab.projects.audit import record
    from samskab.projects.models import AuditAction

    participant.set_password("hemmelig-123")
    participant.save()
    name, email = "Participant", participant.email
    record(project, facilitator, AuditAction.INVITED, f"{email.upper()} (Deltager)")
    do_change_role(Membership.objects.get(user=participant), "expert", actor=facilitator)
    do_change_role(Membership.objects.get(user=facilitator), "facilitator", actor=facilitator)
    details = list(AuditEvent.objects.values_list("detail", flat=True))
    assert f"{name}: Deltager → Ekspert" in details and f"{email.upper()} (Deltager)" in details
    client_for(participant).post(reverse("accounts:my_data"), {"password": "hemmelig-123"})
    details = list(AuditEvent.objects.values_list("detail", flat=True))
    assert "Tidligere medlem: Deltager → Ekspert" in details
    assert "Tidligere medlem (Deltager)" in details
    assert not [d for d in details if name in d or email.casefold() in d.casefold()]
    assert "Facilitator: Facilitator → Facilitator" in details  # another member's row stays
