"""The net migration table on the page, in its CSV download and on the slide adds up: a row for
moves from or to a parish unknown or in no area, and a total row, with a note."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.factbase.actions import do_import
from samskab.factbase.models import FactDataset

from .test_factbase_import import moves_text, storage_fixture, write_register  # noqa: F401

# Two moves from Nord (7001) to a parish of the municipality that the register does not know.
UNPLACED = "".join(f"2008-05-01,760,760,7001,,P9{n},30,other,F\n" for n in range(2))


@pytest.fixture(name="unplaced")
def unplaced_fixture(project, facilitator, storage) -> FactDataset:
    paths = write_register(storage / "source", **{"moves.csv": moves_text() + UNPLACED})
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"]}  # fmt: skip
    return do_import(project, files, individual=True, user=facilitator)


def _overview(client, project):
    return client.get(reverse("factbase:overview", args=[project.pk]))


def test_the_table_shows_the_rest_and_the_total_in_danish(
    client_for, facilitator, project, unplaced
):
    response = _overview(client_for(facilitator), project)
    figure = response.context["figures"][0]
    shown = [[cell.value for cell in row[:4]] for row in figure.rows]
    assert shown == [
        ["Syd", "-3", "-2", "-5"],
        ["Nord", "1", "8", "9"],
        ["Sogn ukendt eller uden for områderne", "2", "0", "2"],
        ["I alt", "0", "6", "6"],
    ]
    assert [cell.value for cell in figure.rows[-1][4:]] == ["", ""]  # no population, no %
    html = response.content.decode()
    assert "med dem giver kolonnen inden for kommunen nul i alt" in html
    assert "I alt" not in str(figure.svg)  # the chart shows areas only


def test_the_rows_speak_english_on_request(client_for, facilitator, project, unplaced):
    client = client_for(facilitator)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    html = _overview(client, project).content.decode()
    assert "Parish unknown or outside the areas" in html and ">Total<" in html


def test_the_csv_download_has_the_rows_after_the_areas(client_for, facilitator, project, unplaced):
    address = reverse("factbase:csv", args=[project.pk, "net-migration"])
    lines = client_for(facilitator).get(address).content.decode("utf-8-sig").splitlines()
    assert lines == [
        "Område;Netto, inden for kommunen;Netto, andre steder;Nettotilflytning;"
        "Befolkning 1. januar, første år;% af befolkningen",
        "Syd;-3;-2;-5;3500;-0,1",
        "Nord;1;8;9;1500;0,6",
        "Sogn ukendt eller uden for områderne;2;0;2;;",
        "I alt;0;6;6;;",
    ]


def test_the_map_and_its_table_show_areas_only(client_for, facilitator, project, unplaced):
    address = reverse("factbase:csv", args=[project.pk, "map"])
    lines = client_for(facilitator).get(address).content.decode("utf-8-sig").splitlines()
    assert [line.split(";")[0] for line in lines] == ["Område", "Syd", "Nord"]


def test_the_slide_shows_the_table_with_its_total(client_for, facilitator, project, unplaced):
    response = client_for(facilitator).get(reverse("factbase:present_slide", args=[project.pk, 1]))
    html = response.content.decode()
    assert "Sogn ukendt eller uden for områderne" in html and "I alt" in html


def test_others_see_the_rows_suppressed_like_the_areas(client_for, participant, project, unplaced):
    address = reverse("factbase:csv", args=[project.pk, "net-migration"])
    lines = client_for(participant).get(address).content.decode("utf-8-sig").splitlines()
    assert [line.split(";")[0] for line in lines[3:]] == [
        "Sogn ukendt eller uden for områderne",
        "I alt",
    ]
