"""The segment pages speak Danish by default."""

from __future__ import annotations

from django.urls import reverse

from .segmentation_fixtures import segmented_fixture, survey_file_fixture  # noqa: F401  (fixtures)


def test_the_cards_are_danish_with_a_danish_description(client_for, facilitator, segmented):
    html = (
        client_for(facilitator)
        .get(reverse("segmentation:overview", args=[segmented.survey.project_id]))
        .content.decode()
    )
    assert "Navngiv segmenterne" in html and "Segmenter" in html
    assert "af de adspurgte" in html and "of respondents" not in html


def test_the_recommendation_and_its_reason_are_in_the_users_language(
    client_for, facilitator, segmented
):
    url = reverse("segmentation:fit", args=[segmented.survey.project_id, segmented.pk])
    client = client_for(facilitator)
    danish = client.get(url).content.decode()
    assert "Anbefalet: 2 segmenter" in danish
    assert "K=2 har den laveste BIC" in danish and "relativ entropi 0," in danish
    assert "has the lowest BIC" not in danish and '<p lang="en">' not in danish
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert "K=2 has the lowest BIC" in english and "relative entropy 0." in english
    # A fit saved before its reason was kept as messages shows the English text, marked so.
    results = dict(segmented.results)
    for key in ("reason_messages", "warning_messages"):
        results.pop(key)
    results["reason"] = "K=2 has the lowest BIC (old)."
    type(segmented).objects.filter(pk=segmented.pk).update(results=results)
    client.post(reverse("accounts:set_language"), {"language": "da", "next": "/"})
    old = client.get(url).content.decode()
    assert '<p lang="en">K=2 has the lowest BIC (old).</p>' in old
