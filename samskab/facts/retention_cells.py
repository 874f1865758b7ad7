"""Newcomer retention per area, suppressed in step with the net-migration table.

A year's newcomers to an area are its in-movers from outside the municipality: the net-migration
table's `external_in` count of the area in that year (persons rather than moves, which differ
only for a person entering twice in one year). That count is not printed, but its net is, and the
flow lists print its parts; if retention showed an area's newcomers where the net-migration table
hides that area's `external_in` (or hid them where it shows it, and chose another area beside a
small one), the two tables together would give a hidden figure away. So a year's newcomers start
hidden wherever that year's net-migration table hides the area's in-movers from outside, and the
common rule (samskab.common.suppression) completes the rest, per cohort year and years after,
along the areas (whose newcomers add up to the year's in-movers, which return migration prints).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from samskab.common.suppression import apply_mask, suppress_period, yearly_mask
from samskab.facts import build
from samskab.facts.cohorts import NO_AREA
from samskab.facts.errors import InputError
from samskab.facts.store import Dataset

COUNTS = ("newcomers", "stayed")
DERIVED = {"share_stayed": list(COUNTS)}
# The areas of a cohort add up to its in-movers (return migration's); nothing adds up the years
# after an entry.
LINES = [["years_after"]]


YearlyNets = tuple[pd.DataFrame, pd.DataFrame]
"""The net-migration table of every year of a span, exact, and the mask of what each single
year hides (single_year_nets): computed once, it serves every table suppressed in step with it."""


def nets_of(
    data: Dataset, params: build.Params, threshold: int, known: YearlyNets | None = None
) -> YearlyNets:
    """Return single_year_nets for the params' years: cut from `known` (computed for a span
    holding them, for all municipalities) when given, else computed. Each year is suppressed on
    its own, so a year's rows read the same in any span."""
    if known is None or params.municipality is not None:
        return single_year_nets(data, params, threshold)
    yearly, mask = known
    chosen = yearly["year"].between(params.first_year, params.last_year).to_numpy()
    return yearly[chosen].reset_index(drop=True), mask[chosen].reset_index(drop=True)


def single_year_nets(data: Dataset, params: build.Params, threshold: int) -> YearlyNets:
    """Return the net-migration table of every year of the period, exact, and the mask of the
    cells (counts and nets) each single year's table hides."""
    spec = build.spec_named("net_migration")
    yearly = build.compute_arrow(build.spec_named(spec.yearly), data, params).to_pandas()
    mask = yearly_mask(yearly, year="year", counts=spec.counts, dims=spec.dims,
                       derived=spec.derived, threshold=threshold)  # fmt: skip
    return yearly, mask


def newcomers_start(
    cohorts: pd.DataFrame,
    data: Dataset,
    municipality: int | None,
    threshold: int,
    known: YearlyNets | None = None,
) -> pd.DataFrame:
    """Return, over the rows of a retention table by cohort year and area (municipality,
    cohort_year, area, …), the cells hidden before the rule runs: the newcomers of a year and
    area whose in-movers from outside the year's net-migration table hides. A cohort year
    whose net-migration table cannot be made (no population on 1 January) is hidden whole."""
    start = pd.DataFrame(False, index=cohorts.index, columns=list(COUNTS))
    if cohorts.empty:
        return start
    first, last = int(cohorts["cohort_year"].min()), int(cohorts["cohort_year"].max())
    try:
        nets, mask = nets_of(data, build.Params(first, last, municipality), threshold, known)
    except InputError:
        start["newcomers"] = True
        return start
    kind = nets["area_kind"].to_numpy()
    hidden = pd.DataFrame({
        "municipality": nets["municipality"].astype("int64").to_numpy(),
        "cohort_year": nets["year"].astype("int64").to_numpy(),
        "area": np.where(kind == "area", nets["area"].astype(str), NO_AREA),
        "hidden": mask["external_in"].to_numpy(dtype=bool),
    })[kind != "total"]  # fmt: skip
    keys = cohorts[["municipality", "cohort_year", "area"]].astype(
        {"municipality": "int64", "cohort_year": "int64", "area": str}
    )
    found = keys.merge(hidden, on=["municipality", "cohort_year", "area"], how="left")
    start["newcomers"] = found["hidden"].fillna(False).astype(bool).to_numpy()
    return start


def suppress_cohorts(
    table: pd.DataFrame, data: Dataset, params: build.Params, threshold: int
) -> pd.DataFrame:
    """Return the fact base's retention_by_area (a row per cohort year, area and years after)
    with each cohort year suppressed on its own, in step with the net-migration table."""
    table = table.reset_index(drop=True)
    start = newcomers_start(table, data, params.municipality, threshold)
    mask = yearly_mask(table, year="cohort_year", counts=COUNTS, dims=("area", "years_after"),
                       derived=DERIVED, threshold=threshold, lines=LINES, start=start)  # fmt: skip
    return apply_mask(table, mask, counts=COUNTS, threshold=threshold)


def suppress_retention(
    period: pd.DataFrame,
    yearly: pd.DataFrame,
    data: Dataset,
    params: build.Params,
    threshold: int,
    known: YearlyNets | None = None,
) -> pd.DataFrame:
    """Return the retention of a period's newcomers per area and years after (`period`: area,
    years_after, newcomers, stayed, share_stayed) suppressed: `yearly` is the same per cohort
    year of the period (the fact base's retention_by_area), each cohort year suppressed on its
    own in step with the net-migration table, the period built from them."""
    yearly = yearly.reset_index(drop=True)
    return suppress_period(
        period, yearly, year="cohort_year", counts=COUNTS, dims=("area", "years_after"),
        derived=DERIVED, threshold=threshold, lines=LINES,
        yearly_start=newcomers_start(yearly, data, params.municipality, threshold, known),
    )  # fmt: skip
