"""The net-migration tables of every single year, cut from one computation of every year, hide
exactly what each year's own table hides when the fact base computes it alone (the page over
time, an initiative's before/after and the period tables read them so)."""

from __future__ import annotations

import pandas as pd

from samskab.common.suppression import is_hidden
from samskab.factbase import services
from samskab.facts.build import Params, compute_table, spec_named

from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401  (fixtures)


def test_the_years_at_once_equal_each_years_own_table(facts, project) -> None:
    first, last = facts.first_year, facts.last_year
    at_once = services.single_year_net_tables(project, first, last)
    assert sorted(set(at_once["year"])) == list(range(first, last + 1))
    data = services.open_dataset(facts)
    hidden = 0
    for year in range(first, last + 1):
        page = services.net_migration_table(project, year, year, exact=False)
        alone = compute_table(spec_named("net_migration"), data, Params(year, year),
                              suppress_below=5)[list(page.columns)]  # fmt: skip
        for table in (page, at_once[at_once["year"] == year].drop(columns="year")):
            shown = table.reset_index(drop=True).drop(columns="base_population")
            expected = alone.drop(columns="base_population")
            pd.testing.assert_frame_equal(shown.astype(str), expected.astype(str),
                                          check_dtype=False)  # fmt: skip
        hidden += int(alone.map(is_hidden).to_numpy().sum())
    assert hidden, "the register hides no cell in any year: the test would prove nothing"


def test_a_periods_table_equals_the_fact_bases_own(facts, project) -> None:
    data = services.open_dataset(facts)
    first, last = facts.first_year, facts.last_year
    for period in ((first, last), (first, first + 1), (last - 1, last)):
        page = services.net_migration_table(project, *period, exact=False)
        alone = compute_table(spec_named("net_migration"), data, Params(*period),
                              suppress_below=5)[list(page.columns)]  # fmt: skip
        pd.testing.assert_frame_equal(page.drop(columns="base_population").astype(str),
                                      alone.drop(columns="base_population").astype(str))  # fmt: skip
