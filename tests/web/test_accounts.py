"""Logging in and out, password reset by mail, and the language switch."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD


def test_log_in_and_out(client_for, facilitator):
    client = client_for(None)
    response = client.post(
        reverse("accounts:login"), {"username": "facilitator", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("projects:list")
    assert client.get(reverse("projects:list")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("projects:list")).status_code == 302


def test_a_wrong_password_is_refused(client_for, facilitator):
    response = client_for(None).post(
        reverse("accounts:login"), {"username": "facilitator", "password": "nope"}
    )
    assert response.status_code == 200


def test_password_reset_mails_a_link(client_for, facilitator):
    client_for(None).post(reverse("accounts:password_reset"), {"email": "facilitator@example.org"})
    assert len(mail.outbox) == 1
    assert "/accounts/password-reset/" in mail.outbox[0].body


def test_the_interface_is_danish_by_default_and_switches_to_english(client_for, participant):
    client = client_for(participant)
    danish = client.get(reverse("projects:list")).content.decode()
    assert 'lang="da"' in danish and "Mine projekter" in danish
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/projects/"})
    english = client.get(reverse("projects:list")).content.decode()
    assert 'lang="en"' in english and "My projects" in english
    participant.profile.refresh_from_db()
    assert participant.profile.language == "en"


def test_the_accessibility_statement_is_public(client_for):
    assert client_for(None).get(reverse("accessibility")).status_code == 200


def test_a_browser_asking_for_english_still_gets_danish_until_english_is_chosen(client_for):
    client = client_for(None)
    page = client.get(reverse("accounts:login"), headers={"accept-language": "en-US,en;q=0.9"})
    assert 'lang="da"' in page.content.decode()
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login"))
    assert 'lang="en"' in page.content.decode()
