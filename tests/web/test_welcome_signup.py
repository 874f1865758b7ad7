"""A village's public page and its two sign-ups: the consent recorded, the double opt-in by
mail, the hidden field against robots, the rate limit per address, and nothing personal shown."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from samskab.welcome.models import Kind, Person, SignupAttempt
from samskab.welcome.throttle import LIMIT

from .welcome_fixtures import hoven_page_fixture, sign_up  # noqa: F401  (fixture)

NEWCOMER = {"newcomer-name": "Ida Holm", "newcomer-email": "ida@example.org",
            "newcomer-phone": "12345678", "newcomer-address": "Bygaden 4, Hoven",
            "newcomer-consent": "on"}  # fmt: skip
FORMER = {"former-name": "Mads Lund", "former-email": "mads@example.org",
          "former-city": "", "former-consent": "on"}  # fmt: skip


def _post_newcomer(client, data=None, address="10.0.0.1"):
    url = reverse("welcome_public:sign_up_newcomer", args=["hoven"])
    return client.post(url, data or NEWCOMER, REMOTE_ADDR=address)


def test_the_page_shows_the_village_and_states_each_purpose(client, hoven_page, project):
    project.description = "Fem landsbyer arbejder sammen om bosætning."
    project.save(update_fields=["description"])
    page = client.get("/v/hoven/").content.decode()
    assert "<h1>Hoven</h1>" in page and "Hoven Borgerforening" in page
    assert "Fem landsbyer arbejder sammen om bosætning." in page
    assert "så en vært fra landsbyen kan kontakte dig og besøge dig" in page
    assert "for at invitere dig til arrangementer for tidligere beboere" in page


def test_the_page_shows_no_one_who_signed_up(client, hoven_page):
    sign_up(hoven_page, "Ida")
    sign_up(hoven_page, "Mads", kind=Kind.FORMER_RESIDENT, city_code=101)
    page = client.get("/v/hoven/").content.decode()
    assert "Ida" not in page and "Mads" not in page and "example.org" not in page


def test_a_page_that_does_not_exist_is_404(client, hoven_page):
    assert client.get("/v/vester/").status_code == 404


def test_the_public_page_keeps_the_content_security_policy(client, hoven_page):
    policy = client.get("/v/hoven/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_a_sign_up_records_the_consent_with_its_purpose_source_and_date(client, hoven_page):
    response = _post_newcomer(client)
    assert response.status_code == 302 and response["Location"] == "/v/hoven/"
    person = Person.objects.get()
    assert (person.name, person.kind, person.address) == (
        "Ida Holm",
        "newcomer",
        "Bygaden 4, Hoven",
    )
    assert person.source == "public_page" and person.consented is not None
    assert person.purpose.startswith("Hoven gemmer dit navn, din e-mailadresse")
    assert person.confirmed is None


def test_a_sign_up_without_consent_is_refused_with_the_reason(client, hoven_page):
    response = _post_newcomer(client, {**NEWCOMER, "newcomer-consent": ""})
    assert response.status_code == 200 and not Person.objects.exists()
    assert "Dette felt er påkrævet." in response.content.decode()


def test_the_mail_asks_to_confirm_and_links_to_ones_data(client, hoven_page, settings):
    settings.SITE_URL = "https://samskab.kommune.dk"
    _post_newcomer(client)
    person = Person.objects.get()
    (message,) = mail.outbox
    assert message.to == ["ida@example.org"]
    assert message.subject == "Velkommen til Hoven: bekræft din adresse"
    assert f"https://samskab.kommune.dk/v/confirm/{person.token}/" in message.body
    assert f"https://samskab.kommune.dk/v/me/{person.token}/" in message.body


def test_the_mail_is_in_the_language_of_the_page(client, hoven_page):
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    _post_newcomer(client)
    assert mail.outbox[0].subject == "Welcome to Hoven: confirm your address"


def test_opening_the_confirmation_link_confirms_nothing_until_the_button(client, hoven_page):
    person = sign_up(hoven_page, "Ida", confirmed=False)
    url = reverse("welcome_public:confirm", args=[person.token])
    assert "Bekræft min adresse" in client.get(url).content.decode()
    person.refresh_from_db()
    assert person.confirmed is None
    assert "Din adresse er bekræftet" in client.post(url).content.decode()
    person.refresh_from_db()
    assert person.confirmed is not None


def test_a_former_resident_signs_up_with_the_municipality_they_live_in_now(client, hoven_page):
    url = reverse("welcome_public:sign_up_former", args=["hoven"])
    client.post(url, {**FORMER, "former-city": _municipality_id(851)}, REMOTE_ADDR="10.0.0.2")
    person = Person.objects.get()
    assert (person.kind, person.city.name, person.address) == ("former_resident", "Aalborg", "")
    assert mail.outbox[0].subject == "Tidligere beboere i Hoven: bekræft din adresse"


def test_a_filled_in_hidden_field_stores_nothing_and_answers_as_to_a_person(client, hoven_page):
    robot = _post_newcomer(client, {**NEWCOMER, "newcomer-website": "http://spam.example"})
    person = _post_newcomer(client, address="10.0.0.9")
    assert robot.status_code == person.status_code == 302
    assert Person.objects.count() == 1 and len(mail.outbox) == 1


def test_the_hidden_field_is_hidden_from_people_and_screen_readers(client, hoven_page):
    page = client.get("/v/hoven/").content.decode()
    wrapper = re.search(r'<div class="visually-hidden" aria-hidden="true">.*?</div>', page)
    assert wrapper and 'name="newcomer-website"' in wrapper[0] and 'tabindex="-1"' in wrapper[0]


def test_an_address_is_refused_after_the_limit_of_sign_ups_in_an_hour(client, hoven_page):
    answers = [_post_newcomer(client).status_code for _ in range(LIMIT + 1)]
    assert answers == [302] * LIMIT + [429]
    assert Person.objects.count() == LIMIT
    assert _post_newcomer(client, address="10.0.0.2").status_code == 302


def test_the_rate_limit_keeps_no_address(client, hoven_page):
    _post_newcomer(client)
    (attempt,) = SignupAttempt.objects.all()
    assert "10.0.0.1" not in attempt.address_hash and len(attempt.address_hash) == 64


def _municipality_id(code: int) -> str:
    from samskab.projects.models import Municipality

    return str(Municipality.objects.get(code=code).pk)


def test_a_visitor_of_the_public_page_gets_no_session(client, hoven_page):
    from django.contrib.sessions.models import Session

    client.get("/v/hoven/")
    response = _post_newcomer(client)
    assert not Session.objects.exists() and "sessionid" not in response.cookies


def test_a_link_from_a_mail_opens_in_the_language_the_person_signed_up_in(client, hoven_page):
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    _post_newcomer(client)
    link = re.search(r"/v/confirm/[0-9a-f-]+/", mail.outbox[0].body)[0]
    other_browser = Client()
    page = other_browser.get(link).content.decode()
    assert 'lang="en"' in page and "Confirm my address" in page
    data = other_browser.get(re.search(r"/v/me/[0-9a-f-]+/", mail.outbox[0].body)[0])
    assert "Delete my data" in data.content.decode()
    other_browser.post(reverse("accounts:set_language"), {"language": "da", "next": "/"})
    assert "Bekræft min adresse" in other_browser.get(link).content.decode()
