"""The page "where people go": a place's moves by municipality, held against a plain count of
the register, for the project's areas together and for each area, in every filter."""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import product
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.facts.municipalities import municipality_name

from .test_factbase_import import MOVES, facts_fixture, storage_fixture  # noqa: F401

AREA_OF = {7003: "Syd", 7004: "Syd", 7001: "Nord", 7002: "Nord"}
HOME = 760
KOMMUNER = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "dagi2014" / "kommuner.topojson"
)


def english(client):
    """Return the client with English chosen as the interface's language."""
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/projects/"})
    return client


def where_csv(client, project, **params) -> list[dict[str, str]]:
    address = reverse("factbase:where", args=[project.pk])
    response = client.get(address, {**params, "format": "csv"})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def band(age: int) -> str:
    return (
        "0-17"
        if age < 18
        else "18-29"
        if age < 30
        else "30-44"
        if age < 45
        else ("45-64" if age < 65 else "65+")
    )


def plain_count(areas: set[str], years: range, age_band: str = "", household: str = ""):
    """Count the small register's moves by hand: {(place, kind): (out, in)} for the areas."""
    out, into = Counter(), Counter()
    for count, year, origin, target, from_parish, to_parish, age, kind in MOVES:
        if year not in years or age_band not in ("", band(age)) or household not in ("", kind):
            continue
        here_from = AREA_OF.get(from_parish) in areas if from_parish else False
        here_to = AREA_OF.get(to_parish) in areas if to_parish else False
        if here_from and not here_to:
            out[_other(target, origin)] += count
        if here_to and not here_from:
            into[_other(origin, target)] += count
    return {key: (out[key], into[key]) for key in out.keys() | into.keys()}


def _other(code, home) -> tuple[str, str]:
    if code == "abroad":
        return ("Abroad", "Abroad")
    if code == home:
        return (municipality_name(code), "Inside the municipality")
    return (municipality_name(code), "Other municipality")


def shown_rows(rows: list[dict[str, str]]) -> dict[tuple[str, str], tuple[int, int]]:
    """Return the CSV's rows as {(place, kind): (moved out, moved in)}, checking each net."""
    result = {}
    for row in rows:
        place, kind, out, into, net = row.values()
        assert int(net) == int(into) - int(out)
        result[(place, kind)] = (int(out), int(into))
    return result


PERIODS = ((2008, 2008), (2009, 2009), (2008, 2009))
FILTERS = (("", ""), ("18-29", ""), ("30-44", ""), ("", "other"), ("", "single_no_children"),
           ("30-44", "couple_with_children"))  # fmt: skip


def test_every_figure_is_the_plain_count_of_the_register(client_for, facilitator, project, facts):
    client = english(client_for(facilitator))
    for place, (first, last), (age_band, household) in product(["", "Syd", "Nord"], PERIODS,
                                                                  FILTERS):  # fmt: skip
        rows = where_csv(client, project, place=place, first=first, last=last,
                         age_band=age_band, household_type=household)  # fmt: skip
        areas = {place} if place else {"Syd", "Nord"}
        expected = plain_count(areas, range(first, last + 1), age_band, household)
        assert shown_rows(rows) == expected, (place, first, last, age_band, household)


def test_the_page_speaks_danish_by_default_and_says_the_map_needs_boundaries(
    client_for, facilitator, project, facts
):
    address = reverse("factbase:where", args=[project.pk])
    html = client_for(facilitator).get(address).content.decode()
    assert "<h1>Hvor folk flytter hen</h1>" in html
    assert "Danmarkskortet kræver kommunegrænserne (DAGI)" in html
    assert "Projektets områder samlet" in html and "Udlandet" in html
    assert '<svg role="img"' in html and "<title>Hvor folk flyttede" in html


def test_an_htmx_filter_change_gets_the_results_only(client_for, facilitator, project, facts):
    address = reverse("factbase:where", args=[project.pk])
    response = english(client_for(facilitator)).get(
        address, {"place": "Nord", "direction": "out", "first": 2009, "last": 2009},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    html = response.content.decode()
    assert html.startswith('<div id="where-results"') and "<h1>" not in html
    summary = " ".join(html.split("</strong>")[1].split("</p>")[0].split())
    assert summary.startswith("Nord · Out-movers&#x27; destinations · 2009–2009 · All ages")
    assert [item["place"] for item in response.context["top"]] == []  # only abroad, home


@pytest.mark.skipif(not KOMMUNER.exists(), reason="../shared/data (DAGI boundaries) is absent")
def test_with_dagi_municipality_boundaries_the_map_of_denmark_names_the_largest(
    client_for, facilitator, participant, project, facts
):
    upload = reverse("factbase:where_outlines", args=[project.pk])
    data = KOMMUNER.read_bytes()
    refused = client_for(participant).post(
        upload, {"file": SimpleUploadedFile("kommuner.topojson", data)}
    )
    assert refused.status_code == 403
    client = english(client_for(facilitator))
    client.post(upload, {"file": SimpleUploadedFile("kommuner.topojson", data)})
    address = reverse("factbase:where", args=[project.pk])
    response = client.get(address, {"first": 2008, "last": 2009})
    html = response.content.decode()
    assert "The map of Denmark</h2>" in html and "needs the municipality boundaries" not in html
    # Labels: Holstebro +20 (in, 2008) and Herning −8 (out of Syd, 2008).
    svg = response.context["svg"]
    assert ">Holstebro +20</text>" in svg and ">Herning -8</text>" in svg
    assert svg.count("<path ") >= 99  # a shape per municipality, and the legend's


def test_a_file_without_municipalities_is_refused_with_its_reason(
    client_for, facilitator, project, facts
):
    upload = reverse("factbase:where_outlines", args=[project.pk])
    bad = SimpleUploadedFile("kommuner.geojson", b'{"type": "FeatureCollection", "features": []}')
    response = client_for(facilitator).post(upload, {"file": bad}, follow=True)
    assert "Grænsefilen kan ikke bruges" in response.content.decode()


def test_the_presentation_has_a_slide_of_where_people_go_with_its_table(
    client_for, contact, project, facts
):
    client = client_for(contact)
    slide = next(
        response
        for number in range(1, 8)
        if (response := client.get(reverse("factbase:present_slide", args=[project.pk, number])))
        .context["slug"] == "where"
    )  # fmt: skip
    html = slide.content.decode()
    assert "<h1>Hvor folk i virkeligheden flytter hen</h1>" in html
    assert '<svg role="img"' in html and "<summary>Tallene som tabel</summary>" in html
    rows = {row[0].value: [c.value for c in row[1:]] for row in slide.context["figure"].rows}
    assert rows["Holstebro"] == ["Anden kommune", "0", "20", "20"]  # the default period 2008–09
    assert rows["Udlandet"] == ["Udlandet", "12", "6", "-6"]


def test_the_handbook_prints_where_people_go_as_the_page_shows_it(
    client_for, facilitator, participant, project, facts, tmp_path
):
    from .test_handbook import figures_of, publish, text_of

    text = text_of(publish(client_for(facilitator), project), tmp_path)
    assert "Hvor folk flytter hen: områdernes flytninger med hver kommune" in text
    shown = where_csv(english(client_for(participant)), project)
    holstebro = next(r for r in shown if r["Municipality"] == "Holstebro")
    line = next(line for line in text.splitlines()
                if line.strip().startswith("Holstebro") and "Anden kommune" in line)  # fmt: skip
    assert figures_of(line) == [holstebro[c] for c in list(holstebro)[2:]] == ["0", "20", "20"]


def _demo_count(folder: Path, areas: set[str], years: range, age_band: str):
    """Count the demo register's moves by hand, as plain_count does for the small one."""
    with (folder / "areas.csv").open(encoding="utf-8") as handle:
        area_of = {(r["municipality"], r["parish"]): r["area"] for r in csv.DictReader(handle)}
    out, into = Counter(), Counter()
    with (folder / "moves.csv").open(encoding="utf-8") as handle:
        for move in csv.DictReader(handle):
            if int(move["move_date"][:4]) not in years or age_band not in (
                "",
                band(int(move["age"])),
            ):
                continue
            origin, target = move["from_municipality"], move["to_municipality"]
            here_from = area_of.get((origin, move["from_parish"])) in areas
            here_to = area_of.get((target, move["to_parish"])) in areas
            ends = [int(c) if c != "abroad" else "abroad" for c in (origin, target)]
            if here_from and not here_to:
                out[_other(ends[1], ends[0])] += 1
            if here_to and not here_from:
                into[_other(ends[0], ends[1])] += 1
    return {key: (out[key], into[key]) for key in out.keys() | into.keys()}


def test_the_demo_municipalitys_figures_are_the_plain_count_of_its_register(
    client_for, facilitator, project, storage
):
    from samskab.demo_data import write_demo_data
    from samskab.factbase.actions import import_demo_folder

    folder = storage / "demo"
    write_demo_data(folder)
    import_demo_folder(project, folder, user=facilitator)
    client = english(client_for(facilitator))
    for place, age_band in (("", ""), ("Bykernen", "18-29"), ("Ådalen", "")):
        rows = where_csv(client, project, place=place, age_band=age_band, first=2010, last=2015)
        areas = {place} if place else {area.name for area in project.areas.all()}
        assert shown_rows(rows) == _demo_count(folder, areas, range(2010, 2016), age_band), place
