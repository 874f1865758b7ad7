"""The page "where people go" for a village or parish: its moves with every other parish of its
municipality and by municipality, held against a plain count of the small register; offered only
to those who may see exact figures."""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import product

from django.urls import reverse

from samskab.projects.models import Village

from .test_factbase_import import MOVES, facts_fixture, storage_fixture  # noqa: F401
from .test_factbase_where import FILTERS, PERIODS, _other, band, english, shown_rows, where_csv

PARISHES = (7001, 7002, 7003, 7004)


def plain_count(parish: int, years: range, age_band: str = "", household: str = ""):
    """Count the register by hand: ({(place, kind): (out, in)}, {other parish: (out, in)})."""
    out, into = Counter(), Counter()
    parish_out, parish_in = Counter(), Counter()
    for count, year, origin, target, from_parish, to_parish, age, kind in MOVES:
        if year not in years or age_band not in ("", band(age)) or household not in ("", kind):
            continue
        if from_parish == parish and to_parish != parish:
            out[_other(target, origin)] += count
            if target == origin:
                parish_out[
                    f"Sogn {to_parish} ({to_parish})" if to_parish else "Parish unknown"
                ] += count
        if to_parish == parish and from_parish != parish:
            into[_other(origin, target)] += count
            if target == origin:
                parish_in[
                    f"Sogn {from_parish} ({from_parish})" if from_parish else "Parish unknown"
                ] += count
    places = {key: (out[key], into[key]) for key in out.keys() | into.keys()}
    others = {
        key: (parish_out[key], parish_in[key]) for key in parish_out.keys() | parish_in.keys()
    }
    return places, others


def parish_rows(client, project, **params) -> dict[str, tuple[int, int]]:
    address = reverse("factbase:where", args=[project.pk])
    response = client.get(address, {**params, "format": "csv", "table": "parishes"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    result = {}
    for row in rows:
        name, out, into, net = row.values()
        assert int(net) == int(into) - int(out)
        result[name] = (int(out), int(into))
    return result


def test_every_parish_figure_is_the_plain_count_of_the_register(
    client_for, facilitator, project, facts
):
    client = english(client_for(facilitator))
    for parish, (first, last), (age, household) in product(PARISHES, PERIODS, FILTERS):
        params = {"place": f"parish:{parish}", "first": first, "last": last, "age_band": age,
                  "household_type": household}  # fmt: skip
        places, others = plain_count(parish, range(first, last + 1), age, household)
        assert shown_rows(where_csv(client, project, **params)) == places, params
        assert parish_rows(client, project, **params) == others, params


def test_a_village_is_chosen_by_name_and_drawn_on_the_parish_map(
    client_for, facilitator, project, facts
):
    Village.objects.create(project=project, name="Lilleby", parish="7001")
    client = english(client_for(facilitator))
    address = reverse("factbase:where", args=[project.pk])
    page = client.get(address).content.decode()
    assert '<option value="parish:7001">Lilleby</option>' in page
    assert '<option value="parish:7003">Sogn 7003 (7003)</option>' in page
    response = client.get(address, {"place": "parish:7001", "first": 2009, "last": 2009})
    html = response.content.decode()
    assert "Lilleby (7001) · Net" in " ".join(html.split())
    assert "The other parishes of Ringkøbing-Skjern</h2>" in html
    svg = response.context["parish_svg"]
    assert '<svg role="img"' in svg and ">Sogn 7003 +3</text>" in svg and ">Sogn 7001</text>" in svg
    assert [[c.value for c in row] for row in response.context["parish_rows"]] == [
        ["Sogn 7003 (7003)", "0", "3", "3"]
    ]
    assert response.context["abroad"] is None  # no move abroad in 2009
    assert response.context["home"]["moved_in"] == "3"


def test_a_participant_is_offered_no_parish_and_told_why(client_for, participant, project, facts):
    Village.objects.create(project=project, name="Lilleby", parish="7001")
    client = english(client_for(participant))
    address = reverse("factbase:where", args=[project.pk])
    html = client.get(address).content.decode()
    assert "parish:7001" not in html and "Lilleby" not in html
    assert "Villages and parishes can be chosen only by those who may see exact figures" in html
    # A parish asked for all the same is not shown: the page falls back to the areas together.
    asked = client.get(address, {"place": "parish:7001", "first": 2008, "last": 2009})
    assert asked.context.get("parish") is None and "parish_rows" not in asked.context
    assert where_csv(client, project, place="parish:7001", table="parishes") == where_csv(
        client, project
    )


def _demo_count(folder, parish: str, years: range, age_band: str):
    """Count the demo register's moves of one parish by hand, as plain_count does."""
    out, into = Counter(), Counter()
    with (folder / "moves.csv").open(encoding="utf-8") as handle:
        for move in csv.DictReader(handle):
            if int(move["move_date"][:4]) not in years or age_band not in (
                "",
                band(int(move["age"])),
            ):
                continue
            ends = [int(c) if c != "abroad" else "abroad" for c in
                    (move["from_municipality"], move["to_municipality"])]  # fmt: skip
            if move["from_parish"] == parish and move["to_parish"] != parish:
                out[_other(ends[1], ends[0])] += 1
            if move["to_parish"] == parish and move["from_parish"] != parish:
                into[_other(ends[0], ends[1])] += 1
    return {key: (out[key], into[key]) for key in out.keys() | into.keys()}


def test_a_demo_parishs_figures_are_the_plain_count_of_its_register(
    client_for, facilitator, project, storage
):
    from samskab.demo_data import write_demo_data
    from samskab.factbase.actions import import_demo_folder

    folder = storage / "demo"
    write_demo_data(folder)
    import_demo_folder(project, folder, user=facilitator)
    client = english(client_for(facilitator))
    codes = sorted({str(code) for area in project.areas.all() for code in area.parishes})
    for code, age_band in ((codes[0], ""), (codes[-1], "18-29")):
        params = {"place": f"parish:{int(code):04d}", "age_band": age_band, "first": 2010,
                  "last": 2015}  # fmt: skip
        rows = where_csv(client, project, **params)
        assert rows and shown_rows(rows) == _demo_count(folder, code, range(2010, 2016), age_band)
        others = parish_rows(client, project, **params)
        home = dict(shown_rows(rows)).get(("Ringkøbing-Skjern", "Inside the municipality"))
        assert home == tuple(map(sum, zip(*others.values(), strict=True))), code


def test_each_village_has_a_slide_for_those_who_may_see_exact_figures(
    client_for, facilitator, contact, project, facts
):
    Village.objects.create(project=project, name="Lilleby", parish="7001")
    address = reverse("factbase:present_slide", args=[project.pk, 7])
    slide = client_for(facilitator).get(address, {"first": 2008, "last": 2009})
    html = slide.content.decode()
    assert "<h1>Hvor folk fra Lilleby flytter hen</h1>" in html
    assert "Flytninger med de andre sogne i Ringkøbing-Skjern" in html
    assert '<svg role="img"' in slide.context["parish_svg"]
    assert [[c.value for c in row] for row in slide.context["parish_rows"]] == [
        ["Sogn 7003 (7003)", "0", "3", "3"]
    ]
    rows = {row[0].value: [c.value for c in row[1:]] for row in slide.context["where_rows"]}
    assert rows["Holstebro"] == ["Anden kommune", "0", "20", "20"]
    assert rows["Ringkøbing-Skjern"] == ["Inden for kommunen", "0", "3", "3"]
    assert "Udlandet" not in rows  # Nord moved 12 abroad, but from the other parish
    # A contact presents without exact figures: the story's slides only.
    assert client_for(contact).get(address).status_code == 404
