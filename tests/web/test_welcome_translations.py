"""The welcome pages and mails speak Danish by default, and English on request."""

from __future__ import annotations

from django.urls import reverse

from .welcome_fixtures import hoven_page_fixture  # noqa: F401  (fixture)


def test_the_village_page_is_danish_and_english_on_request(client, hoven_page):
    danish = client.get("/v/hoven/").content.decode()
    assert "Ny i landsbyen? Få et velkomstbesøg" in danish and "Lad dette felt stå tomt" in danish
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    english = client.get("/v/hoven/").content.decode()
    assert "New in the village? Get a welcome visit" in english
    assert "Ny i landsbyen" not in english
