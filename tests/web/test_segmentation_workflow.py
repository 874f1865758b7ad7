"""A facilitator's way through: upload, edit the codebook, fit, choose K, name the segments;
and a bad upload that names the item and row and stores nothing."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.facts.errors import error_json
from samskab.segmentation import actions
from samskab.segmentation.models import Fit, Survey
from samskab.segments.errors import ModelError

from .segmentation_fixtures import ITEMS, segmented_fixture, survey_file_fixture  # noqa: F401  (fixtures)


def _upload(client, project, name: str, content: bytes):
    return client.post(
        reverse("segmentation:surveys", args=[project.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_a_bad_survey_names_the_item_and_row_and_stores_nothing(client_for, facilitator, project):
    stored = set(Path(settings.UPLOAD_DIR).rglob("*"))
    content = "respondent,imp_housing\nr1,1 Vigtigt\nr2,1 Uvigtigt\nr3,2 Hverken eller\n"
    response = _upload(client_for(facilitator), project, "bad.csv", content.encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert "bad.csv" in html and "imp_housing" in html and '<td class="num">3</td>' in html
    assert not Survey.objects.exists()
    assert {p for p in Path(settings.UPLOAD_DIR).rglob("*") if p.is_file()} <= stored


def test_a_file_of_another_kind_is_refused(client_for, facilitator, project):
    response = _upload(client_for(facilitator), project, "notes.pdf", b"%PDF")
    assert response.status_code == 200 and not Survey.objects.exists()


def test_an_observer_cannot_upload(client_for, observer, project, survey_file):
    response = _upload(client_for(observer), project, "s.csv", survey_file.read_bytes())
    assert response.status_code == 403 and not Survey.objects.exists()


def _codebook_post(survey: Survey, roles: dict[str, str], kinds: dict[str, str] | None = None):
    items = survey.read_codebook().items
    data = {"form-TOTAL_FORMS": str(len(items)), "form-INITIAL_FORMS": str(len(items))}
    for i, item in enumerate(items):
        data[f"form-{i}-kind"] = (kinds or {}).get(item.name, item.kind)
        data[f"form-{i}-role"] = roles.get(item.name, "descriptive")
    return data


def test_upload_edit_fit_choose_and_name(client_for, facilitator, project, survey_file, settings):
    client = client_for(facilitator)
    response = _upload(client, project, "movers.csv", survey_file.read_bytes())
    survey = Survey.objects.get()
    assert response.status_code == 302 and survey.respondents == 160
    url = reverse("segmentation:codebook", args=[project.pk, survey.pk])
    assert "1 Uvigtigt" not in client.get(url).content.decode()  # labels, without their codes

    response = client.post(url, _codebook_post(survey, dict.fromkeys(ITEMS, "segmenting")))
    survey.refresh_from_db()
    assert response.status_code == 302
    assert [i.name for i in survey.read_codebook().items if i.role == "segmenting"] == list(ITEMS)

    start = reverse("segmentation:start_fit", args=[project.pk, survey.pk])
    form = {"first_classes": 2, "last_classes": 3, "bootstrap": 2, "seed": 1}
    response = client.post(start, form)
    fit = Fit.objects.get()
    assert response.status_code == 302 and fit.status == Fit.Status.DONE
    html = client.get(reverse("segmentation:fit", args=[project.pk, fit.pk])).content.decode()
    assert "BIC" in html and "K=2 har den laveste BIC" in html  # the reason, in Danish

    choose = reverse("segmentation:choose", args=[project.pk, fit.pk])
    assert client.post(choose, {"classes": 2}).status_code == 302
    names = reverse("segmentation:names", args=[project.pk])
    client.post(names, {"name_1": "Familierne", "name_2": "Byfolket"})
    fit.refresh_from_db()
    assert fit.chosen == 2 and fit.names == ["Familierne", "Byfolket"]
    overview = client.get(reverse("segmentation:overview", args=[project.pk])).content.decode()
    assert "Familierne" in overview and "Byfolket" in overview


def test_a_text_item_cannot_form_segments(client_for, facilitator, project, survey_file):
    from .segmentation_fixtures import import_survey

    survey = import_survey(project, survey_file)
    url = reverse("segmentation:codebook", args=[project.pk, survey.pk])
    response = client_for(facilitator).post(
        url, _codebook_post(survey, {"respondent": "segmenting"})
    )
    survey.refresh_from_db()
    assert response.status_code == 400
    assert survey.read_codebook()["respondent"].role == "descriptive"


def test_a_kind_the_answers_do_not_fit_is_refused_with_the_row(
    client_for, facilitator, project, survey_file
):
    from .segmentation_fixtures import import_survey

    survey = import_survey(project, survey_file)
    url = reverse("segmentation:codebook", args=[project.pk, survey.pk])
    post = _codebook_post(survey, dict.fromkeys(ITEMS, "segmenting"), {"household": "numeric"})
    response = client_for(facilitator).post(url, post)
    survey.refresh_from_db()
    assert response.status_code == 400 and "household" in response.content.decode()
    assert survey.read_codebook()["household"].kind == "categorical"


def test_a_running_fit_is_polled_and_refreshes_when_done(
    client_for, facilitator, segmented, job_queue
):
    fit = actions.do_start_fit(segmented.survey, range(2, 4), bootstrap=0, user=None)
    client = client_for(facilitator)
    url = reverse("segmentation:fit", args=[segmented.survey.project_id, fit.pk])
    assert 'hx-trigger="every 3s"' in client.get(url).content.decode()
    fit.folder.mkdir(parents=True)
    (fit.folder / "error.txt").write_text("too few respondents", encoding="utf-8")
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.headers.get("HX-Refresh") == "true"
    assert "too few respondents" in client.get(url).content.decode()


def test_a_failed_fits_reason_is_shown_in_the_pages_language(
    client_for, facilitator, segmented, job_queue
):
    fit = actions.do_start_fit(segmented.survey, range(2, 4), bootstrap=0, user=None)
    fit.folder.mkdir(parents=True)
    error = ModelError.of("too_few_respondents", count=3, classes=4)
    (fit.folder / "error.txt").write_text(error_json(error), encoding="utf-8")
    client = client_for(facilitator)
    url = reverse("segmentation:fit", args=[segmented.survey.project_id, fit.pk])
    assert "3 svarpersoner er for få til 4 klasser" in client.get(url).content.decode()
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    assert "3 respondents are too few for 4 classes" in client.get(url).content.decode()


def test_the_idea_form_offers_the_segment_names(client_for, facilitator, segmented):
    html = (
        client_for(facilitator)
        .get(reverse("ideas:add", args=[segmented.survey.project_id]))
        .content.decode()
    )
    assert '<option value="Familierne">' in html and 'list="id_target_segment-segments"' in html


def test_the_idea_form_keeps_free_text_without_segments(client_for, facilitator, project):
    html = client_for(facilitator).get(reverse("ideas:add", args=[project.pk])).content.decode()
    assert "<datalist" not in html and 'name="target_segment"' in html
