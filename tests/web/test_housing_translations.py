"""The housing pages speak Danish by default, and English on request."""

from __future__ import annotations

from pathlib import Path

import polib

import samskab.housing

CATALOGUE = Path(samskab.housing.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"


def test_every_housing_message_has_a_danish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.msgid_plural}
    assert source <= {(e.msgid, e.msgstr) for e in compiled}
