"""Migration over time: in-movers, out-movers and net migration per year, for every area and
every parish of the areas, by age band.

A move counts for a place as the data contract counts it for an area: into the place from
elsewhere, or out of it to elsewhere; a move inside the place is no migration for it. For a
parish "inside" means both parishes are that parish; for an area, both in the area. The net of
an area is therefore the sum of its parishes' nets, and its yearly nets add up to the net
migration of any period (facts.migration).

`yearly_movers` returns the exact counts; `suppressed_movers` the same table as a person without
exact figures may see it, by the one rule of samskab.common.suppression (see its docstring).
"""

from __future__ import annotations

import pandas as pd

from samskab.common.suppression import apply_mask, hidden_mask, yearly_mask
from samskab.facts import build
from samskab.facts.bands import AgeBand, parse_age_bands
from samskab.facts.flows import scoped_moves
from samskab.facts.store import Dataset

ALL = ""  # the age band of a sum over every age band
COUNTS = ("in_movers", "out_movers")
DERIVED = {"net": list(COUNTS)}
KEYS = ["kind", "place", "year", "age_band"]
COLUMNS = [*KEYS, "area", *COUNTS, "net"]


def yearly_movers(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    age_bands: tuple[AgeBand, ...] | None = None,
) -> pd.DataFrame:
    """Return one row per place, year and age band (ALL: every age band): kind ("area" or
    "parish"), place (an area's name or a parish's four-digit code), year, age_band, area (the
    area the place lies in), in_movers, out_movers and net; every year of the period and every
    band appear, with zeros where nobody moved."""
    bands = age_bands if age_bands is not None else parse_age_bands()
    moves = scoped_moves(data, first_year=first_year, last_year=last_year, age_bands=bands)
    columns = ["year", "age_band", "from_area", "to_area", "from_parish", "to_parish",
               "same_area", "weight"]  # fmt: skip
    frame = moves.select(*columns).to_pandas()
    places = _places(data)
    counted = pd.concat([_counted(frame, "area", places), _counted(frame, "parish", places)])
    labels = [b.label for b in bands] + sorted(set(frame["age_band"]) - {b.label for b in bands})
    grid = _grid(places, range(first_year, last_year + 1), labels)
    table = grid.merge(counted, on=["kind", "place", "year", "age_band"], how="left")
    table[list(COUNTS)] = table[list(COUNTS)].fillna(0).astype("int64")
    table = _with_all_bands(table)
    table["net"] = table["in_movers"] - table["out_movers"]
    return table[COLUMNS].reset_index(drop=True)


def _places(data: Dataset) -> pd.DataFrame:
    """Return kind, place and area of every area and every parish of the areas, in area order."""
    areas = data.areas.order_by(["area_order", "parish"]).to_pandas()
    parishes = pd.DataFrame({"kind": "parish", "place": areas["parish"].map("{:04d}".format),
                             "area": areas["area"]})  # fmt: skip
    names = areas.drop_duplicates("area")
    own = pd.DataFrame({"kind": "area", "place": names["area"], "area": names["area"]})
    return pd.concat([own, parishes], ignore_index=True)


def _counted(frame: pd.DataFrame, kind: str, places: pd.DataFrame) -> pd.DataFrame:
    """Return per place of `kind`, year and age band the weighted moves in and out."""
    if kind == "area":
        origin, destination, inside = frame["from_area"], frame["to_area"], frame["same_area"]
    else:
        origin = frame["from_parish"].map(lambda p: None if pd.isna(p) else f"{int(p):04d}")
        destination = frame["to_parish"].map(lambda p: None if pd.isna(p) else f"{int(p):04d}")
        inside = origin.notna() & (origin == destination)
    crossing = frame[~inside.fillna(False).astype(bool)]
    parts = []
    for column, ends in (("in_movers", destination), ("out_movers", origin)):
        part = crossing.assign(place=ends[crossing.index]).dropna(subset=["place"])
        summed = part.groupby(["place", "year", "age_band"])["weight"].sum()
        parts.append(summed.rename(column).reset_index())
    both = parts[0].merge(parts[1], on=["place", "year", "age_band"], how="outer")
    known = set(places.loc[places["kind"] == kind, "place"])
    result: pd.DataFrame = both[both["place"].isin(known)].assign(kind=kind)
    return result


def _grid(places: pd.DataFrame, years: range, bands: list[str]) -> pd.DataFrame:
    """Return every place × year × band, places in their order."""
    rows = [
        (kind, place, area, year, band)
        for kind, place, area in places[["kind", "place", "area"]].itertuples(index=False)
        for year in years
        for band in bands
    ]
    return pd.DataFrame(rows, columns=["kind", "place", "area", "year", "age_band"])


def _with_all_bands(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table with, before each place's and year's bands, their sum (ALL)."""
    keys = ["kind", "place", "area", "year"]
    summed = table.groupby(keys, as_index=False, sort=False)[list(COUNTS)].sum()
    both = pd.concat([summed.assign(age_band=ALL), table], ignore_index=True)
    order = table[keys].drop_duplicates().reset_index(drop=True).reset_index()
    both = both.merge(order, on=keys, how="left")
    return both.sort_values(["index", "age_band"], kind="stable").drop(columns="index")


def suppressed_movers(
    table: pd.DataFrame, data: Dataset, params: build.Params, threshold: int
) -> pd.DataFrame:
    """Return the yearly_movers table as a person without exact figures sees it.

    Published sums, each a line of the rule: the age bands of a place and year with their sum
    (ALL); the nets of an area's parishes (they add up to the area's net). An area's cells for
    every age band are the net-migration table's: they are hidden exactly where its single years
    hide them (it publishes each year's nets, and the flow lists treat its moves in and out as
    published), so no page shows what another hides; where the rule would hide more of such a
    row, the age bands behind it are hidden instead.
    """
    mask = _area_mask(table, _published_areas(table, data, params, threshold), threshold)
    return apply_mask(table, _with_parishes(table, mask, threshold), counts=COUNTS,
                      threshold=threshold)  # fmt: skip


def _published_areas(
    table: pd.DataFrame, data: Dataset, params: build.Params, threshold: int
) -> pd.DataFrame:
    """Return, over the table's rows, True where the net-migration table hides the cell in
    that year (for the areas' rows of every age band; False elsewhere)."""
    spec = build.spec_named("net_migration")
    yearly = build.compute_arrow(build.spec_named(spec.yearly), data, params).to_pandas()
    hidden = yearly_mask(yearly, year="year", counts=spec.counts, dims=spec.dims,
                         derived=spec.derived, threshold=threshold)  # fmt: skip
    net = pd.DataFrame({
        "place": yearly["area"], "year": yearly["year"],
        "in_movers": hidden["internal_in"] | hidden["external_in"],
        "out_movers": hidden["internal_out"] | hidden["external_out"],
        "net": hidden["net_total"],
    })[(yearly["area_kind"] == "area").to_numpy()]  # fmt: skip
    rows = table[KEYS].assign(_row=range(len(table)))
    whole = rows[(rows["kind"] == "area") & (rows["age_band"] == ALL)]
    fixed = whole.merge(net, on=["place", "year"], how="left").set_index("_row")
    result = pd.DataFrame(False, index=range(len(table)), columns=[*COUNTS, "net"])
    result.loc[fixed.index, list(fixed.columns[-3:])] = fixed[list(result.columns)].fillna(False)
    return result.set_axis(table.index).astype(bool)


def _area_mask(table: pd.DataFrame, fixed: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Return the mask of the areas' rows: the rule along the age bands, starting from `fixed`,
    until no row for every age band hides a cell `fixed` shows."""
    areas = table["kind"] == "area"
    whole = (areas & (table["age_band"] == ALL)).to_numpy()
    start = fixed.copy()
    for _ in range(len(table) + 1):
        mask = hidden_mask(table[areas], counts=COUNTS, derived=DERIVED, threshold=threshold,
                           lines=[["place", "year"]], start=start[areas])  # fmt: skip
        mask = mask.reindex(table.index, fill_value=False)
        extra = mask & ~fixed & whole[:, None]
        if not extra.to_numpy().any():
            return mask
        # Hide every band behind a row the rule would hide more of: that sum then protects.
        behind = table[["place", "year"]][extra.any(axis=1)].drop_duplicates()
        bands = table[["place", "year"]].merge(behind, how="left", indicator=True)
        start |= ((bands["_merge"] == "both").to_numpy() & areas.to_numpy() & ~whole)[:, None]
    raise RuntimeError("suppression of the yearly movers did not settle")


def _with_parishes(table: pd.DataFrame, mask: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Return the mask with the parishes' rows: the rule along the age bands and along the
    parishes of an area (whose nets sum to the area's); a parish that is its area's only parish
    is the area and reads as it."""
    parishes = table["kind"] == "parish"
    own = hidden_mask(table[parishes], counts=COUNTS, derived=DERIVED, threshold=threshold,
                      lines=[["place", "year"], ["area", "year", "age_band"]])  # fmt: skip
    mask = mask.copy()
    mask.loc[own.index] = own
    sizes = table[parishes].groupby("area")["place"].nunique()
    alone = parishes & table["area"].map(sizes).eq(1)
    areas = table[table["kind"] == "area"][["place", "year", "age_band"]]
    area_rows = areas.assign(_row=areas.index).rename(columns={"place": "area"})
    matched = table[alone][["area", "year", "age_band"]].reset_index()
    matched = matched.merge(area_rows, on=["area", "year", "age_band"])
    mask.loc[matched["index"].to_numpy()] = mask.loc[matched["_row"].to_numpy()].to_numpy()
    return mask
