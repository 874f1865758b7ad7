"""The workshop pages speak Danish by default, in the glossary's words."""

from __future__ import annotations

from pathlib import Path

import polib
from django.urls import reverse

import samskab.workshops

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)

CATALOGUE = Path(samskab.workshops.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"


def test_every_workshop_message_has_a_danish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_score_sheet_asks_the_three_questions_in_danish(
    client_for, project, participant, ideas
):
    activate(project, 3)
    html = client_for(participant).get(reverse("ideas:score", args=[project.pk])).content.decode()
    for question in ("Gør det en forskel?", "Er det håndterbart for os?", "Har vi lyst til det?"):
        assert f"<legend>{question}</legend>" in html
    assert "Aktiv workshop" in html and "Hvordan?" in html
