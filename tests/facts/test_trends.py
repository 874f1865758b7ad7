"""Migration over time: yearly in-, out- and net movers per area and parish by age band, held
against a plain count of a register written out move by move, and against the period's net
migration."""

from __future__ import annotations

import random

import pytest

from samskab.facts.migration import net_migration
from samskab.facts.trends import ALL, yearly_movers

# 7005 is a parish of 760 in no area; Nord = 7001 + 7002, Syd = 7003 + 7004.
AREA = {7001: "Nord", 7002: "Nord", 7003: "Syd", 7004: "Syd"}
HEADER = "move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age\n"


def _random_moves(
    seed: int, count: int = 300
) -> list[tuple[int, str, str, int | None, int | None, int]]:
    """Return moves (year, from municipality, to municipality, from parish, to parish, age)."""
    rng = random.Random(seed)
    places = [("760", 7001), ("760", 7002), ("760", 7003), ("760", 7004), ("760", 7005),
              ("760", None), ("657", None), ("abroad", None)]  # fmt: skip
    moves = []
    while len(moves) < count:
        (fm, fp), (tm, tp) = rng.choice(places), rng.choice(places)
        if fm != "760" and tm != "760":
            continue
        moves.append((rng.choice((2008, 2009, 2010)), fm, tm, fp, tp, rng.randrange(0, 90)))
    return moves


def _text(moves) -> str:
    return HEADER + "".join(
        f"{year}-05-01,{fm},{tm},{fp or ''},{tp or ''},p{n},{age}\n"
        for n, (year, fm, tm, fp, tp, age) in enumerate(moves)
    )


def _band(age: int) -> str:
    for label, low, high in (("0-17", 0, 17), ("18-29", 18, 29), ("30-44", 30, 44),
                             ("45-64", 45, 64)):  # fmt: skip
        if low <= age <= high:
            return label
    return "65+"


def _plain_count(moves, kind: str, place: str, year: int, band: str) -> tuple[int, int]:
    """Return (in, out) of a place counted move by move, the way the data contract says."""

    def where(parish):
        if parish is None:
            return None
        return AREA.get(parish) if kind == "area" else f"{parish:04d}"

    moved_in = moved_out = 0
    for y, _fm, _tm, fp, tp, age in moves:
        if y != year or band not in (ALL, _band(age)):
            continue
        origin, destination = where(fp), where(tp)
        if origin == destination and origin is not None:
            continue  # inside the place: no migration for it
        moved_in += destination == place
        moved_out += origin == place
    return moved_in, moved_out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_cell_is_the_plain_count_of_the_register(dataset, seed):
    moves = _random_moves(seed)
    table = yearly_movers(dataset(_text(moves)), first_year=2008, last_year=2010)
    assert len(table) == 6 * 3 * 6  # 2 areas and 4 parishes × 3 years × (5 bands and all)
    for row in table.itertuples():
        expected = _plain_count(moves, row.kind, row.place, row.year, row.age_band)
        assert (row.in_movers, row.out_movers) == expected, row
        assert row.net == expected[0] - expected[1]


def test_a_small_register_counted_by_hand(dataset):
    moves = [
        (2008, "657", "760", None, 7001, 25),  # Nord and 7001 gain an 18-29
        (2008, "760", "760", 7001, 7002, 40),  # inside Nord: only the parishes move
        (2009, "760", "760", 7002, 7003, 40),  # Nord → Syd
        (2009, "760", "abroad", 7003, None, 70),  # Syd loses a 65+
    ]
    table = yearly_movers(dataset(_text(moves)), first_year=2008, last_year=2009)
    shown = {
        (r.place, r.year, r.age_band): (r.in_movers, r.out_movers, r.net)
        for r in table.itertuples()
        if r.in_movers or r.out_movers
    }
    assert shown == {
        ("Nord", 2008, ALL): (1, 0, 1),
        ("Nord", 2008, "18-29"): (1, 0, 1),
        ("Nord", 2009, ALL): (0, 1, -1),
        ("Nord", 2009, "30-44"): (0, 1, -1),
        ("Syd", 2009, ALL): (1, 1, 0),
        ("Syd", 2009, "30-44"): (1, 0, 1),
        ("Syd", 2009, "65+"): (0, 1, -1),
        ("7001", 2008, ALL): (1, 1, 0),
        ("7001", 2008, "18-29"): (1, 0, 1),
        ("7001", 2008, "30-44"): (0, 1, -1),
        ("7002", 2008, ALL): (1, 0, 1),
        ("7002", 2008, "30-44"): (1, 0, 1),
        ("7002", 2009, ALL): (0, 1, -1),
        ("7002", 2009, "30-44"): (0, 1, -1),
        ("7003", 2009, ALL): (1, 1, 0),
        ("7003", 2009, "30-44"): (1, 0, 1),
        ("7003", 2009, "65+"): (0, 1, -1),
    }


def test_the_years_add_up_to_the_periods_net_migration_and_parishes_to_their_area(dataset):
    data = dataset(_text(_random_moves(7)))
    table = yearly_movers(data, first_year=2008, last_year=2010)
    whole = table[table["age_band"] == ALL]
    period = net_migration(data, first_year=2008, last_year=2009).to_pandas()
    for row in period.itertuples():
        years = whole[(whole["place"] == row.area) & whole["year"].between(2008, 2009)]
        assert years["net"].sum() == row.net_total
    for area, parishes in (("Nord", ["7001", "7002"]), ("Syd", ["7003", "7004"])):
        own = whole[whole["place"] == area].set_index("year")["net"]
        summed = whole[whole["place"].isin(parishes)].groupby("year")["net"].sum()
        assert own.to_dict() == summed.to_dict()
