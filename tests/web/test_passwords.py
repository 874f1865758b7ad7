"""Passwords of at least 12 characters, and a page where a signed-in person changes theirs."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from samskab.accounts.models import Invitation
from samskab.projects.models import Role

from .conftest import PASSWORD

ELEVEN = "kort-kode-1"
TWELVE = "lang-kode-12"


def _join(client, project, password: str):
    invitation = Invitation.objects.create(
        project=project, email="ny@example.org", role=Role.PARTICIPANT
    )
    url = reverse("accounts:invitation", args=[invitation.token])
    return client.post(url, {"first_name": "Ny", "last_name": "Person", "password": password})


def test_a_password_of_eleven_characters_is_refused_at_sign_up(client_for, project):
    response = _join(client_for(None), project, ELEVEN)
    assert response.status_code == 200
    assert "Den skal indeholde mindst 12 tegn." in response.content.decode()
    assert not User.objects.filter(email="ny@example.org").exists()


def test_a_password_of_twelve_characters_is_accepted_at_sign_up(client_for, project):
    assert _join(client_for(None), project, TWELVE).status_code == 302


def test_the_header_links_to_the_password_change_page(client_for, participant):
    page = client_for(participant).get(reverse("projects:list")).content.decode()
    assert f'href="{reverse("accounts:password_change")}"' in page and "Skift adgangskode" in page


def test_a_member_changes_their_password(client_for, participant):
    client = client_for(participant)
    assert "Skift adgangskode" in client.get(reverse("accounts:password_change")).content.decode()
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "en helt ny adgangskode",
        "new_password2": "en helt ny adgangskode",
    })  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    assert "Din adgangskode er skiftet." in client.get(response["Location"]).content.decode()
    # Still signed in here; the new password is the one that works from now on.
    assert client.get(reverse("projects:list")).status_code == 200
    participant.refresh_from_db()
    assert participant.check_password("en helt ny adgangskode")


def test_a_new_password_of_eleven_characters_is_refused(client_for, participant):
    response = client_for(participant).post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": ELEVEN, "new_password2": ELEVEN,
    })  # fmt: skip
    assert response.status_code == 200
    assert "Den skal indeholde mindst 12 tegn." in response.content.decode()
    participant.refresh_from_db()
    assert participant.check_password(PASSWORD)


def test_changing_the_password_needs_the_old_one(client_for, participant):
    response = client_for(participant).post(reverse("accounts:password_change"), {
        "old_password": "not my password", "new_password1": TWELVE, "new_password2": TWELVE,
    })  # fmt: skip
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.check_password(PASSWORD)
