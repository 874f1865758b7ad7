"""The village profiles speak Danish by default, and English on request."""

from __future__ import annotations

from pathlib import Path

import polib
from django.urls import reverse

import samskab.villages

CATALOGUE = Path(samskab.villages.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"


def test_every_village_message_has_a_danish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.msgid_plural}
    assert source <= {(e.msgid, e.msgstr) for e in compiled}


def test_the_profile_form_is_danish_and_english_on_request(client_for, project, facilitator):
    hoven = project.villages.get()
    client = client_for(facilitator)
    url = reverse("villages:edit", args=[project.pk, hoven.pk])
    danish = client.get(url).content.decode()
    assert "Profilen for Hoven" in danish and "Bredbånd og mobildækning" in danish
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert "The profile of Hoven" in english and "Broadband and mobile coverage" in english
    assert "Bredbånd" not in english
