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
