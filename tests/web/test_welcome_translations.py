"""The welcome pages and mails speak Danish by default, and English on request."""

from __future__ import annotations

from pathlib import Path

import polib
from django.urls import reverse

import samskab.welcome

from .welcome_fixtures import hoven_page_fixture  # noqa: F401  (fixture)

CATALOGUE = Path(samskab.welcome.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"


def test_every_welcome_message_has_a_danish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.msgid_plural}
    assert source <= {(e.msgid, e.msgstr) for e in compiled}


def test_the_village_page_is_danish_and_english_on_request(client, hoven_page):
    danish = client.get("/v/hoven/").content.decode()
    assert "Ny i landsbyen? Få et velkomstbesøg" in danish and "Lad dette felt stå tomt" in danish
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    english = client.get("/v/hoven/").content.decode()
    assert "New in the village? Get a welcome visit" in english
    assert "Ny i landsbyen" not in english
