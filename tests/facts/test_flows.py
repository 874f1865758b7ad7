"""Flows between places and the top lists of destinations and origins."""

from __future__ import annotations

from samskab.facts.bands import parse_age_bands
from samskab.facts.flows import flows, top_destinations, top_origins

MOVES = """\
move_date,from_municipality,to_municipality,from_parish,to_parish,age,household_type
2008-02-01,760,751,7001,,19,single_no_children
2008-02-02,760,751,7002,,22,single_no_children
2008-02-03,760,751,7001,,45,
2008-02-04,760,760,7001,7003,70,couple_no_children
2008-02-05,760,abroad,7002,,30,other
2008-02-06,760,760,7001,7002,30,other
2008-02-07,657,760,,7001,35,couple_with_children
2008-02-08,657,760,,7002,36,couple_with_children
2008-02-09,760,760,7001,7005,50,other
"""


def test_area_flows_count_moves_by_age_band_and_household(dataset):
    table = flows(dataset(MOVES), first_year=2008, last_year=2008).to_pandas()
    largest = table[table.moves == 2].fillna({"from_area": "-"})
    assert largest[
        ["from_area", "to_municipality", "age_band", "household_type"]
    ].values.tolist() == [
        ["-", 760, "30-44", "couple_with_children"],  # from Herning: no area there
        ["Nord", 751, "18-29", "single_no_children"],
    ]
    assert table.moves.sum() == 9
    unknown = table[table.household_type == "unknown"]
    assert unknown.age_band.tolist() == ["45-64"]


def test_municipality_flows_include_abroad_as_zero(dataset):
    table = flows(
        dataset(MOVES), first_year=2008, last_year=2008, level="municipality", by=()
    ).to_pandas()
    assert dict(
        zip(
            zip(table.from_municipality, table.to_municipality, strict=False),
            table.moves,
            strict=True,
        )
    ) == {(760, 751): 3, (760, 760): 3, (657, 760): 2, (760, 0): 1}


def test_age_bands_are_configurable(dataset):
    bands = parse_age_bands("0-24,25+")
    table = flows(
        dataset(MOVES), first_year=2008, last_year=2008, by=("age_band",), age_bands=bands
    )
    assert set(table.to_pandas().age_band) == {"0-24", "25+"}


def test_top_destinations_leave_out_moves_inside_the_area(dataset):
    table = top_destinations(dataset(MOVES), first_year=2008, last_year=2008).to_pandas()
    nord = table[table.area == "Nord"]
    assert nord[["rank", "destination", "destination_kind", "moves", "share"]].values.tolist() == [
        [1, "Aarhus", "municipality", 3, 50.0],
        [2, "Ringkøbing-Skjern", "no_area", 1, 16.7],
        [3, "Syd", "area", 1, 16.7],
        [4, "abroad", "abroad", 1, 16.7],
    ]


def test_top_origins_can_be_filtered_by_household(dataset):
    table = top_origins(
        dataset(MOVES), first_year=2008, last_year=2008, household_type="couple_with_children"
    ).to_pandas()
    assert table[["area", "origin", "moves"]].values.tolist() == [["Nord", "Herning", 2]]
