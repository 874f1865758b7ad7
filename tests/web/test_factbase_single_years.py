"""The net-migration tables of every single year, computed at once, hide exactly what each
year's own table hides (the page over time and an initiative's before/after read them so)."""

from __future__ import annotations

import pandas as pd

from samskab.common.suppression import is_hidden
from samskab.factbase import services

from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401  (fixtures)


def test_the_years_at_once_equal_each_years_own_table(facts, project) -> None:
    first, last = facts.first_year, facts.last_year
    at_once = services.single_year_net_tables(project, first, last)
    assert sorted(set(at_once["year"])) == list(range(first, last + 1))
    hidden = 0
    for year in range(first, last + 1):
        alone = services.net_migration_table(project, year, year, exact=False)
        mine = at_once[at_once["year"] == year].drop(columns="year").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine.astype(str), alone.astype(str), check_dtype=False)
        hidden += int(alone.map(is_hidden).to_numpy().sum())
    assert hidden, "the register hides no cell in any year: the test would prove nothing"
