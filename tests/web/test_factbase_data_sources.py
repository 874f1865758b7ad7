"""The other ways to fill the fact base: the demo data, and a StatBank FLY66 download."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.factbase.models import FactDataset

from .test_factbase_import import storage_fixture  # noqa: F401  (fixture)

FLY66 = """\
TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD
657;661;2024;15
657;760;2024;90
661;657;2024;25
661;760;2024;30
760;657;2024;120
760;661;2024;40
"""


def test_a_facilitator_imports_the_demo_data_with_one_button(
    client_for, facilitator, project, storage
):
    response = client_for(facilitator).post(reverse("factbase:use_demo", args=[project.pk]))
    assert response.status_code == 302
    dataset = FactDataset.objects.get(project=project)
    assert dataset.source == FactDataset.Source.DEMO and dataset.boundaries_file
    assert project.areas.count() == 7
    assert not (storage / "uploads" / str(project.pk) / "demo-source").exists()


def test_the_demo_button_needs_a_post(client_for, facilitator, project, storage):
    response = client_for(facilitator).get(reverse("factbase:use_demo", args=[project.pk]))
    assert response.status_code == 405
    assert not FactDataset.objects.exists()


def test_a_fly66_file_shows_the_municipality_balance(client_for, facilitator, project, storage):
    upload = SimpleUploadedFile("fly66.csv", FLY66.encode())
    response = client_for(facilitator).post(
        reverse("factbase:statbank", args=[project.pk]), {"file": upload}
    )
    rows = response.context["balance"]
    assert rows[0]["municipality"] == "Ringkøbing-Skjern" and rows[0]["own"]
    assert (rows[0]["moves_in"], rows[0]["moves_out"], rows[0]["net"]) == (160, 120, 40)
    assert not any((storage / "uploads").rglob("fly66.csv"))


def test_a_broken_fly66_file_shows_its_problems(client_for, facilitator, project, storage):
    upload = SimpleUploadedFile("fly66.csv", b"TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n657;661;2024;x\n")
    response = client_for(facilitator).post(
        reverse("factbase:statbank", args=[project.pk]), {"file": upload}
    )
    problems = response.context["problems"]
    assert problems and problems[0].file == "fly66.csv"
    assert "<td>fly66.csv</td>" in response.content.decode()
