"""The Danish interface is complete: every message has a Danish translation."""

from __future__ import annotations

from pathlib import Path

import polib

import samskab

CATALOGUE = Path(samskab.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_danish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.msgid_plural}
    assert source <= {(e.msgid, e.msgstr) for e in compiled}
