"""No figure hidden from a participant can be worked out from the population page and the flow
lists together: a year's newcomers to an area are its in-movers from outside the municipality,
the sum of the flow lists' cells into it from other municipalities and abroad. Retention hiding
an area's newcomers to protect a small area beside it protects nothing when the net-migration
table and the flow lists show every move into that area: here, in 2008, the rest of the
municipality gets 3 newcomers, Syd and Nord 18 each; retention hid Nord's beside the rest's,
while the net-migration table hid Syd's net and printed Nord's, whose 18 movers from Holstebro
the flow lists print too — so Nord's newcomers were 18, and the rest's 39 − 18 − 18 = 3."""

from __future__ import annotations

import csv
from itertools import combinations_with_replacement, product

import numpy as np
import pytest
from django.urls import reverse

from samskab.factbase.actions import do_import
from samskab.facts.build import Params, build_fact_base
from samskab.facts.store import load_dataset
from tests.common.recovery import recovered
from tests.web.downloads import figure_records

from .test_factbase_import import HEADER, storage_fixture, write_register  # noqa: F401

REST = "Ringkøbing-Skjern"  # the municipality's parishes in no area (7005)
INSIDE = {"Nord", "Syd", REST}
PLACE = {7001: "Nord", 7002: "Nord", 7003: "Syd", 7004: "Syd", 7005: REST}
NAME = {661: "Holstebro", 751: "Aarhus", 657: "Herning", "abroad": "abroad"}
BAND = {25: "18-29", 40: "30-44", 50: "45-64"}
# (year, persons, from municipality, to municipality, from parish, to parish, age, household);
# a person is the same person in every row naming it.
MOVES = [
    (2008, [f"H{n}" for n in range(18)], 661, 760, "", 7001, 40, "couple_with_children"),
    (2008, [f"A{n}" for n in range(10)], 751, 760, "", 7003, 40, "other"),
    (2008, [f"E{n}" for n in range(8)], 657, 760, "", 7004, 40, "other"),
    (2008, [f"R{n}" for n in range(3)], 661, 760, "", 7005, 40, "other"),
    (2009, [f"A{n}" for n in range(2)], 760, 751, 7003, "", 40, "other"),  # 2 of Syd's leave
    (2009, [f"B{n}" for n in range(6)], "abroad", 760, "", 7001, 25, "single_no_children"),
    (2009, [f"C{n}" for n in range(9)], 760, 760, 7001, 7003, 50, "other"),  # Nord → Syd
    (2010, [f"D{n}" for n in range(7)], 760, 657, 7002, "", 25, "single_no_children"),
    (2010, [f"F{n}" for n in range(12)], 751, 760, "", 7002, 25, "single_no_children"),
]
YEARS = (2008, 2009, 2010)
PERIODS = tuple(combinations_with_replacement(YEARS, 2))
AGE_BANDS = ("", "18-29", "30-44", "45-64")
HOUSEHOLDS = ("", "couple_with_children", "single_no_children", "other")


def _place(code, parish) -> str:
    return PLACE[parish] if code == 760 else NAME[code]


# The unknowns: the flows (year, origin, destination, age band, household), then how many of
# a year's newcomers to an area still live in the municipality k years after, then the returners
# of each year (none here).
FLOWS = sorted({(year, _place(f, fp), _place(t, tp), BAND[age], kind)
                for year, _who, f, t, fp, tp, age, kind in MOVES})  # fmt: skip
STAYED = [(year, area, k) for year in YEARS for area in INSIDE for k in (1, 2) if year + k <= 2010]
UNKNOWNS = len(FLOWS) + len(STAYED) + len(YEARS)


@pytest.fixture(name="register")
def register_fixture(project, facilitator, storage):
    lines = [HEADER] + [
        f"{year}-05-01,{f},{t},{fp},{tp},{who},{age},{kind},F"
        for year, persons, f, t, fp, tp, age, kind in MOVES
        for who in persons
    ]
    paths = write_register(storage / "source", **{"moves.csv": "\n".join(lines) + "\n"})
    files = {name: paths[f"{name.replace('register', 'moves')}.csv"]
             for name in ("register", "areas", "population")}  # fmt: skip
    return do_import(project, files, individual=True, user=facilitator)


def is_hidden(value: str) -> bool:
    return value == ".." or value.startswith("<")


def _csv(client, project, slug: str, **params) -> list[dict[str, str]]:
    address = reverse("factbase:csv", args=[project.pk, slug])
    return figure_records(client.get(address, params))


def _flows(keep) -> np.ndarray:
    form = np.zeros(UNKNOWNS)
    for n, flow in enumerate(FLOWS):
        form[n] = float(keep(*flow))
    return form


def _newcomers(years, area: str) -> np.ndarray:
    """Return the newcomers of `years` to `area`: its moves in from outside the municipality."""
    return _flows(lambda y, o, d, _a, _h: y in years and o not in INSIDE and d == area)


def _stayed(years, area: str, k: int) -> np.ndarray:
    form = np.zeros(UNKNOWNS)
    for n, (year, place, after) in enumerate(STAYED, start=len(FLOWS)):
        form[n] = float(year in years and place == area and after == k)
    return form


def _returners(year: int) -> np.ndarray:
    form = np.zeros(UNKNOWNS)
    form[len(FLOWS) + len(STAYED) + YEARS.index(year)] = 1.0
    return form


def _add(name: str, value: str, form: np.ndarray, shown: list, hidden: dict) -> None:
    if is_hidden(value):
        hidden[name] = form
    elif value != "":
        shown.append(form)


def _flow_equations(client, project, shown: list, hidden: dict) -> None:
    """Every cell of the lists for each period, unfiltered and by one age band or household."""
    filters = [("", ""), *((a, "") for a in AGE_BANDS[1:]), *(("", h) for h in HOUSEHOLDS[1:])]
    for (first, last), (age, kind) in product(PERIODS, filters):
        years = range(first, last + 1)
        params = {"first": first, "last": last, "age_band": age, "household_type": kind}
        slugs = ("destinations", "origins") + (
            ("largest-flows", "flow-map") if not age + kind else ()
        )
        for slug in slugs:
            for row in _csv(client, project, slug, **params):
                ends = (row["area"] if slug == "destinations" else row["origin"],
                        row["area"] if slug == "origins" else row["destination"])  # fmt: skip
                form = _flows(lambda y, o, d, a, h, ends=ends, years=years, age=age, kind=kind:
                              y in years and (o, d) == ends and age in ("", a) and kind in ("", h))  # fmt: skip
                _add(
                    f"{slug} {first}-{last} {age}/{kind} {ends}", row["moves"], form, shown, hidden
                )


def _net(years, places: set[str], internal: bool | None) -> np.ndarray:
    """Return the moves into less the moves out of `places` in `years`: within the municipality
    (internal True), with other places (False) or both (None)."""
    form = np.zeros(UNKNOWNS)
    for n, (year, origin, destination, _a, _h) in enumerate(FLOWS):
        inside = origin in INSIDE and destination in INSIDE
        if year in years and internal in (None, inside):
            form[n] = float(destination in places) - float(origin in places)
    return form


def _net_equations(client, project, shown: list, hidden: dict) -> None:
    for first, last in PERIODS:
        years = range(first, last + 1)
        rows = _csv(client, project, "net-migration", first=first, last=last)
        for row, places in zip(rows, ({"Syd"}, {"Nord"}, {REST}, INSIDE), strict=True):
            for column, internal in (("net_internal", True), ("net_external", False),
                                     ("net_total", None)):  # fmt: skip
                form = _net(years, places, internal)
                if np.any(form):
                    _add(f"net {first}-{last} {row['area']} {column}", row[column], form, shown,
                         hidden)  # fmt: skip


def _cohort_equations(client, project, shown: list, hidden: dict) -> None:
    for first, last in PERIODS:
        for row in _csv(client, project, "retention", first=first, last=last):
            area = REST if row["area"] == "no_area" else row["area"]
            k = int(row["years_after"])
            years = [y for y in range(first, last + 1) if y + k <= YEARS[-1]]
            name = f"retention {first}-{last} {area} {k}"
            _add(f"{name} newcomers", row["newcomers"], _newcomers(years, area), shown, hidden)
            _add(f"{name} stayed", row["stayed"], _stayed(years, area, k), shown, hidden)
        for row in _csv(client, project, "return-migration", first=first, last=last):
            year = int(row["year"])
            everyone = sum(_newcomers({year}, area) for area in INSIDE)
            _add(f"return {year} in_movers", row["in_movers"], everyone, shown, hidden)
            _add(f"return {year} returners", row["returners"], _returners(year), shown, hidden)


def test_no_hidden_figure_can_be_worked_out_from_retention_and_the_flow_lists_together(
    client_for, participant, project, register
):
    client = client_for(participant)
    shown: list[np.ndarray] = []
    hidden: dict[str, np.ndarray] = {}
    _cohort_equations(client, project, shown, hidden)
    assert "retention 2008-2008 Ringkøbing-Skjern 1 newcomers" in hidden
    _flow_equations(client, project, shown, hidden)
    _net_equations(client, project, shown, hidden)
    assert recovered(shown, hidden) == []


def test_the_facilitator_sees_the_newcomers_as_the_flows_add_them_up(
    client_for, facilitator, project, register
):
    client = client_for(facilitator)
    rows = _csv(client, project, "retention", first=2008, last=2008)
    newcomers = {(r["area"], r["years_after"]): r["newcomers"] for r in rows}
    assert newcomers[("Syd", "1")] == "18" and newcomers[("no_area", "1")] == "3"
    flows = _csv(client, project, "origins", first=2008, last=2008)
    into_syd = [int(r["moves"]) for r in flows if r["area"] == "Syd" and r["origin"] not in INSIDE]
    assert sum(into_syd) == 18


@pytest.mark.parametrize("cohort", YEARS[:2])
def test_a_suppressed_build_hides_a_cohorts_retention_as_the_page_does(
    client_for, participant, project, register, storage, cohort
):
    """`samskab facts build --suppress-below 5` writes each cohort year's retention per area
    hidden as a participant sees that year alone on the page."""
    folder = storage / "source"
    data = load_dataset(areas=folder / "areas.csv", population=folder / "population.csv",
                        moves=folder / "moves.csv", in_memory=True)  # fmt: skip
    out = storage / "build"
    build_fact_base(data, Params(2008, 2010), out, suppress_below=5)
    with (out / "retention_by_area.csv").open(encoding="utf-8-sig") as handle:
        built = [(r["area"], r["years_after"], r["newcomers"], r["stayed"])
                 for r in csv.DictReader(handle) if r["cohort_year"] == str(cohort)]  # fmt: skip
    rows = _csv(client_for(participant), project, "retention", first=cohort, last=cohort)
    shown = [(r["area"], r["years_after"], r["newcomers"], r["stayed"]) for r in rows]
    assert sorted(built) == sorted(shown)
    if cohort == 2008:  # Syd's 18 hidden beside the rest's 3, as the net-migration table does
        assert ("Syd", "1", "..", "..") in built
