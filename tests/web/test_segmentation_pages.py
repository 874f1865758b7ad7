"""Who sees which segment page, and what: profile cards for members, raw answers for no one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.segmentation.models import Fit

from .segmentation_fixtures import segmented_fixture, survey_file_fixture  # noqa: F401  (fixtures)

MANAGER_PAGES = ["segmentation:surveys"]


def _urls(fit: Fit) -> list[str]:
    project = fit.survey.project_id
    return [
        reverse("segmentation:overview", args=[project]),
        reverse("segmentation:csv", args=[project]),
        reverse("segmentation:surveys", args=[project]),
        reverse("segmentation:codebook", args=[project, fit.survey_id]),
        reverse("segmentation:fit", args=[project, fit.pk]),
    ]


def test_an_outsider_gets_404_everywhere(client_for, outsider, segmented):
    client = client_for(outsider)
    for url in _urls(segmented):
        assert client.get(url).status_code == 404, url
    post = reverse("segmentation:names", args=[segmented.survey.project_id])
    assert client.post(post, {"name_1": "x"}).status_code == 404


def test_an_observer_sees_the_cards_but_cannot_upload_or_fit(client_for, observer, segmented):
    client = client_for(observer)
    page = client.get(reverse("segmentation:overview", args=[segmented.survey.project_id]))
    html = page.content.decode()
    assert page.status_code == 200 and "Familierne" in html and "Byfolket" in html
    assert "Name the segments" not in html and "Navngiv segmenterne" not in html
    for url in _urls(segmented)[2:]:
        assert client.get(url).status_code == 403, url


def test_the_project_nav_links_to_the_segments(client_for, participant, segmented):
    html = (
        client_for(participant)
        .get(reverse("projects:detail", args=[segmented.survey.project_id]))
        .content.decode()
    )
    assert reverse("segmentation:overview", args=[segmented.survey.project_id]) in html


@pytest.mark.parametrize("who", ["participant", "facilitator"])
def test_small_counts_are_suppressed_for_everyone_but_a_facilitator(
    request, client_for, segmented, who
):
    user = request.getfixturevalue(who)
    html = (
        client_for(user)
        .get(reverse("segmentation:overview", args=[segmented.survey.project_id]))
        .content.decode()
    )
    assert "Enlig med børn" in html
    assert ("&lt;5" in html) == (who == "participant")


def test_no_respondent_is_shown(client_for, facilitator, segmented):
    client = client_for(facilitator)
    for url in _urls(segmented):
        assert "r17" not in client.get(url).content.decode(), url


def test_the_profile_csv_is_suppressed_for_a_participant(client_for, participant, segmented):
    response = client_for(participant).get(
        reverse("segmentation:csv", args=[segmented.survey.project_id])
    )
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Segment;Navn;Spørgsmål (kode);Spørgsmål;Tal;")
    assert "Familierne" in text and "<5" in text and "r17" not in text


def test_the_profile_csv_is_exact_for_a_facilitator(client_for, facilitator, segmented):
    text = (
        client_for(facilitator)
        .get(reverse("segmentation:csv", args=[segmented.survey.project_id]))
        .content.decode("utf-8-sig")
    )
    assert "<5" not in text and "Byfolket" in text


def test_a_project_without_segments_says_so(client_for, facilitator, project):
    html = (
        client_for(facilitator)
        .get(reverse("segmentation:overview", args=[project.pk]))
        .content.decode()
    )
    assert reverse("segmentation:surveys", args=[project.pk]) in html
    assert (
        client_for(facilitator).get(reverse("segmentation:csv", args=[project.pk])).status_code
        == 404
    )
