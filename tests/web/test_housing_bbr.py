"""The building register's extract (BBR): the villages' housing stock imported all or nothing,
read by the BBR's own column names and use codes, the village found by name or parish, and the
empty and condemned homes shown as opportunities."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.housing.models import Dwelling
from samskab.projects.models import Village

from .test_housing_import import _problems

GOOD = (
    "Sognekode;Enhedens anvendelse;Samlet boligareal;Antal værelser;Opførelsesår;Antal beboere;"
    "Flexbolig;Kondemneret;Adresse\n"
    "7001;120;140;5;1968;3;nej;nej;Skolevej 4\n"
    "7001;120;96;3;1910;0;ja;nej;Kirkevej 1\n"
    "7001;140;60;2;1975;0;nej;ja;Torvet 2, 1.\n"
    "7001;110;180;6;1890;2;nej;nej;Hovenvej 30\n"
)


def _upload(client, project, name: str, text: str):
    url = reverse("housing:bbr", args=[project.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


def _hoven(project) -> Village:
    hoven = project.villages.get(name="Hoven")
    hoven.parish = "7001"
    hoven.save()
    return hoven


def test_an_extract_is_read_by_the_bbrs_names_and_codes(client_for, project, facilitator):
    hoven = _hoven(project)
    response = _upload(client_for(facilitator), project, "bbr.csv", GOOD)
    assert response.status_code == 302
    rows = [(d.kind, d.area, d.rooms, d.year_built, d.occupied, d.flexbolig, d.condemned)
            for d in Dwelling.objects.filter(village=hoven).order_by("address")]  # fmt: skip
    assert rows == [
        ("farm", 180, 6, 1890, True, False, False),  # Hovenvej 30
        ("house", 96, 3, 1910, False, True, False),  # Kirkevej 1
        ("house", 140, 5, 1968, True, False, False),  # Skolevej 4
        ("flat", 60, 2, 1975, False, False, True),  # Torvet 2
    ]


def test_the_page_shows_the_stock_and_the_empty_homes_as_an_opportunity(
    client_for, project, facilitator, participant
):
    _hoven(project)
    _upload(client_for(facilitator), project, "bbr.csv", GOOD)
    page = client_for(participant).get(reverse("housing:bbr", args=[project.pk]))
    text = page.content.decode()
    assert "Hoven: 2 tomme boliger og 1 kondemneret bolig — ejere at kontakte" in text
    assert "Importér et udtræk" not in text  # a participant reads, the facilitator imports


def test_a_bad_extract_changes_nothing_and_names_every_problem(client_for, project, facilitator):
    _hoven(project)
    client = client_for(facilitator)
    _upload(client, project, "bbr.csv", GOOD)
    bad = ("sognekode;anvendelse;opførelsesår;beboet\n"
           "7001;120;1968;ja\n"
           "9999;510;1700x;måske\n"
           "7001;120;120388-2231;ja\n")  # fmt: skip
    response = _upload(client, project, "bbr.csv", bad)
    assert response.status_code == 200
    problems = _problems(response)
    assert ("3", "sognekode", "“9999” er ikke sognet for en landsby i projektet") in problems
    assert any(row == "3" and column == "anvendelse" for row, column, _m in problems)
    assert any(row == "3" and column == "opførelsesår" for row, column, _m in problems)
    assert ("3", "beboet", "“måske” er ikke ja eller nej (ja/nej)") in problems
    assert any(row == "4" and "CPR" in message for row, _c, message in problems)
    assert "120388-2231" not in response.content.decode()
    assert Dwelling.objects.filter(village__project=project).count() == 4  # the one before
