"""No flow hidden from a participant can be worked out from everything the participant is shown:
the flow lists (top destinations and origins, largest flows, the flow map's table) of every
filter for 2008, 2009 and 2008–2009, together with those periods' net-migration tables."""

from __future__ import annotations

import csv
from itertools import product

import numpy as np
import pytest
from django.urls import reverse

from samskab.factbase.actions import do_import
from samskab.facts.build import Params, build_fact_base
from samskab.facts.store import load_dataset
from tests.common.recovery import recovered
from tests.web.downloads import figure_records

from .test_factbase_import import moves_text, storage_fixture, write_register  # noqa: F401

REST = "Ringkøbing-Skjern"  # a parish of the municipality in no area (7005)
# Added to the small register: Syd → Nord 3 in 2008 and 7 in 2009 (beside its 3 there), Nord
# → the rest 6 in 2008 and 2 in 2009, Nord → Syd 5 + 4 in 2009 in two age bands.
MORE = [
    (2008, 7003, 7001, 3, 40, "other"),
    (2009, 7003, 7001, 7, 40, "other"),
    (2008, 7001, 7005, 6, 25, "single_no_children"),
    (2009, 7002, 7005, 2, 25, "single_no_children"),
    (2009, 7001, 7004, 5, 30, "couple_with_children"),
    (2009, 7001, 7004, 4, 50, "couple_with_children"),
]
# The unknowns: the register's moves counted by year, origin, destination, age band and
# household (written out by hand from the register and MORE).
UNKNOWNS = [
    (2008, "Holstebro", "Nord", "30-44", "couple_with_children"),  # 20
    (2008, "Syd", "Herning", "30-44", "single_with_children"),  # 8
    (2008, "Syd", "Nord", "30-44", "other"),  # 3
    (2008, "Nord", REST, "18-29", "single_no_children"),  # 6
    (2009, "Syd", "Nord", "65+", "couple_no_children"),  # 3
    (2009, "Syd", "Nord", "30-44", "other"),  # 7
    (2009, "Nord", "abroad", "18-29", "single_no_children"),  # 12
    (2009, "abroad", "Syd", "30-44", "other"),  # 6
    (2009, "Nord", REST, "18-29", "single_no_children"),  # 2
    (2009, "Nord", "Syd", "30-44", "couple_with_children"),  # 5
    (2009, "Nord", "Syd", "45-64", "couple_with_children"),  # 4
]
INSIDE = {"Syd", "Nord", REST}  # the places of the municipality
PERIODS = ((2008, 2008), (2009, 2009), (2008, 2009))
AGE_BANDS = ("", "18-29", "30-44", "45-64", "65+")
HOUSEHOLDS = ("", "couple_with_children", "couple_no_children", "single_no_children",
              "single_with_children", "other")  # fmt: skip
NET_ROWS = ("Syd", "Nord", REST, "total")  # the net-migration table's rows, in order


@pytest.fixture(name="register")
def register_fixture(project, facilitator, storage):
    extra = "".join(
        f"{year}-06-01,760,760,{origin},{target},R{year}{origin}{target}{age}{n},{age},{kind},M\n"
        for year, origin, target, count, age, kind in MORE
        for n in range(count)
    )
    paths = write_register(storage / "source", **{"moves.csv": moves_text() + extra})
    files = {name: paths[f"{name.replace('register', 'moves')}.csv"]
             for name in ("register", "areas", "population")}  # fmt: skip
    return do_import(project, files, individual=True, user=facilitator)


def is_hidden(value: str) -> bool:
    return value == ".." or value.startswith("<")


def _csv(client, project, slug: str, **params) -> list[dict[str, str]]:
    address = reverse("factbase:csv", args=[project.pk, slug])
    return figure_records(client.get(address, params))


def _flow_form(origin: str | None, destination: str | None, years, age: str, household: str):
    """Return the moves from origin to destination (None: any) in the years and filter."""
    return np.array([
        float(year in years and origin in (None, o) and destination in (None, d)
              and age in ("", a) and household in ("", h))
        for year, o, d, a, h in UNKNOWNS
    ])  # fmt: skip


def _ends(slug: str, row: dict[str, str]) -> tuple[str, str]:
    if slug == "destinations":
        return row["area"], row["destination"]
    if slug == "origins":
        return row["origin"], row["area"]
    return row["origin"], row["destination"]


def _flow_equations(client, project, shown: list, hidden: dict) -> None:
    """Add every cell of every flow list, period and filter to `shown` or `hidden`."""
    slugs = ("destinations", "origins", "largest-flows", "flow-map")
    for (first, last), age, household, slug in product(PERIODS, AGE_BANDS, HOUSEHOLDS, slugs):
        years = range(first, last + 1)
        params = {"first": first, "last": last, "age_band": age, "household_type": household}
        for row in _csv(client, project, slug, **params):
            origin, destination = _ends(slug, row)
            form = _flow_form(origin, destination, years, age, household)
            if is_hidden(row["moves"]):
                hidden[f"{slug} {first}-{last} {age}/{household} {origin}→{destination}"] = form
                continue
            shown.append(form)
            if row.get("share") and not is_hidden(row["share"]):  # the area's total
                out = slug == "destinations"
                shown.append(_flow_form(row["area"] if out else None,
                                        None if out else row["area"], years, age, household))  # fmt: skip


def _net_form(place: str, column: str, years) -> np.ndarray:
    """Return a net-migration cell over the unknowns: moves in less moves out of `place`
    (None: every row's, the total), within the municipality, with other places, or both."""
    kinds = {"net_internal": (True,), "net_external": (False,)}.get(column, (True, False))
    return np.array([
        float(year in years and (o in INSIDE and d in INSIDE) in kinds)
        * ((d == place) - (o == place))
        for year, o, d, _a, _h in UNKNOWNS
    ])  # fmt: skip


def _net_equations(client, project, shown: list, hidden: dict) -> None:
    """Add every cell of every period's net-migration table to `shown` or `hidden`."""
    for first, last in PERIODS:
        rows = _csv(client, project, "net-migration", first=first, last=last)
        for place, row in zip(NET_ROWS, rows, strict=True):
            places = list(INSIDE) if place == "total" else [place]
            for column in ("net_internal", "net_external", "net_total", "pct_of_base_population"):
                if not row[column]:
                    continue
                form = sum(_net_form(p, column, range(first, last + 1)) for p in places)
                if not is_hidden(row[column]):
                    shown.append(form)
                elif np.any(form):
                    hidden[f"net-migration {first}-{last} {row['area']} {column}"] = form


def test_no_hidden_flow_can_be_worked_out_from_every_list_period_and_filter(
    client_for, participant, project, register
):
    client = client_for(participant)
    shown: list[np.ndarray] = []
    hidden: dict[str, np.ndarray] = {}
    _flow_equations(client, project, shown, hidden)
    _net_equations(client, project, shown, hidden)
    assert "destinations 2008-2008 / Syd→Nord" in hidden
    assert recovered(shown, hidden) == []


def _syd_to_nord(client, project, first: int, last: int) -> dict[str, str]:
    """Return what each list of the period shows for the moves from Syd to Nord."""
    seen = {}
    for slug in ("destinations", "origins", "largest-flows", "flow-map"):
        rows = _csv(client, project, slug, first=first, last=last)
        seen[slug] = next(r["moves"] for r in rows if _ends(slug, r) == ("Syd", "Nord"))
    return seen


def test_a_pair_reads_the_same_in_every_list_and_is_hidden_in_every_period_holding_a_hidden_year(
    client_for, participant, project, register
):
    client = client_for(participant)
    # Syd → Nord: 3 in 2008, 10 in 2009, 13 in 2008–2009.
    assert _syd_to_nord(client, project, 2008, 2008) == dict.fromkeys(
        ("destinations", "origins", "largest-flows", "flow-map"), "<5"
    )
    assert set(_syd_to_nord(client, project, 2009, 2009).values()) == {"10"}
    assert set(_syd_to_nord(client, project, 2008, 2009).values()) == {".."}


def test_the_facilitator_sees_every_flow_exactly_with_its_share(
    client_for, facilitator, project, register
):
    rows = _csv(client_for(facilitator), project, "destinations", first=2008, last=2009)
    assert [(r["area"], r["destination"], r["moves"], r["share"]) for r in rows] == [
        ("Syd", "Nord", "13", "61.9"),  # of 21
        ("Syd", "Herning", "8", "38.1"),
        ("Nord", "abroad", "12", "41.4"),  # of 29
        ("Nord", "Syd", "9", "31.0"),
        ("Nord", REST, "8", "27.6"),
    ]


@pytest.mark.parametrize(("first", "last", "syd_to_nord"),
                         [(2008, 2008, "<5"), (2009, 2009, "10"), (2008, 2009, "..")])  # fmt: skip
def test_a_suppressed_build_lists_the_flows_as_the_pages_do(
    client_for, participant, project, register, storage, first, last, syd_to_nord
):
    """`samskab facts build --suppress-below 5` writes the same top lists, hidden the same way,
    as a participant downloads from the pages for the period."""
    folder = storage / "source"
    data = load_dataset(areas=folder / "areas.csv", population=folder / "population.csv",
                        moves=folder / "moves.csv", in_memory=True)  # fmt: skip
    out = storage / f"build-{first}-{last}"
    build_fact_base(data, Params(first, last), out, suppress_below=5)
    client = client_for(participant)
    for table, slug, there in (("top_destinations", "destinations", "destination"),
                               ("top_origins", "origins", "origin")):  # fmt: skip
        with (out / f"{table}.csv").open(encoding="utf-8-sig") as handle:
            built = [(r["area"], r[there], r["moves"]) for r in csv.DictReader(handle)]
        shown = [(r["area"], r[there], r["moves"])
                 for r in _csv(client, project, slug, first=first, last=last)]  # fmt: skip
        assert built == shown, table
        pair = (
            ("Nord", "Syd", syd_to_nord) if table == "top_origins" else ("Syd", "Nord", syd_to_nord)
        )
        assert pair in built, (table, built)
