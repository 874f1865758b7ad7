"""The evaluation speaks Danish by default, and English on request."""

from __future__ import annotations

from django.urls import reverse

from .evaluation_fixtures import on_day_fixture, open_round  # noqa: F401  (fixture)


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
