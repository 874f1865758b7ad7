"""Newcomer retention and return migration for one area or village and age band, for
facilitators: the build's finest counts (facts.cohorts, per cohort year, area, parish and age
band), cut and summed. A village is its parish: the newcomers who moved into that parish.

Only exact figures are made here: an age band of an area splits the newcomers finer than the
population page's tables, whose suppression does not cover it, so a person without exact figures
gets empty tables (and the page does not offer them).
"""

from __future__ import annotations

import pandas as pd

from samskab.factbase import services
from samskab.factbase.services import Query
from samskab.factbase.trends import place_name
from samskab.facts import cohorts
from samskab.facts.migration import percent_of
from samskab.projects.models import Project

RETENTION_COLUMNS = ["area", "years_after", "newcomers", "stayed", "share_stayed"]
RETURN_COLUMNS = ["year", "in_movers", "returners", "share_returners"]


def _counts(project: Project, kind: str) -> pd.DataFrame:
    """Return the dataset's retention or return counts per cohort year, area and age band."""
    dataset = services.require_dataset(project)

    def compute() -> pd.DataFrame:
        data = services.open_dataset(dataset)
        if kind == "retention":
            return cohorts.retention_counts(data).to_pandas()
        return cohorts.return_counts(data).to_pandas()

    return services.cached(dataset, f"{kind}_counts", (), compute)


def _chosen(table: pd.DataFrame, query: Query) -> pd.DataFrame:
    """Return the rows of the query's area or parish ("area:Nord", "parish:0123"), age band
    (all: every band) and period."""
    kind, _sep, place = (query.place or "").partition(":")
    if kind == "parish":
        rows = table["parish"] == (int(place) if place.isdigit() else -1)
    else:
        rows = table["area"] == place
    rows &= table["cohort_year"].between(query.first_year, query.last_year)
    if query.age_band:
        rows &= table["age_band"] == query.age_band
    return table[rows]


def retention_rows(project: Project, query: Query, exact: bool) -> pd.DataFrame:
    """Return, for the newcomers of the period to the query's area or village and age band, per
    years after their entry: area (the place's name), newcomers, stayed and share_stayed (%
    still in the municipality)."""
    if not exact:
        return pd.DataFrame(columns=RETENTION_COLUMNS)
    chosen = _chosen(_counts(project, "retention"), query)
    summed = chosen.groupby("years_after", as_index=False)[["newcomers", "stayed"]].sum()
    summed["share_stayed"] = percent_of(summed["stayed"], summed["newcomers"])
    summed.insert(0, "area", place_name(project, query.place or ""))
    return summed[RETENTION_COLUMNS]


def return_rows(project: Project, query: Query, exact: bool) -> pd.DataFrame:
    """Return per year of the period the query's area or village and age band: in_movers
    (newcomers to the municipality), returners and share_returners (%)."""
    if not exact:
        return pd.DataFrame(columns=RETURN_COLUMNS)
    chosen = _chosen(_counts(project, "return"), query).rename(columns={"cohort_year": "year"})
    summed = chosen.groupby("year", as_index=False)[["in_movers", "returners"]].sum()
    summed["share_returners"] = percent_of(summed["returners"], summed["in_movers"])
    return summed[RETURN_COLUMNS]
