"""The flow cells of every single year, computed at once, are hidden exactly as each year's own
flow table hides them (the before/after of an initiative reads them so, for every year)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from samskab.demo_data import write_demo_data
from samskab.facts import flow_cells
from samskab.facts.store import load_dataset

KEYS = ["origin_key", "destination_key", "age_band", "household_type"]


def test_the_years_at_once_hide_what_each_years_own_table_hides(tmp_path: Path) -> None:
    paths = write_demo_data(tmp_path)
    data = load_dataset(areas=paths["areas"], population=paths["population"],
                        moves=paths["moves"], in_memory=True)  # fmt: skip
    at_once = flow_cells.single_year_tables(data, first_year=2010, last_year=2014, threshold=5)
    assert at_once["hidden"].any() and not at_once["hidden"].all()
    for year in range(2010, 2015):
        alone = flow_cells.flow_table(data, first_year=year, last_year=year, threshold=5)
        mine = at_once[at_once["year"] == year].drop(columns="year")
        both = alone.merge(mine, on=KEYS, how="outer", suffixes=("_alone", "_at_once"),
                           indicator=True)  # fmt: skip
        assert (both["_merge"] == "both").all(), year
        pd.testing.assert_series_equal(both["moves_alone"], both["moves_at_once"],
                                       check_names=False)  # fmt: skip
        assert (both["hidden_alone"] == both["hidden_at_once"]).all(), year
