"""Net migration per area, against tables computed by hand from the contract's definitions."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from samskab.facts.errors import InputError
from samskab.facts.migration import migration_balance, migration_balance_by_year, net_migration

# Areas (conftest): Nord = 7001, 7002; Syd = 7003, 7004; 7005 is a parish of 760 in no area.
# Population 1 Jan 2008: Nord 1,500; Syd 3,500.
MOVES = """\
move_date,from_municipality,to_municipality,from_parish,to_parish
2007-12-31,657,760,,7001
2008-01-01,657,760,,7001
2008-12-31,760,760,7001,7003
2009-01-01,760,760,7003,7001
2008-06-01,760,760,7001,7001
2008-06-02,760,760,7001,7002
2008-06-03,760,760,7005,7004
2008-06-04,760,760,7004,
2008-06-05,760,abroad,7002,
2008-06-06,udland,0760,,7003
2008-06-07,760,751,7003,
2008-06-08,657,657,,
2008-06-09,760,760,7004,7002
2008-07-01,760,760,7003,7002
"""


def rows(table: pd.DataFrame) -> list[tuple[object, ...]]:
    return [tuple(r) for r in table.itertuples(index=False)]


def test_it_counts_each_kind_of_move_as_the_contract_defines(dataset):
    data = dataset(MOVES)
    table = net_migration(data, first_year=2008, last_year=2008).to_pandas()
    assert list(table.columns) == [
        "area",
        "net_internal",
        "net_external",
        "net_total",
        "pct_of_base_population",
    ]
    # Nord: internal in 2 (rows 14, 15), out 1 (row 4); external in 1 (row 3), out 1 (row 10).
    # Syd: internal in 2 (rows 4, 8), out 3 (rows 9, 14, 15); external in 1 (row 11), out 1 (12).
    assert rows(table) == [("Nord", 1, 0, 1, 0.1), ("Syd", -1, 0, -1, 0.0)]


def test_it_reports_the_gross_counts_behind_the_nets(dataset):
    table = migration_balance(dataset(MOVES), first_year=2008, last_year=2008).to_pandas()
    nord = table.set_index("area").loc["Nord"]
    assert (nord.internal_in, nord.internal_out, nord.external_in, nord.external_out) == (
        2,
        1,
        1,
        1,
    )
    assert nord.base_population == 1500


def test_period_boundaries_include_1_january_and_31_december_only_inside_the_period(dataset):
    data = dataset(MOVES)
    two_years = net_migration(data, first_year=2008, last_year=2009).to_pandas()
    # The move of 2009-01-01 (Syd → Nord) joins; the one of 2007-12-31 never counts.
    assert rows(two_years)[0][:4] == ("Nord", 2, 0, 2)
    assert rows(two_years)[1][:4] == ("Syd", -2, 0, -2)


def test_per_year_rows_use_each_years_population(dataset):
    table = migration_balance_by_year(data := dataset(MOVES), first_year=2008, last_year=2009)
    frame = table.to_pandas()
    assert list(frame[["area", "year"]].itertuples(index=False, name=None)) == [
        ("Nord", 2008),
        ("Nord", 2009),
        ("Syd", 2008),
        ("Syd", 2009),
    ]
    nord_2009 = frame[(frame.area == "Nord") & (frame.year == 2009)].iloc[0]
    assert (nord_2009.net_internal, nord_2009.base_population) == (1, 1501)
    assert nord_2009.pct_of_base_population == 0.1
    del data


def test_internal_nets_sum_to_zero_when_the_areas_cover_the_municipality(dataset):
    generator = random.Random(11)
    parishes = ["7001", "7002", "7003", "7004"]
    lines = ["move_date,from_municipality,to_municipality,from_parish,to_parish"]
    for _ in range(500):
        month, day = generator.randint(1, 12), generator.randint(1, 28)
        origin, destination = generator.choice(parishes), generator.choice(parishes)
        lines.append(f"2008-{month:02d}-{day:02d},760,760,{origin},{destination}")
    table = net_migration(dataset("\n".join(lines) + "\n"), first_year=2008, last_year=2008)
    frame = table.to_pandas()
    assert frame.net_internal.sum() == 0
    assert (frame.net_internal != 0).any()


def test_areas_come_in_the_order_of_areas_csv_and_can_be_limited_to_one_municipality(dataset):
    areas = "parish,area,municipality\n7003,Syd,760\n7001,Nord,760\n8001,Herning by,657\n"
    population = "year,parish,population\n2008,7001,10\n2008,7003,10\n2008,8001,10\n"
    data = dataset(MOVES, areas=areas, population=population)
    everything = net_migration(data, first_year=2008, last_year=2008).to_pandas()
    assert list(everything.area) == ["Syd", "Nord", "Herning by"]
    only = net_migration(data, first_year=2008, last_year=2008, municipality=760).to_pandas()
    assert list(only.area) == ["Syd", "Nord"]


def test_percentages_round_half_away_from_zero(dataset):
    # One move out of an area of 2,000 people is -0.05 %: rounds to -0.1, not to -0.0.
    areas = "parish,area,municipality\n7001,A,760\n"
    population = "year,parish,population\n2008,7001,2000\n"
    moves = "move_date,from_municipality,to_municipality,from_parish,to_parish\n2008-05-01,760,751,7001,\n"
    table = net_migration(
        dataset(moves, areas=areas, population=population), first_year=2008, last_year=2008
    ).to_pandas()
    assert rows(table) == [("A", 0, -1, -1, -0.1)]


def test_counted_flows_give_the_same_table_as_the_moves_they_count(dataset):
    flows = """\
    year,from_municipality,to_municipality,from_parish,to_parish,from_area,to_area,moves
    2008,657,760,,7001,,,1
    2008,760,760,7001,7003,,,1
    2008,760,760,7005,7004,,,1
    2008,760,760,7004,,,,1
    2008,760,abroad,,,Nord,,1
    2008,abroad,760,,,,Syd,1
    2008,760,751,7003,,,,1
    2008,760,760,,,Syd,Nord,2
    2008,760,760,7001,7002,,,0
    """
    from_flows = net_migration(dataset(flows=flows), first_year=2008, last_year=2008).to_pandas()
    from_moves = net_migration(dataset(MOVES), first_year=2008, last_year=2008).to_pandas()
    pd.testing.assert_frame_equal(from_flows, from_moves)


def test_it_refuses_a_period_without_base_year_population(dataset):
    with pytest.raises(InputError) as caught:
        net_migration(dataset(MOVES), first_year=2010, last_year=2011)
    assert str(caught.value.problems[0]) == (
        "population.csv, column population: no population on 1 January 2010 for parish 7001 "
        "(area 'Nord'); expected a row with year 2010 and parish 7001"
    )


def test_it_refuses_a_period_that_ends_before_it_starts(dataset):
    with pytest.raises(InputError, match="ends before it starts"):
        net_migration(dataset(MOVES), first_year=2009, last_year=2008)


def test_percentages_of_pandas_counts_round_the_same_way():
    from samskab.facts.migration import percent_of

    shares = percent_of(pd.Series([1, -1, 1, 3, 5]), pd.Series([2000, 2000, 3, 0, 8]))
    assert shares.tolist()[:3] == [0.1, -0.1, 33.3]
    assert pd.isna(shares[3]) and shares[4] == 62.5
