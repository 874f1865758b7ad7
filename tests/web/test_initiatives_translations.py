"""The initiative and follow-up pages speak Danish: their catalogue is complete."""

from __future__ import annotations

from pathlib import Path

import polib

import samskab.initiatives

CATALOGUE = (
    Path(samskab.initiatives.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"
)


def test_every_initiative_message_has_a_danish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_initiative_catalogue_holds_the_follow_up_messages():
    catalogue = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE))}
    assert catalogue["Initiatives"] == "Initiativer"
    assert catalogue["Weekly overview"] == "Ugentligt overblik"
