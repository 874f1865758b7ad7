"""Newcomer retention and return migration, against person histories worked out by hand."""

from __future__ import annotations

import pytest

from samskab.facts.cohorts import retention, return_migration
from samskab.facts.errors import AnalysisUnavailable

# p1 enters 2008-01-01 and leaves 2010-06-01. p2 enters 2008 and stays. p3 leaves 2008, returns
# 2011. p4 enters 2008-07-01, leaves exactly one year later, comes back 2009-09-01. The register
# ends in 2013 (p9's move), so the 2008 cohort is followed for five years, 2011 for two.
MOVES = """\
move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age
2008-01-01,657,760,,7001,p1,30
2010-06-01,760,751,7001,,p1,32
2008-03-01,657,760,,7002,p2,20
2008-04-01,760,101,7002,,p3,22
2011-04-01,101,760,,7003,p3,25
2008-07-01,abroad,760,,7004,p4,50
2009-07-01,760,657,7004,,p4,51
2009-09-01,657,760,,7004,p4,51
2013-12-31,760,760,7001,7002,p9,40
"""


def test_retention_follows_each_newcomer_until_the_anniversary(dataset):
    table = retention(dataset(MOVES)).to_pandas()
    got = {
        (r.cohort_year, r.years_after): (r.newcomers, r.stayed, r.share_stayed)
        for r in table.itertuples()
    }
    assert got == {
        (2008, 1): (3, 2, 66.7),  # p4 left on the anniversary itself
        (2008, 2): (3, 3, 100.0),  # p4 is back
        (2008, 3): (3, 2, 66.7),  # p1 has left
        (2008, 5): (3, 2, 66.7),
        (2009, 1): (1, 1, 100.0),
        (2009, 2): (1, 1, 100.0),
        (2009, 3): (1, 1, 100.0),
        (2011, 1): (1, 1, 100.0),
        (2011, 2): (1, 1, 100.0),
    }


def test_retention_by_area_and_age_band(dataset):
    by_area = retention(dataset(MOVES), by=["area"]).to_pandas()
    nord = by_area[(by_area.cohort_year == 2008) & (by_area.area == "Nord")]
    assert nord[["years_after", "newcomers", "stayed"]].values.tolist() == [
        [1, 2, 2],
        [2, 2, 2],
        [3, 2, 1],
        [5, 2, 1],
    ]
    by_age = retention(dataset(MOVES), by=["age_band"]).to_pandas()
    assert sorted(set(by_age.age_band)) == ["18-29", "30-44", "45-64"]


def test_return_migration_finds_people_who_lived_there_before(dataset):
    table = return_migration(dataset(MOVES)).to_pandas()
    assert table[
        ["year", "in_movers", "returners", "share_returners", "history_years"]
    ].values.tolist() == [[2008, 3, 0, 0.0, 0], [2009, 1, 1, 100.0, 1], [2011, 1, 1, 100.0, 3]]


def test_cohorts_need_person_ids(dataset):
    moves = "move_date,from_municipality,to_municipality,to_parish\n2008-01-01,657,760,7001\n"
    with pytest.raises(AnalysisUnavailable, match="needs the person_id column"):
        retention(dataset(moves))


def test_cohorts_cannot_be_made_from_counted_flows(dataset):
    flows = "year,from_municipality,to_municipality,to_parish,moves\n2008,657,760,7001,4\n"
    with pytest.raises(AnalysisUnavailable, match="counted flows cannot follow a person"):
        return_migration(dataset(flows=flows))
