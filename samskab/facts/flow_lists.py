"""The flow lists a page shows, each cut from one period's flow cells (flow_cells.flow_table):
top destinations and origins per area, the largest flows, the moves between areas.

Every list takes the cells of one filter (an age band, a household type, or ALL of them) and
shows a cell's moves as the table has them, hidden ones as "<5" or ".." (suppression's
markers), so a pair reads the same in every list. Lists are ordered by the shown figures only:
hidden cells come after the shown ones, by name, whatever their exact size. An area's share of
its moves (a total beside the list) is published only with exact figures: no suppressed list
gives a total.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from samskab.common.suppression import apply_mask
from samskab.facts.flow_cells import ALL
from samskab.facts.migration import percent_of

DIRECTIONS = {"out": ("origin", "destination"), "in": ("destination", "origin")}


def cells_of(table: pd.DataFrame, age_band: str | None, household_type: str | None) -> pd.DataFrame:
    """Return the cells of one filter (None: every age band, every household type)."""
    chosen = (table["age_band"] == (age_band or ALL)) & (
        table["household_type"] == (household_type or ALL)
    )
    return table[chosen & (table["moves"] > 0)]


def top_places(
    cells: pd.DataFrame, direction: str, *, n: int, areas: Sequence[str], threshold: int | None
) -> pd.DataFrame:
    """Return per area (in the order of `areas`) its n largest destinations (direction "out")
    or origins ("in"): area, rank, destination|origin, …_kind, moves and, with exact figures
    (`threshold` None), share (% of the area's moves out or in)."""
    here, there = DIRECTIONS[direction]
    own = cells[cells[f"{here}_kind"] == "area"]
    listed = pd.DataFrame({
        "area": own[here], "rank": 0, there: own[there], f"{there}_kind": own[f"{there}_kind"],
        "moves": own["moves"], "hidden": own["hidden"],
    })  # fmt: skip
    if threshold is None:
        totals = listed.groupby("area")["moves"].transform("sum")
        listed["share"] = percent_of(listed["moves"], totals)
    order = {area: position for position, area in enumerate(areas)}
    listed = listed.assign(_order=listed["area"].map(lambda a: order.get(a, len(order))),
                           _size=_shown_size(listed))  # fmt: skip
    listed = listed.sort_values(["_order", "area", "_size", there],
                                ascending=[True, True, False, True])  # fmt: skip
    listed["rank"] = listed.groupby("area", sort=False).cumcount() + 1
    return published(listed[listed["rank"] <= n].drop(columns=["_order", "_size"]), threshold)


def largest_flows(cells: pd.DataFrame, *, n: int, threshold: int | None) -> pd.DataFrame:
    """Return the n largest flows into or out of an area: origin, destination, moves."""
    return published(_ordered(cells).head(n), threshold)


def between_areas(cells: pd.DataFrame, *, threshold: int | None) -> pd.DataFrame:
    """Return the moves between two areas: origin, destination (areas), moves, largest first."""
    both = (cells["origin_kind"] == "area") & (cells["destination_kind"] == "area")
    return published(_ordered(cells[both]), threshold)


def _ordered(cells: pd.DataFrame) -> pd.DataFrame:
    """Return the flows largest shown first, hidden ones after them by name."""
    flows = cells[["origin", "destination", "moves", "hidden"]]
    flows = flows.assign(_size=_shown_size(flows))
    flows = flows.sort_values(["_size", "origin", "destination"], ascending=[False, True, True])
    return flows.drop(columns="_size")


def _shown_size(cells: pd.DataFrame) -> pd.Series:
    """Return the moves to order by: a hidden cell's size is never used (-1: after every shown
    one), so where a list places a hidden cell tells nothing of its size."""
    return cells["moves"].where(~cells["hidden"].astype(bool), -1)


def published(listed: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    """Return a list as shown: hidden moves replaced by their marker, no `hidden` column."""
    listed = listed.reset_index(drop=True)
    mask = pd.DataFrame({"moves": listed.pop("hidden").astype(bool)})
    if threshold is None or not mask["moves"].any():
        return listed
    return apply_mask(listed, mask, counts=["moves"], threshold=threshold)
