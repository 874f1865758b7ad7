"""No newcomer figure hidden from a participant can be worked out from everything the population
page shows: newcomer retention per area and years after, and return migration per year, over
every period of 2008–2011 (shares × counts, and a year's in-movers being its newcomers)."""

from __future__ import annotations

from itertools import combinations_with_replacement

import numpy as np
import pytest
from django.urls import reverse

from samskab.factbase.actions import do_import
from tests.common.recovery import recovered
from tests.web.downloads import figure_records

from .test_factbase_import import moves_text, storage_fixture, write_register  # noqa: F401

YEARS = (2008, 2009, 2010, 2011)
PERIODS = tuple(combinations_with_replacement(YEARS, 2))
AREAS = ("Nord", "Syd", "no_area")
AFTER = (1, 2, 3)  # the years after an entry that 2008–2011 covers
# Added to the small register (whose 20 in-movers to Nord in 2008 stay, and 6 to Syd from
# abroad in 2009 stay): (year, person, from, to, from parish, to parish).
MORE = [
    *[(2008, f"S{n}", 657, 760, "", 7003) for n in range(3)],  # Syd: 3 newcomers in 2008
    *[(2009, f"S{n}", 760, 657, 7003, "") for n in range(2)],  # … 2 of them leave in 2009
    *[(2008, f"R{n}", 661, 760, "", 7005) for n in range(6)],  # no area: 6 in 2008, stay
    *[(2009, f"N{n}", 661, 760, "", 7001) for n in range(8)],  # Nord: 8 in 2009
    (2010, "N0", 760, "abroad", 7001, ""),  # … one leaves in 2010
    *[(2010, f"A{n}", "abroad", 760, "", 7001) for n in range(4)],  # Nord: 4 in 2010
    *[(2011, f"A{n}", 760, 657, 7001, "") for n in range(2)],  # … 2 leave in 2011
    *[(2010, f"T{n}", 657, 760, "", 7004) for n in range(7)],  # Syd: 7 in 2010
    *[(2010, f"P000{n}", 657, 760, "", 7004) for n in (36, 37)],  # Syd: 2 return in 2010
]
# The unknowns: the newcomers of a year to an area, those still living in the municipality
# k years after (k = 1, 2, 3 as far as 2011 reaches) and a year's returners. By hand: 2008 Nord
# 20, Syd 3 (1 stays), no area 6; 2009 Nord 8 (7 stay), Syd 6; 2010 Nord 4 (2 stay a year),
# Syd 9; 2011 none. Returners: 2 in 2010.
NEWCOMERS = [(year, area) for year in YEARS for area in AREAS]
STAYED = [(year, area, k) for year, area in NEWCOMERS for k in AFTER if year + k <= YEARS[-1]]
UNKNOWNS = len(NEWCOMERS) + len(STAYED) + len(YEARS)


@pytest.fixture(name="cohorts")
def cohorts_fixture(project, facilitator, storage):
    extra = "".join(
        f"{year}-07-01,{origin},{target},{from_parish},{to_parish},{person},40,other,F\n"
        for year, person, origin, target, from_parish, to_parish in MORE
    )
    paths = write_register(storage / "source", **{"moves.csv": moves_text() + extra})
    files = {name: paths[f"{name.replace('register', 'moves')}.csv"]
             for name in ("register", "areas", "population")}  # fmt: skip
    return do_import(project, files, individual=True, user=facilitator)


def is_hidden(value: str) -> bool:
    return value == ".." or value.startswith("<")


def _csv(client, project, slug: str, first: int, last: int) -> list[dict[str, str]]:
    address = reverse("factbase:csv", args=[project.pk, slug])
    return figure_records(client.get(address, {"first": first, "last": last}))


def _newcomers(years, areas, k: int = 0) -> np.ndarray:
    """Return the newcomers of `years` to `areas` that k years after entry reach."""
    form = np.zeros(UNKNOWNS)
    for n, (year, area) in enumerate(NEWCOMERS):
        form[n] = float(year in years and area in areas and year + k <= YEARS[-1])
    return form


def _stayed(years, area: str, k: int) -> np.ndarray:
    form = np.zeros(UNKNOWNS)
    for n, (year, place, after) in enumerate(STAYED, start=len(NEWCOMERS)):
        form[n] = float(year in years and place == area and after == k)
    return form


def _returners(year: int) -> np.ndarray:
    form = np.zeros(UNKNOWNS)
    form[len(NEWCOMERS) + len(STAYED) + YEARS.index(year)] = 1.0
    return form


def _retention(rows, first: int, last: int, shown: list, hidden: dict) -> None:
    years = range(first, last + 1)
    for row in rows:
        area, k = row["area"], int(row["years_after"])
        cells = {"newcomers": _newcomers(years, {area}, k), "stayed": _stayed(years, area, k)}
        for column, form in cells.items():
            if is_hidden(row[column]):
                hidden[f"retention {first}-{last} {area} {k} {column}"] = form
            else:
                shown.append(form)
        if not is_hidden(row["share_stayed"]):  # a share of shown newcomers gives the stayed
            shown += [cells["newcomers"], cells["stayed"]]


def _return(rows, first: int, last: int, shown: list, hidden: dict) -> None:
    for row in rows:
        year = int(row["year"])
        cells = {"in_movers": _newcomers({year}, set(AREAS)), "returners": _returners(year)}
        for column, form in cells.items():
            if is_hidden(row[column]):
                hidden[f"return {first}-{last} {year} {column}"] = form
            else:
                shown.append(form)
        if not is_hidden(row["share_returners"]):
            shown += list(cells.values())


def test_no_hidden_newcomer_figure_can_be_worked_out_from_every_period(
    client_for, participant, project, cohorts
):
    client = client_for(participant)
    shown: list[np.ndarray] = []
    hidden: dict[str, np.ndarray] = {}
    for first, last in PERIODS:
        _retention(_csv(client, project, "retention", first, last), first, last, shown, hidden)
        _return(_csv(client, project, "return-migration", first, last), first, last, shown, hidden)
    assert "retention 2008-2008 Syd 1 newcomers" in hidden
    assert "return 2010-2010 2010 returners" in hidden
    assert recovered(shown, hidden) == []


def test_a_cell_of_one_cohort_reads_the_same_in_every_period_holding_only_that_cohort(
    client_for, participant, project, cohorts
):
    client = client_for(participant)
    # Only the 2009 cohort reaches two years after within 2009–2011: Syd 6 (6 stay), Nord 8 (7).
    for first, last in ((2009, 2009), (2009, 2010), (2009, 2011)):
        rows = _csv(client, project, "retention", first, last)
        assert [(r["area"], r["newcomers"], r["stayed"]) for r in rows
                if r["years_after"] == "2"] == [("Syd", "6", "6"), ("Nord", "8", "7")]  # fmt: skip


def test_the_facilitator_sees_the_newcomers_exactly(client_for, facilitator, project, cohorts):
    client = client_for(facilitator)
    rows = _csv(client, project, "retention", 2008, 2008)
    assert [(r["area"], r["years_after"], r["newcomers"], r["stayed"]) for r in rows] == [
        ("Syd", "1", "3", "1"), ("Syd", "2", "3", "1"), ("Syd", "3", "3", "1"),
        ("Nord", "1", "20", "20"), ("Nord", "2", "20", "20"), ("Nord", "3", "20", "20"),
        ("no_area", "1", "6", "6"), ("no_area", "2", "6", "6"), ("no_area", "3", "6", "6"),
    ]  # fmt: skip
    rows = _csv(client, project, "return-migration", 2008, 2011)
    assert [(r["year"], r["in_movers"], r["returners"]) for r in rows] == [
        ("2008", "29", "0"), ("2009", "14", "0"), ("2010", "13", "2")
    ]  # fmt: skip
