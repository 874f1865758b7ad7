"""A group of areas' moves per year: in-movers, out-movers and net migration across the
boundary of the group, for an age band and household type, as exact figures or as a person
without exact figures may see them (every figure shown adds up flows the flow lists show, or is
given away by a net the net-migration table shows). The page over time and an initiative's
before/after view show the same figures from here."""

from __future__ import annotations

import pandas as pd
from django.conf import settings

from samskab.common.suppression import apply_mask, hidden_mask, is_hidden, primary_mask
from samskab.factbase.models import FactDataset
from samskab.factbase.services import (
    cached,
    open_dataset,
    single_year_flow_tables,
    single_year_net_tables,
)
from samskab.facts import flow_lists, flows


def yearly_moves(
    dataset: FactDataset,
    areas: tuple[str, ...],
    age_band: str,
    household: str,
    *,
    suppressed: bool,
) -> pd.DataFrame:
    """Return year, in_movers, out_movers, net for moves across the boundary of `areas` (moves
    between two of them are neither), every year of the dataset, filtered by the age band and
    household type when given. `suppressed`: a figure is hidden where it adds up a flow the
    year's flow lists hide, or has a small count, and its net with it; a net the net-migration
    table shows is shown, with an in- or out-figure it gives away with the other."""
    first, last = dataset.first_year or 0, dataset.last_year or 0
    table = _area_flows(dataset, first, last)
    if age_band:
        table = table[table["age_band"] == age_band]
    if household:
        table = table[table["household_type"] == household]
    into, out_of = table["to_area"].isin(areas), table["from_area"].isin(areas)
    every_year = range(first, last + 1)

    def per_year(rows: pd.DataFrame) -> list[int]:
        summed = rows.groupby("year")["moves"].sum()
        return [int(summed.get(year, 0)) for year in every_year]

    frame = pd.DataFrame({"year": list(every_year), "in_movers": per_year(table[into & ~out_of]),
                          "out_movers": per_year(table[out_of & ~into])})  # fmt: skip
    frame["net"] = frame["in_movers"] - frame["out_movers"]
    if not suppressed:
        return frame
    counts, threshold = ["in_movers", "out_movers"], settings.SUPPRESS_BELOW
    behind = _behind_hidden_flows(dataset, areas, age_band, household, every_year)
    mask = hidden_mask(frame, counts=counts, derived={"net": counts}, threshold=threshold,
                       lines=[], start=behind)  # fmt: skip
    if not (age_band or household):
        small = primary_mask(frame, counts=counts, threshold=threshold)
        mask = _shown_with_the_nets(mask, small, _nets_shown(dataset, areas, every_year))
    return apply_mask(frame, mask, counts=counts, threshold=threshold)


def _nets_shown(dataset: FactDataset, areas: tuple[str, ...], years: range) -> list[bool]:
    """Return per year whether the year's net-migration table shows the net of every area of
    `areas`: then it shows their sum, the target group's net (moves between them cancel)."""
    every_year = single_year_net_tables(dataset.project, years.start, years.stop - 1)
    shown = []
    for year in years:
        table = every_year[every_year["year"] == year]
        nets = table[(table["area_kind"] == "area") & table["area"].isin(areas)]["net_total"]
        shown.append(len(nets) == len(areas) and not nets.map(is_hidden).any())
    return shown


def _shown_with_the_nets(mask: pd.DataFrame, small: pd.DataFrame, nets: list[bool]) -> pd.DataFrame:
    """Return the mask showing, where the net-migration table shows the net, the net and the
    in- or out-movers that the other and the net give away (a year with a small count keeps
    its cells hidden)."""
    known = pd.Series(nets, index=mask.index) & ~small.any(axis=1)
    one_shown = ~(mask["in_movers"] & mask["out_movers"])
    result = mask.copy()
    for column in ("in_movers", "out_movers", "net"):
        result[column] = mask[column] & ~(known & (one_shown | (column == "net")))
    return result


def _behind_hidden_flows(
    dataset: FactDataset, areas: tuple[str, ...], age_band: str, household: str, years: range
) -> pd.DataFrame:
    """Return per year whether the in- (out-) movers add up a flow that the year's flow lists
    hide (`in_movers`, `out_movers`): such a sum is hidden, so that every figure shown is a sum
    of flows the lists show, and none adds up to a flow they hide."""
    keys = [f"area:{area}" for area in areas]
    every_year = single_year_flow_tables(dataset.project, years.start, years.stop - 1)
    cells = flow_lists.cells_of(every_year, age_band, household)
    cells = cells[cells["hidden"]]
    inside = cells["origin_key"].isin(keys), cells["destination_key"].isin(keys)
    years_in = set(cells.loc[inside[1] & ~inside[0], "year"].tolist())
    years_out = set(cells.loc[inside[0] & ~inside[1], "year"].tolist())
    rows = [{"in_movers": year in years_in, "out_movers": year in years_out} for year in years]
    return pd.DataFrame(rows, columns=["in_movers", "out_movers"], dtype=bool)


def _area_flows(dataset: FactDataset, first: int, last: int) -> pd.DataFrame:
    """Return the moves between areas (and other places) per year, age band and household
    type over the dataset's years: one computation for every group of areas."""

    def compute() -> pd.DataFrame:
        return flows.flows(open_dataset(dataset), first_year=first, last_year=last, level="area",
                           by=("year", "age_band", "household_type")).to_pandas()  # fmt: skip

    return cached(dataset, "area_flows_by_year", (first, last), compute)
