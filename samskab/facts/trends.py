"""Migration over time: in-movers, out-movers and net migration per year, for every area and
every parish of the areas, by age band.

A move counts for a place as the data contract counts it for an area: into the place from
elsewhere, or out of it to elsewhere; a move inside the place is no migration for it. For a
parish "inside" means both parishes are that parish; for an area, both in the area. The net of
an area is therefore the sum of its parishes' nets, and its yearly nets add up to the net
migration of any period (facts.migration).

`yearly_movers` returns the exact counts; `suppressed_movers` what of them a person without
exact figures may see (see its docstring and samskab.common.suppression).
"""

from __future__ import annotations

import pandas as pd

from samskab.common.suppression import apply_mask, yearly_mask
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
    """Return the rows of the yearly_movers table a person without exact figures may see: each
    area's row for every age band, its cells hidden exactly where the net-migration table's
    single years hide the moves they sum (in: the moves in within the municipality or from
    other places; out likewise; net: the area's net), by the one rule applied there. So the
    page shows nothing the net-migration table and the flow lists do not protect.

    The rows by age band and the parishes' rows are left out: their counts cross the areas' moves
    in and out by origin and destination (a move from one area to another is in both), which no
    line of the rule can protect, so a hidden count could be worked out from them."""
    hidden = _published_areas(table, data, params, threshold)
    shown = ((table["kind"] == "area") & (table["age_band"] == ALL)).to_numpy()
    masked = apply_mask(table, hidden, counts=COUNTS, threshold=threshold)
    return masked[shown].reset_index(drop=True)


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
    columns = list(result.columns)
    result.loc[fixed.index, columns] = fixed[columns].fillna(False).to_numpy(dtype=bool)
    return result.set_axis(table.index).astype(bool)
