"""The idea, scoring, initiative and follow-up pages speak Danish: each app's catalogue is
complete and holds its own words."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

import samskab.ideas
import samskab.initiatives


def catalogue(app: object) -> polib.POFile:
    folder = Path(app.__file__).parent  # type: ignore[attr-defined]
    return polib.pofile(str(folder / "locale" / "da" / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize(
    ("app", "msgid", "danish"),
    [
        (samskab.ideas, "Does it make a difference?", "Gør det en forskel?"),
        (samskab.ideas, "Ideas", "Idéer"),
        (samskab.initiatives, "Initiatives", "Initiativer"),
        (samskab.initiatives, "Weekly overview", "Ugentligt overblik"),
        (samskab.initiatives, "Done", "Afsluttet"),
    ],
)
def test_the_app_catalogue_holds_its_own_words(app, msgid, danish):
    assert {e.msgid: e.msgstr for e in catalogue(app)}[msgid] == danish
