"""Signing in is throttled per account and per client address: 10 failures within 15 minutes
lock both for 15 minutes, on the login page and the admin's alike."""

from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

from .conftest import PASSWORD

LOCKED = "For mange mislykkede forsøg på at logge ind."


def _sign_in(client, username: str, password: str, *, page: str = "accounts:login", **headers):
    return client.post(reverse(page), {"username": username, "password": password}, **headers)


def test_thirty_wrong_passwords_lock_the_account_on_the_login_page(client_for, facilitator):
    client = client_for(None)
    for _attempt in range(30):
        _sign_in(client, "facilitator", "wrong password")
    response = _sign_in(client, "facilitator", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "Prøv igen om 15 minutter" in response.content.decode()
    assert client.get(reverse("projects:list")).status_code == 302


def test_thirty_wrong_passwords_lock_the_account_on_the_admin_login(client_for, facilitator):
    client = client_for(None)
    for _attempt in range(30):
        _sign_in(client, "facilitator", "wrong password", page="admin:login")
    response = _sign_in(client, "facilitator", PASSWORD, page="admin:login")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_nine_failures_still_let_the_right_password_in(client_for, facilitator):
    client = client_for(None)
    for _attempt in range(9):
        _sign_in(client, "facilitator", "wrong password")
    assert _sign_in(client, "facilitator", PASSWORD).status_code == 302


def test_the_account_is_locked_whatever_the_case_of_its_name(client_for, facilitator):
    client = client_for(None)
    for name in ("Facilitator", "FACILITATOR", " facilitator", "faciLitator", "facilitatoR"):
        _sign_in(client, name, "wrong password", REMOTE_ADDR="198.51.100.1")
        _sign_in(client, name, "wrong password", REMOTE_ADDR="198.51.100.2")
    assert _sign_in(client, "facilitator", PASSWORD, REMOTE_ADDR="198.51.100.3").status_code == 429


def test_ten_failures_from_one_address_lock_that_address_for_every_account(client_for, facilitator):
    client = client_for(None)
    for number in range(10):
        _sign_in(client, f"guess{number}", "wrong password", REMOTE_ADDR="203.0.113.7")
    assert _sign_in(client, "facilitator", PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert _sign_in(client, "facilitator", PASSWORD, REMOTE_ADDR="203.0.113.8").status_code == 302


def test_a_forwarded_for_header_is_ignored_without_a_proxy(client_for, facilitator, settings):
    settings.BEHIND_PROXY = False
    client = client_for(None)
    for number in range(10):
        _sign_in(client, f"guess{number}", "wrong password", REMOTE_ADDR="203.0.113.7",
                 HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")  # fmt: skip
    response = _sign_in(
        client,
        "facilitator",
        PASSWORD,
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429


def test_behind_the_proxy_the_address_the_proxy_added_counts(client_for, facilitator, settings):
    settings.BEHIND_PROXY = True
    client = client_for(None)
    # The client may send a forwarded-for header of its own; nginx adds the address it saw last.
    for number in range(10):
        _sign_in(client, f"guess{number}", "wrong password", REMOTE_ADDR="127.0.0.1",
                 HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.7")  # fmt: skip
    locked = _sign_in(client, "facilitator", PASSWORD, REMOTE_ADDR="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7")  # fmt: skip
    assert locked.status_code == 429
    other = _sign_in(client, "facilitator", PASSWORD, REMOTE_ADDR="127.0.0.1",
                     HTTP_X_FORWARDED_FOR="203.0.113.8")  # fmt: skip
    assert other.status_code == 302


def test_an_administrator_unlocks_an_account(client_for, facilitator):
    client = client_for(None)
    for _attempt in range(10):
        _sign_in(client, "facilitator", "wrong password", REMOTE_ADDR="198.51.100.1")
    assert _sign_in(client, "facilitator", PASSWORD, REMOTE_ADDR="198.51.100.2").status_code == 429
    call_command("axes_reset_username", "facilitator", verbosity=0)
    assert _sign_in(client, "facilitator", PASSWORD, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_the_lock_out_page_is_in_english_for_those_who_chose_it(client_for, facilitator):
    client = client_for(None)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    for _attempt in range(10):
        _sign_in(client, "facilitator", "wrong password")
    page = _sign_in(client, "facilitator", PASSWORD).content.decode()
    assert "Too many failed attempts to log in." in page and "Try again in 15 minutes" in page


def test_signing_in_to_ones_own_account_does_not_wipe_the_failures_at_another(
    client_for, facilitator, participant
):
    client = client_for(None)
    for failures in (5, 4):
        for _attempt in range(failures):
            _sign_in(client, "facilitator", "wrong password", REMOTE_ADDR="203.0.113.7")
        assert (
            _sign_in(client, "participant", PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302
        )
        client.post(reverse("accounts:logout"))
    _sign_in(client, "facilitator", "wrong password", REMOTE_ADDR="203.0.113.7")  # the 10th
    assert _sign_in(client, "facilitator", PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == 429
