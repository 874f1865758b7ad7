"""No figure hidden from a participant on the page "where people go" can be worked out from
everything the participant is shown there and on the other fact-base pages: every place, period
and filter of the where-table, beside the flow lists and the net-migration tables. A village or
parish, whose figures are exact, gives a participant nothing at all."""

from __future__ import annotations

from itertools import product

import numpy as np
from django.urls import reverse

from samskab.projects.models import Village
from tests.common.recovery import recovered
from tests.web.downloads import csv_records

from .test_factbase_import import storage_fixture  # noqa: F401
from .test_factbase_where import english
from .test_flow_suppression_cannot_be_undone import (
    AGE_BANDS,
    HOUSEHOLDS,
    PERIODS,
    REST,
    UNKNOWNS,
    _flow_equations,
    _net_equations,
    is_hidden,
    register_fixture,  # noqa: F401
)

AREAS = {"Syd", "Nord"}
PLACES = {"": AREAS, "Syd": {"Syd"}, "Nord": {"Nord"}}
HOME = "Ringkøbing-Skjern"  # the municipality (760), also the name of its parish in no area


def where_rows(client, project, **params) -> list[dict[str, str]]:
    address = reverse("factbase:where", args=[project.pk])
    response = client.get(address, {**params, "format": "csv"})
    return csv_records(response)


def _municipality(place: str, chosen: set[str]) -> str:
    """Return the where-table's row of an end of a move seen from the chosen areas."""
    if place == "abroad":
        return "Abroad"
    return HOME if place in AREAS | {REST} else place


def _form(chosen: set[str], column: str, row: str, years, age: str, household: str):
    """Return the where-table cell over the unknowns: the chosen areas' moves out to (in from)
    `row`, or in less out for the net."""
    out = np.array([
        float(year in years and o in chosen and d not in chosen and _municipality(d, chosen) == row
              and age in ("", a) and household in ("", h))
        for year, o, d, a, h in UNKNOWNS
    ])  # fmt: skip
    into = np.array([
        float(year in years and d in chosen and o not in chosen and _municipality(o, chosen) == row
              and age in ("", a) and household in ("", h))
        for year, o, d, a, h in UNKNOWNS
    ])  # fmt: skip
    return {"Moved out to": out, "Moved in from": into, "Net (in − out)": into - out}[column]


def test_the_page_reveals_nothing_the_other_pages_hide(client_for, participant, project, register):
    """Every hidden figure of any page (flow lists, net-migration tables, this page's) that
    can be worked out once this page's figures of every place, period and filter are added
    could be worked out from the other pages already: the page tells nothing new. (A sum this
    page hides because a part of it is hidden may still follow from the net-migration table,
    which publishes an area's moves in less its moves out: hiding it then protects nothing but
    gives nothing away either.) And the flow cells the flow pages hide stay hidden."""
    client = english(client_for(participant))
    before: list[np.ndarray] = []
    hidden: dict[str, np.ndarray] = {}
    _flow_equations(client, project, before, hidden)
    _net_equations(client, project, before, hidden)
    hidden_before = dict(hidden)
    shown = list(before)
    for (first, last), age, household, (place, chosen) in product(
        PERIODS, AGE_BANDS, HOUSEHOLDS, PLACES.items()
    ):
        params = {"first": first, "last": last, "age_band": age, "household_type": household}
        for row in where_rows(client, project, place=place, **params):
            for column in ("Moved out to", "Moved in from", "Net (in − out)"):
                years = range(first, last + 1)
                form = _form(chosen, column, row["Municipality"], years, age, household)
                name = f"where {place or 'all'} {first}-{last} {age}/{household} "
                if is_hidden(row[column]):
                    if np.any(form):  # a side without moves hides nothing
                        hidden[name + f"{row['Municipality']} {column}"] = form
                else:
                    shown.append(form)
    assert "where Nord 2008-2008 / Ringkøbing-Skjern Moved in from" in hidden
    assert len(shown) > len(before) + 200
    assert recovered(shown, hidden_before) == []
    assert set(recovered(shown, hidden)) <= set(recovered(before, hidden))


def test_the_top_list_and_map_labels_name_no_hidden_figure(client_for, participant, project,
                                                           register):  # fmt: skip
    """Syd's moves to Nord in 2008 (3, inside the municipality) and Nord's from Syd are small:
    the page shows them only as "<5", never in a ranked list."""
    client = english(client_for(participant))
    address = reverse("factbase:where", args=[project.pk])
    params = {"first": 2008, "last": 2008, "place": "Nord", "direction": "in"}
    response = client.get(address, params)
    assert response.context["home"]["moved_in"] == "<5"
    assert [item["place"] for item in response.context["top"]] == ["Holstebro"]
    rows = [r for r in where_rows(client, project, **params) if r["Kind"] != "Abroad"]
    assert [r["Moved in from"] for r in rows] == ["20", "<5"]


def test_a_village_or_parish_asked_for_gives_a_participant_no_figure_of_its_own(
    client_for, facilitator, participant, project, register
):
    """Every parish of the register (7005 is in no area), as a village and as a parish, in every
    period and filter: a participant is not offered it and, asking all the same, gets the page's
    default table of the areas together, never the parish's; a facilitator asking the same gets
    the parish's own figures."""
    for code in (7001, 7002, 7003, 7004, 7005):
        Village.objects.create(project=project, name=f"Village {code}", parish=str(code))
    client = english(client_for(participant))
    page = client.get(reverse("factbase:where", args=[project.pk])).content.decode()
    assert "parish:" not in page and "Village 7001" not in page
    default = where_rows(client, project)
    for (first, last), age, household, code in product(
        PERIODS, AGE_BANDS, HOUSEHOLDS, (7001, 7002, 7003, 7004, 7005)
    ):
        params = {"first": first, "last": last, "age_band": age, "household_type": household,
                  "place": f"parish:{code}"}  # fmt: skip
        assert where_rows(client, project, **params) == default, params
        assert where_rows(client, project, table="parishes", **params) == default, params
    exact = english(client_for(facilitator))
    own = where_rows(exact, project, place="parish:7005", first=2008, last=2009)
    assert own != where_rows(exact, project, first=2008, last=2009)
    assert [(r["Municipality"], r["Moved in from"]) for r in own] == [("Ringkøbing-Skjern", "8")]
