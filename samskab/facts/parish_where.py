"""Where a parish's (or a village's) out-movers went and its in-movers came from: to and from
every other parish of its municipality, and by municipality beyond it, abroad as its own row.

The counts are exact: they are shown only to those who may see exact figures (a parish's moves
cross the areas' suppressed flow cells, and no suppression of them consistent with every other
published table is made here). Moves inside the parish are left out.
"""

from __future__ import annotations

import pandas as pd

from samskab.facts.bands import DEFAULT_AGE_BANDS, AgeBand, age_band, household, parse_age_bands
from samskab.facts.flow_cells import ALL
from samskab.facts.municipalities import ABROAD
from samskab.facts.store import Dataset
from samskab.facts.where import where_cells

KEYS = ["from_municipality", "from_parish", "to_municipality", "to_parish", "age_band",
        "household_type"]  # fmt: skip
PARISH_COLUMNS = ["parish", "moved_out", "moved_in", "net"]
_HERE = "parish"  # the chosen parish's name in the cells handed to facts.where


def parish_moves(
    data: Dataset,
    *,
    parish: int,
    first_year: int,
    last_year: int,
    age_bands: tuple[AgeBand, ...] | None = None,
) -> pd.DataFrame:
    """Return the period's moves out of or into the parish (not inside it), counted by both
    ends' municipality and parish (a parish NULL when unknown), age band and household type."""
    moves = data.moves
    from_here = moves.from_parish.fill_null(-1) == parish
    to_here = moves.to_parish.fill_null(-1) == parish
    moves = moves.filter(moves.year.between(first_year, last_year), from_here != to_here)
    bands = age_bands if age_bands is not None else parse_age_bands(DEFAULT_AGE_BANDS)
    moves = moves.mutate(age_band=age_band(moves, bands), household_type=household(moves))
    counted: pd.DataFrame = (
        moves.group_by(KEYS).agg(moves=moves.weight.cast("int64").sum()).to_pandas()
    )
    for column in ("from_municipality", "to_municipality", "moves"):
        counted[column] = counted[column].astype("int64")
    for column in ("from_parish", "to_parish"):
        counted[column] = counted[column].astype("Int64")
    return counted


def chosen(counted: pd.DataFrame, age_band: str | None, household_type: str | None) -> pd.DataFrame:
    """Return the moves of one filter (None: every age band, every household type)."""
    keep = pd.Series(True, index=counted.index)
    if age_band and age_band != ALL:
        keep &= counted["age_band"] == age_band
    if household_type and household_type != ALL:
        keep &= counted["household_type"] == household_type
    return counted[keep]


def home_municipality(counted: pd.DataFrame, parish: int) -> int | None:
    """Return the parish's municipality (the one its moves out start in, else the one its moves
    in end in), or None when it has no moves."""
    for side in ("from", "to"):
        own = counted[(counted[f"{side}_parish"] == parish).fillna(False)]
        if not own.empty:
            totals = own.groupby(f"{side}_municipality")["moves"].sum()
            return int(totals.index.to_numpy()[totals.to_numpy().argmax()])
    return None


def by_municipality(counted: pd.DataFrame, parish: int) -> pd.DataFrame:
    """Return the parish's moves per municipality at the other end, as facts.where_cells has
    them (code, place, kind "municipality", "home" or "abroad", moved_out, moved_in, net, and
    hidden flags, all False): "home" is the rest of the parish's own municipality."""
    out = (counted["from_parish"] == parish).fillna(False).to_numpy(dtype=bool)
    cells = pd.DataFrame({
        "origin": [_HERE if o else "" for o in out],
        "origin_kind": ["area" if o else "other" for o in out],
        "origin_municipality": counted["from_municipality"].to_numpy(dtype="int64"),
        "destination": ["" if o else _HERE for o in out],
        "destination_kind": ["other" if o else "area" for o in out],
        "destination_municipality": counted["to_municipality"].to_numpy(dtype="int64"),
        "moves": counted["moves"].to_numpy(dtype="int64"),
        "hidden": False,
    })  # fmt: skip
    return where_cells(cells[cells["moves"] > 0], [_HERE])


def by_parish(counted: pd.DataFrame, parish: int, municipality: int | None) -> pd.DataFrame:
    """Return the parish's moves to and from each other parish of its municipality: parish (a
    code, or <NA> for moves whose parish there is unknown), moved_out, moved_in, net; the
    largest exchange first, then by code, the unknown parish last."""
    if municipality is None or municipality == ABROAD:
        return pd.DataFrame(columns=PARISH_COLUMNS)
    sides = []
    for column, here, there in (("moved_out", "from", "to"), ("moved_in", "to", "from")):
        own = counted[(counted[f"{here}_parish"] == parish).fillna(False)]
        own = own[own[f"{there}_municipality"] == municipality]
        side = own.groupby(f"{there}_parish", dropna=False)["moves"].sum()
        sides.append(side.rename(column).rename_axis("parish"))
    table = pd.concat(sides, axis=1).fillna(0).astype("int64").reset_index()
    table["net"] = table["moved_in"] - table["moved_out"]
    table = table.assign(
        _size=table["moved_out"] + table["moved_in"], _unknown=table["parish"].isna()
    )
    table = table.sort_values(["_unknown", "_size", "parish"], ascending=[True, False, True])
    return table[PARISH_COLUMNS].reset_index(drop=True)
