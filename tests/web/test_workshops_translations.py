"""The workshop pages speak Danish by default, in the glossary's words."""

from __future__ import annotations

from django.urls import reverse

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)


def test_the_score_sheet_asks_the_three_questions_in_danish(
    client_for, project, participant, ideas
):
    activate(project, 3)
    html = client_for(participant).get(reverse("ideas:score", args=[project.pk])).content.decode()
    for question in ("Gør det en forskel?", "Er det håndterbart for os?", "Har vi lyst til det?"):
        assert f"<legend>{question}</legend>" in html
    assert "Aktiv workshop" in html and "Hvordan?" in html
