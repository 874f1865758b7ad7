"""No yearly mover count hidden from a participant can be worked out from everything the
participant is shown: the page over time for every area and age band (a participant is offered
no village, and asking for one gives an area's figures), the net-migration tables of 2008, 2009
and 2008–2009 (the whole municipality's figure among them) and the flow lists of every period
and age band."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest
from django.urls import reverse

from samskab.factbase.actions import do_import
from samskab.projects.models import Village
from tests.common.recovery import recovered
from tests.web.downloads import figure_records

from .test_factbase_import import MOVES, moves_text, storage_fixture, write_register  # noqa: F401

AREA = {7001: "Nord", 7002: "Nord", 7003: "Syd", 7004: "Syd"}  # 7005: in no area
NAMES = {661: "Holstebro", 657: "Herning", 760: "Ringkøbing-Skjern", "abroad": "abroad"}
# Added to the small register, 760 → 760: (year, from parish, to parish, count, age).
MORE = [
    (2008, 7003, 7001, 3, 40),  # Syd → Nord
    (2009, 7003, 7001, 7, 40),
    (2008, 7001, 7005, 6, 25),  # Nord → the rest
    (2009, 7002, 7005, 2, 25),
    (2009, 7001, 7004, 5, 30),  # Nord → Syd, in two age bands
    (2009, 7001, 7004, 4, 50),
    (2008, 7001, 7002, 6, 19),  # inside Nord: only its parishes see these
    (2009, 7002, 7001, 2, 19),
]
BANDS = ("0-17", "18-29", "30-44", "45-64", "65+")
YEARS = (2008, 2009)
PERIODS = ((2008, 2008), (2009, 2009), (2008, 2009))
AREAS = ("area:Syd", "area:Nord")  # what a participant may choose: an area, all ages
PLACES = (*AREAS, "parish:7001", "parish:7002", "parish:7003", "parish:7004")


def _band(age: int) -> str:
    return next(b for b in BANDS if b.endswith("+") or age <= int(b.split("-")[1]))


def _groups() -> list[tuple]:
    """Return the unknowns: the register's groups of moves (year, from and to municipality,
    from and to parish, age band), written out from the two lists above."""
    groups = [
        (year, fm, tm, fp or None, tp or None, _band(age))
        for _n, year, fm, tm, fp, tp, age, _household in MOVES
    ]
    return groups + [(year, 760, 760, fp, tp, _band(age)) for year, fp, tp, _n, age in MORE]


GROUPS = _groups()


def _at(place: str, parish) -> bool:
    kind, key = place.split(":")
    return AREA.get(parish) == key if kind == "area" else parish == int(key)


def _mover_form(place: str, year: int, band: str, column: str) -> np.ndarray:
    """Return a cell of the page over time as a linear form over the groups."""

    def moved(group, direction: str) -> float:
        g_year, _fm, _tm, fp, tp, g_band = group
        if g_year != year or band not in ("", g_band):
            return 0.0
        here, there = (tp, fp) if direction == "in" else (fp, tp)
        return float(_at(place, here) and not _at(place, there))

    ins = np.array([moved(g, "in") for g in GROUPS])
    outs = np.array([moved(g, "out") for g in GROUPS])
    return {"in_movers": ins, "out_movers": outs, "net": ins - outs}[column]


def _rest(m, parish) -> bool:
    return m == 760 and parish not in AREA


def _net_form(row: str, column: str, years) -> np.ndarray:
    """Return a net-migration cell (an area, the rest of the municipality, or the total)."""
    rows = ("Syd", "Nord", "rest") if row == "total" else (row,)
    kinds = {"net_internal": (True,), "net_external": (False,)}.get(column, (True, False))
    form = np.zeros(len(GROUPS))
    for n, (year, fm, tm, fp, tp, _band) in enumerate(GROUPS):
        if year not in years or (fm == tm == 760) not in kinds:
            continue
        for place in rows:
            into = _rest(tm, tp) if place == "rest" else AREA.get(tp) == place
            out_of = _rest(fm, fp) if place == "rest" else AREA.get(fp) == place
            form[n] += float(into and not out_of) - float(out_of and not into)
    return form


def _label(m, parish) -> str:
    return AREA.get(parish) or NAMES[m]


def _flow_form(origin: str, destination: str, years, band: str) -> np.ndarray:
    return np.array([
        float(year in years and band in ("", g_band) and _label(fm, fp) == origin
              and _label(tm, tp) == destination)
        for year, fm, tm, fp, tp, g_band in GROUPS
    ])  # fmt: skip


@pytest.fixture(name="register")
def register_fixture(project, facilitator, storage):
    for parish in (7001, 7002, 7003, 7004):  # a village in every parish of the areas
        Village.objects.create(project=project, name=f"By {parish}", parish=str(parish))
    extra = "".join(
        f"{year}-06-01,760,760,{fp},{tp},T{year}{fp}{tp}{age}{n},{age},other,M\n"
        for year, fp, tp, count, age in MORE
        for n in range(count)
    )
    paths = write_register(storage / "source", **{"moves.csv": moves_text() + extra})
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"]}  # fmt: skip
    return do_import(project, files, individual=True, user=facilitator)


def _csv(client, project, slug: str, **params) -> list[dict[str, str]]:
    return figure_records(client.get(reverse("factbase:csv", args=[project.pk, slug]), params))


def is_hidden(value: str) -> bool:
    return value == ".." or value.startswith("<")


def _add(shown: list, hidden: dict, name: str, value: str, form: np.ndarray) -> None:
    if not is_hidden(value):
        shown.append(form)
    elif np.any(form):
        hidden[name] = form


def _trend_equations(client, project, shown: list, hidden: dict) -> None:
    for place, band in product(AREAS, ("", *BANDS)):
        for row in _csv(client, project, "trends", place=place, age_band=band):
            year = row["year"]
            for column in ("in_movers", "out_movers", "net"):
                form = _mover_form(place, int(year), band, column)
                _add(shown, hidden, f"trends {place} {year} {band} {column}", row[column], form)


def _net_equations(client, project, shown: list, hidden: dict) -> None:
    for first, last in PERIODS:
        rows = _csv(client, project, "net-migration", first=first, last=last)
        for place, row in zip(("Syd", "Nord", "rest", "total"), rows, strict=True):
            for column in ("net_internal", "net_external", "net_total"):
                form = _net_form(place, column, range(first, last + 1))
                name = f"net {first}-{last} {place} {column}"
                _add(shown, hidden, name, row[column], form)


def _flow_equations(client, project, shown: list, hidden: dict) -> None:
    for (first, last), band, slug in product(PERIODS, ("", *BANDS), ("destinations", "origins",
                                             "largest-flows", "flow-map")):  # fmt: skip
        for row in _csv(client, project, slug, first=first, last=last, age_band=band):
            if slug == "destinations":
                origin, destination = row["area"], row["destination"]
            elif slug == "origins":
                origin, destination = row["origin"], row["area"]
            else:
                origin, destination = row["origin"], row["destination"]
            moves = row["moves"]
            form = _flow_form(origin, destination, range(first, last + 1), band)
            assert np.any(form), (slug, origin, destination)
            _add(shown, hidden, f"{slug} {first}-{last} {band} {origin}→{destination}", moves, form)


def test_the_forms_match_what_the_facilitator_sees(client_for, facilitator, project, register):
    """The linear forms above are the cells' own: the facilitator's exact figures agree."""
    counts = np.array([
        sum(c for c, *group in [(n, y, fm, tm, fp or None, tp or None, _band(a))
                                for n, y, fm, tm, fp, tp, a, _h in MOVES] if tuple(group) == g)
        + sum(c for y, fp, tp, c, a in MORE if (y, 760, 760, fp, tp, _band(a)) == g)
        for g in GROUPS
    ])  # fmt: skip
    client = client_for(facilitator)
    for place, band in product(PLACES, ("", "18-29", "30-44")):
        for row in _csv(client, project, "trends", place=place, age_band=band):
            for column in ("in_movers", "out_movers", "net"):
                form = _mover_form(place, int(row["year"]), band, column)
                assert form @ counts == int(row[column])


def test_no_hidden_mover_count_can_be_worked_out_from_the_pages_over_time_and_net_migration(
    client_for, participant, project, register
):
    client = client_for(participant)
    shown: list[np.ndarray] = []
    hidden: dict[str, np.ndarray] = {}
    _trend_equations(client, project, shown, hidden)
    _net_equations(client, project, shown, hidden)
    assert "trends area:Nord 2008  in_movers" in hidden  # 20 + 3 within the municipality
    assert recovered(shown, hidden) == []


def test_nor_with_the_flow_lists_of_every_period_and_age_band(
    client_for, participant, project, register
):
    client = client_for(participant)
    shown: list[np.ndarray] = []
    hidden: dict[str, np.ndarray] = {}
    _trend_equations(client, project, shown, hidden)
    _net_equations(client, project, shown, hidden)
    _flow_equations(client, project, shown, hidden)
    assert recovered(shown, hidden) == []
