"""A facilitator downloads or deletes a member's data (the GDPR's rights of access and erasure)
from the members page: only a facilitator of the project, only for a member of none but the
projects they run, with a confirmation before the deletion, and the audit log noting who did it
without naming the member."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samskab.ideas import actions as idea_actions
from samskab.ideas.models import Idea, Score
from samskab.ideas.results import results_for
from samskab.projects.models import AuditEvent, Membership, Municipality, Project, Role

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)


@pytest.fixture
def scored(project, ideas, facilitator, participant, contact):
    """Workshop 3 active; the participant added the first idea and scored all three, the
    contact person scored two."""
    Idea.objects.filter(pk=ideas[0].pk).update(author=participant)
    activate(project, 3)
    idea_actions.do_record_scores(project, participant,
                                  {ideas[0].pk: (5, 4, 5), ideas[1].pk: (1, 1, 2),
                                   ideas[2].pk: (3, 3, 3)}, entered_by=participant)  # fmt: skip
    idea_actions.do_record_scores(project, contact, {ideas[1].pk: (4, 4, 4),
                                                     ideas[2].pk: (2, 2, 2)},
                                  entered_by=facilitator)  # fmt: skip
    return ideas


def _membership(project: Project, user: User) -> Membership:
    return Membership.objects.get(project=project, user=user)


def _urls(project: Project, user: User) -> tuple[str, str]:
    """Return the member's download and deletion addresses in the project."""
    args = [project.pk, _membership(project, user).pk]
    return (reverse("accounts:member_data_json", args=args),
            reverse("accounts:delete_member", args=args))  # fmt: skip


def _board(project: Project) -> list[tuple[int, str, int, int]]:
    return [(r.rank, r.idea.title, r.total, r.scorers) for r in results_for(project).results]


def _other_project(name: str = "Andet") -> Project:
    return Project.objects.create(municipality=Municipality.objects.get(code=657), name=name)


def test_the_facilitator_downloads_a_members_data_as_their_own_download_holds_it(
    client_for, project, scored, facilitator, participant
):
    member_client = client_for(participant)  # signed in first: the download shows when
    download, _delete = _urls(project, participant)
    response = client_for(facilitator).get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="samskab-member-{participant.pk}.json"'
    )
    tables = {t["table"]: t for t in json.loads(response.content)["tables"]}
    account = tables["auth.user"]["rows"][0]
    assert (account["username"], account["email"]) == ("participant", "participant@example.org")
    assert "password" not in account and "pbkdf2" not in response.content.decode()
    assert [r["title"] for r in tables["ideas.idea"]["rows"]] == ["Byggegrunde"]
    assert len(tables["ideas.score"]["rows"]) == 3  # the participant's, not the contact's
    assert [r["role"] for r in tables["projects.membership"]["rows"]] == ["participant"]
    # The same tables and rows as the member's own download.
    own = json.loads(member_client.get(reverse("accounts:my_data_json")).content)
    assert json.loads(response.content)["tables"] == own["tables"]


def test_the_download_is_in_the_audit_log_with_who_and_not_whom(
    client_for, project, facilitator, participant
):
    download, _delete = _urls(project, participant)
    client_for(facilitator).get(download)
    event = AuditEvent.objects.get(project=project, action="person_exported")
    assert event.actor == facilitator
    assert event.detail == "et medlem (Deltager)"
    assert "participant" not in event.detail.lower()


def test_the_confirmation_page_says_what_goes_and_what_stays_and_deletes_nothing(
    client_for, project, scored, facilitator, participant
):
    _download, delete = _urls(project, participant)
    response = client_for(facilitator).get(delete)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Slet kontoen for Participant" in page
    assert "adgangskode" in page and "uden navn: “Tidligere medlem”" in page
    assert "Det, der bliver stående, uden navn" in page and "csrfmiddlewaretoken" in page
    assert User.objects.get(pk=participant.pk).is_active
    assert Membership.objects.filter(user=participant).exists()
    assert not AuditEvent.objects.filter(action="person_deleted").exists()


def test_deleting_a_member_keeps_their_scores_under_no_name_and_the_ranking(
    client_for, project, scored, facilitator, participant
):
    board = _board(project)
    participant_client = client_for(participant)
    _download, delete = _urls(project, participant)
    client = client_for(facilitator)
    response = client.post(delete)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:members", args=[project.pk])
    gone = User.objects.get(pk=participant.pk)
    assert (gone.username, gone.first_name, gone.email, gone.is_active) == (
        f"deleted-{participant.pk}",
        "",
        "",
        False,
    )
    assert not gone.has_usable_password()
    assert not Membership.objects.filter(user=gone).exists()
    assert Score.objects.filter(participant=gone).count() == 3
    assert Idea.objects.get(pk=scored[0].pk).author == gone
    assert _board(project) == board
    # The deleted member's browser is signed out.
    assert participant_client.get(reverse("accounts:my_data")).status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Kontoen for Participant er slettet." in page


def test_the_deletion_is_in_the_audit_log_with_who_and_not_whom(
    client_for, project, facilitator, participant
):
    _download, delete = _urls(project, participant)
    client_for(facilitator).post(delete)
    event = AuditEvent.objects.get(project=project, action="person_deleted")
    assert (event.actor, event.detail) == (facilitator, "et medlem (Deltager)")
    log = client_for(facilitator).get(reverse("projects:audit", args=[project.pk]))
    text = log.content.decode()
    assert "slettede en persons data" in text and "participant@example.org" not in text


def test_the_deletion_needs_the_csrf_token(project, facilitator, participant):
    _download, delete = _urls(project, participant)
    client = Client(enforce_csrf_checks=True)
    client.force_login(facilitator)
    assert client.post(delete).status_code == 403
    assert User.objects.get(pk=participant.pk).is_active


@pytest.mark.parametrize("persona", ["contact", "village_representative", "participant",
                                     "expert"])  # fmt: skip
def test_only_a_facilitator_may(client_for, project, expert, participant, persona, request):
    person = request.getfixturevalue(persona)
    target = expert if person != expert else participant
    download, delete = _urls(project, target)
    client = client_for(person)
    assert [client.get(download).status_code, client.get(delete).status_code,
            client.post(delete).status_code] == [403, 403, 403]  # fmt: skip
    assert User.objects.get(pk=target.pk).is_active
    assert not AuditEvent.objects.filter(action__in=["person_exported", "person_deleted"]).exists()


def test_the_observer_and_an_anonymous_visitor_may_not(client_for, project, observer, participant):
    download, delete = _urls(project, participant)
    client = client_for(observer)
    assert [client.get(download).status_code, client.post(delete).status_code] == [403, 403]
    anonymous = client_for(None)
    for response in (anonymous.get(download), anonymous.get(delete), anonymous.post(delete)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert User.objects.get(pk=participant.pk).is_active


def test_a_member_of_another_project_is_not_found(client_for, project, facilitator):
    stranger = User.objects.create_user(username="fremmed", first_name="Fremmed")
    other = _other_project()
    membership = Membership.objects.create(project=other, user=stranger, role=Role.PARTICIPANT)
    client = client_for(facilitator)
    for name in ("accounts:member_data_json", "accounts:delete_member"):
        url = reverse(name, args=[project.pk, membership.pk])
        assert client.get(url).status_code == 404
    assert client.post(reverse("accounts:delete_member", args=[project.pk, membership.pk]),
                       ).status_code == 404  # fmt: skip
    assert User.objects.get(pk=stranger.pk).is_active


def test_a_facilitator_of_another_project_finds_nothing(client_for, project, outsider, participant):
    download, delete = _urls(project, participant)
    client = client_for(outsider)
    assert [client.get(download).status_code, client.post(delete).status_code] == [404, 404]
    assert User.objects.get(pk=participant.pk).is_active


def test_a_member_who_also_takes_part_elsewhere_is_refused_with_the_reason(
    client_for, project, facilitator, participant
):
    other = _other_project()
    Membership.objects.create(project=other, user=participant, role=Role.PARTICIPANT)
    download, delete = _urls(project, participant)
    client = client_for(facilitator)
    for response in (client.get(download), client.get(delete), client.post(delete)):
        assert response.status_code == 403
        page = response.content.decode()
        assert "Participant deltager også i andre projekter" in page
        assert "Andet" not in page  # the other project is not named
    assert User.objects.get(pk=participant.pk).is_active
    assert Membership.objects.filter(user=participant).count() == 2
    assert not AuditEvent.objects.filter(action__in=["person_exported", "person_deleted"]).exists()
    members = client.get(reverse("accounts:members", args=[project.pk])).content.decode()
    assert "Også med i andre projekter" in members and delete not in members


def test_a_member_of_only_projects_the_facilitator_runs_is_deleted_in_each(
    client_for, project, facilitator, participant
):
    other = _other_project()
    Membership.objects.create(project=other, user=facilitator, role=Role.FACILITATOR)
    Membership.objects.create(project=other, user=participant, role=Role.EXPERT)
    download, delete = _urls(project, participant)
    client = client_for(facilitator)
    assert client.get(download).status_code == 200
    assert client.post(delete).status_code == 302
    assert not Membership.objects.filter(user=participant).exists()
    deleted = AuditEvent.objects.filter(action="person_deleted")
    assert sorted(deleted.values_list("project__name", "detail")) == [
        ("Andet", "et medlem (Ekspert)"), ("Bosætning i Vest", "et medlem (Deltager)")
    ]  # fmt: skip
    assert set(deleted.values_list("actor", flat=True)) == {facilitator.pk}


def test_a_facilitator_who_is_a_mere_participant_elsewhere_is_refused(
    client_for, project, facilitator, participant
):
    other = _other_project()
    Membership.objects.create(project=other, user=facilitator, role=Role.PARTICIPANT)
    Membership.objects.create(project=other, user=participant, role=Role.PARTICIPANT)
    _download, delete = _urls(project, participant)
    assert client_for(facilitator).post(delete).status_code == 403
    assert User.objects.get(pk=participant.pk).is_active


def test_the_facilitator_is_sent_to_their_own_data_page(client_for, project, facilitator):
    download, delete = _urls(project, facilitator)
    client = client_for(facilitator)
    for response in (client.get(download), client.get(delete), client.post(delete)):
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:my_data")
    assert User.objects.get(pk=facilitator.pk).is_active
    assert not AuditEvent.objects.filter(action__in=["person_exported", "person_deleted"]).exists()


def test_the_members_page_offers_it_in_danish_and_in_english_on_request(
    client_for, project, facilitator, participant
):
    download, delete = _urls(project, participant)
    client = client_for(facilitator)
    url = reverse("accounts:members", args=[project.pk])
    danish = client.get(url).content.decode()
    assert "Medlemmets oplysninger" in danish and "Hent oplysningerne" in danish
    assert "Slet kontoen" in danish and download in danish and delete in danish
    assert "Du kan hente eller slette oplysningerne om et medlem" in danish
    own = _urls(project, facilitator)
    assert own[0] not in danish and own[1] not in danish  # their own: under “Your data”
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert "Download their data" in english and "Delete their account" in english
    assert "Hent oplysningerne" not in english


def test_other_roles_see_no_data_links_on_the_members_page(client_for, project, contact, expert):
    download, delete = _urls(project, expert)
    page = client_for(contact).get(reverse("accounts:members", args=[project.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and download not in text and delete not in text
