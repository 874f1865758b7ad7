"""The evaluation speaks Danish by default, and English on request."""

from __future__ import annotations

from pathlib import Path

import polib
from django.urls import reverse

import samskab.evaluation

from .evaluation_fixtures import on_day_fixture, open_round  # noqa: F401  (fixture)

CATALOGUE = Path(samskab.evaluation.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"


def test_every_evaluation_message_has_a_danish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.msgid_plural}
    assert source <= {(e.msgid, e.msgstr) for e in compiled}


def test_the_questionnaire_is_danish_and_english_on_request(
    client_for, project, participant, on_day
):
    evaluation = open_round(project)
    client = client_for(participant)
    url = reverse("evaluation:answer_mine", args=[project.pk, evaluation.pk])
    danish = client.get(url).content.decode()
    assert "Ville du deltage i et lignende forløb igen?" in danish and "Ved ikke" in danish
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert "Would you take part in a process like this again?" in english
    assert "Unsure" in english and "Ved ikke" not in english
