"""An invitation: mailed when it is saved, accepted only by the address it was sent to, and
only once."""

from __future__ import annotations

import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.urls import reverse

from samskab.accounts.actions import InvitationClosed, do_accept
from samskab.accounts.models import Invitation
from samskab.projects.models import Membership, Role

from .conftest import PASSWORD


def _invite(project, email: str = "ny@example.org") -> Invitation:
    return Invitation.objects.create(project=project, email=email, role=Role.PARTICIPANT)


def _account(email: str, username: str | None = None) -> User:
    return User.objects.create_user(username=username or email, email=email, password=PASSWORD)


def test_a_signed_in_account_of_another_address_cannot_accept(client_for, project, outsider):
    invitation = _invite(project)
    url = reverse("accounts:invitation", args=[invitation.token])
    response = client_for(outsider).post(url)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Invitationen blev sendt til ny@example.org" in page
    assert not Membership.objects.filter(project=project, user=outsider).exists()
    assert client_for(outsider).get(url).status_code == 403
    invitation.refresh_from_db()
    assert invitation.accepted is None


def test_the_invited_address_accepts_whatever_its_case(client_for, project):
    invitation = _invite(project, "Ny.Person@Example.org")
    person = _account("ny.person@example.ORG", username="nyperson")
    url = reverse("accounts:invitation", args=[invitation.token])
    response = client_for(person).post(url)
    assert response.status_code == 302
    assert Membership.objects.get(project=project, user=person).role == Role.PARTICIPANT


def test_an_invitation_accepted_meanwhile_is_not_accepted_again(client_for, project):
    invitation = _invite(project)
    first, second = _account("ny@example.org", "first"), _account("NY@example.org", "second")
    seen_by_second = Invitation.objects.get(pk=invitation.pk)  # read while still open
    url = reverse("accounts:invitation", args=[invitation.token])
    assert client_for(first).post(url).status_code == 302
    with pytest.raises(InvitationClosed):
        do_accept(seen_by_second, second)
    assert list(Membership.objects.filter(project=project, role=Role.PARTICIPANT)) == [
        Membership.objects.get(user=first)
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_accounts_accepting_at_the_same_moment_make_one_member(project):
    invitation = _invite(project)
    people = [_account("ny@example.org", "first"), _account("Ny@Example.org", "second")]
    both_have_read = threading.Barrier(2)

    def accept(person: User) -> str:
        try:
            seen = Invitation.objects.get(pk=invitation.pk)
            both_have_read.wait(timeout=10)
            do_accept(seen, person)
            return "joined"
        except InvitationClosed:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(accept, people))
    assert outcomes == ["joined", "refused"]
    assert Membership.objects.filter(project=project, role=Role.PARTICIPANT).count() == 1


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_inviting_while_the_mail_server_is_down_says_so_and_keeps_nothing(
    client_for, project, facilitator, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    response = client_for(facilitator).post(
        reverse("accounts:members", args=[project.pk]),
        {"email": "ny@example.org", "role": Role.PARTICIPANT},
    )
    assert response.status_code == 200
    assert (
        "Invitationen kunne ikke sendes: mailserveren svarede ikke. Prøv igen senere."
        in response.content.decode()
    )
    assert not Invitation.objects.exists()


def test_a_line_break_in_the_project_name_stays_out_of_the_mail_subject(
    client_for, project, facilitator
):
    project.name = "Bosætning\r\ni Vest"
    project.save(update_fields=["name"])
    response = client_for(facilitator).post(
        reverse("accounts:members", args=[project.pk]),
        {"email": "ny@example.org", "role": Role.PARTICIPANT},
    )
    assert response.status_code == 302
    assert mail.outbox[0].subject == "Invitation til bosætningsprojektet Bosætning i Vest"
    assert Invitation.objects.get().email == "ny@example.org"


def test_a_sign_up_for_an_address_that_got_an_account_meanwhile_leads_to_signing_in(
    client, project, monkeypatch
):
    """Two invitations to one address, both opened before either was accepted: the second
    sign-up finds the account made by the first and asks the person to sign in (no error page,
    no second account)."""
    other = project.__class__.objects.create(municipality=project.municipality, name="Anden")
    first, second = _invite(project), _invite(other)
    form = {"first_name": "Ny", "last_name": "Person", "password": "en-lang-god-adgangskode-7"}
    first_url = reverse("accounts:invitation", args=[first.token])
    second_url = reverse("accounts:invitation", args=[second.token])
    assert client.get(second_url).status_code == 200  # the sign-up form, no account yet
    assert client.post(first_url, form).status_code == 302
    client.logout()
    # The second form was read before the first account existed: let the view's early look
    # for an account miss it, as it does when both are sent at the same moment.
    monkeypatch.setattr(
        "samskab.accounts.views.User.objects.filter",
        lambda *args, **kwargs: User.objects.none(),
    )
    response = client.post(second_url, form)
    monkeypatch.undo()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert User.objects.filter(email__iexact="ny@example.org").count() == 1
    second.refresh_from_db()
    assert second.accepted is None
    assert Membership.objects.filter(project=project, user__email="ny@example.org").exists()
