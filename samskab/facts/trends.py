"""Migration over time: in-movers, out-movers and net migration per year, for every area and
every parish of the areas, by age band.

A move counts for a place as the data contract counts it for an area: into the place from
elsewhere, or out of it to elsewhere; a move inside the place is no migration for it. For a
parish "inside" means both parishes are that parish; for an area, both in the area. The net of
an area is therefore the sum of its parishes' nets, and its yearly nets add up to the net
migration of any period (facts.migration).

These are exact counts, for facilitators; what others see of an area is suppressed where the
flow lists and the net-migration table are (samskab.factbase.group_moves).
"""

from __future__ import annotations

import pandas as pd

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
