"""An uploaded register or survey with a CPR number is refused on the page, which names file,
row and column and never shows the number; nothing but the refused import's record (its
problems, without the number) is kept."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.factbase.models import FactDataset
from samskab.segmentation.models import Survey

from .test_factbase_import import _uploads, moves_text, storage_fixture, write_register  # noqa: F401


def test_a_register_with_a_cpr_number_in_a_parish_column(client_for, facilitator, project, storage):
    moves = moves_text().replace("2008-03-01,661,760,,7001", "2008-03-01,661,760,,120388-2231", 1)
    paths = write_register(storage / "source", **{"moves.csv": moves})
    response = client_for(facilitator).post(
        reverse("factbase:upload", args=[project.pk]), _uploads(paths)
    )
    assert response.status_code == 400
    problems = response.context["problems"]["register"]
    assert [(p.file, p.row, p.column) for p in problems] == [("moves.csv", 2, "to_parish")]
    html = response.content.decode()
    assert "2231" not in html and "CPR" in html
    _only_the_refusal_is_kept(storage, "120388-2231")


def test_a_register_with_a_cpr_number_as_its_header(client_for, facilitator, project, storage):
    areas = "parish,area,municipality,809871234\n7001,Nord,760,x\n"
    paths = write_register(storage / "source", **{"areas.csv": areas})
    response = client_for(facilitator).post(
        reverse("factbase:upload", args=[project.pk]), _uploads(paths)
    )
    assert response.status_code == 400
    assert "809871234" not in response.content.decode()
    _only_the_refusal_is_kept(storage, "809871234")


def _only_the_refusal_is_kept(storage: Path, number: str) -> None:
    (dataset,) = FactDataset.objects.all()
    assert dataset.status == "failed"
    assert dataset.problems and number not in str(dataset.problems)
    assert not any((storage / "uploads").rglob("*.csv"))


def test_a_survey_with_a_cpr_number(client_for, facilitator, project, storage):
    content = "respondent,housing\nr1,1 Vigtigt\n120388\u20132231,2 Uvigtigt\n"
    response = client_for(facilitator).post(
        reverse("segmentation:surveys", args=[project.pk]),
        {"file": SimpleUploadedFile("movers.csv", content.encode(), content_type="text/csv")},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "movers.csv" in html and "respondent" in html and "CPR" in html
    assert "2231" not in html
    assert not Survey.objects.exists()
    assert not list(Path(storage / "uploads").rglob("*.csv"))
