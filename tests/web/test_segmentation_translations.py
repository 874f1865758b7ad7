"""The segment pages speak Danish by default."""

from __future__ import annotations

from pathlib import Path

import polib
from django.urls import reverse

import samskab.segmentation

from .segmentation_fixtures import segmented_fixture, survey_file_fixture  # noqa: F401  (fixtures)

CATALOGUE = (
    Path(samskab.segmentation.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po"
)


def test_every_segment_message_has_a_danish_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.msgid_plural}
    assert source <= {(e.msgid, e.msgstr) for e in compiled}


def test_the_cards_are_danish_with_a_danish_description(client_for, facilitator, segmented):
    html = (
        client_for(facilitator)
        .get(reverse("segmentation:overview", args=[segmented.survey.project_id]))
        .content.decode()
    )
    assert "Navngiv segmenterne" in html and "Segmenter" in html
    assert "af de adspurgte" in html and "of respondents" not in html
