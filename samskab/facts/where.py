"""Where a place's out-movers went and where its in-movers came from, by municipality.

Cut from one filter's flow cells (flow_cells.flow_table, then flow_lists.cells_of): a place is
one area or several (the project's areas together); its moves to and from each other place are
summed by the municipality at the other end. Moves between the chosen areas stay inside the
place and are left out; moves to the rest of the place's own municipality are one row of kind
"home", moves abroad one row of kind "abroad", every other municipality a row of kind
"municipality".

Suppression: the flow cells are suppressed once for every list, filter and period. A row here
is a sum of cells, shown only when none of them is hidden (so it is a sum of figures the flow
lists show anyway and tells nothing they hide); the net is shown only when both its sides are.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from samskab.common.suppression import apply_mask
from samskab.facts.boundaries import read_boundaries, simplify, to_geojson
from samskab.facts.municipalities import ABROAD, municipality_name

COLUMNS = ["code", "place", "kind", "moved_out", "moved_in", "net"]
COUNTS = ["moved_out", "moved_in"]
COLUMN_OF_DIRECTION = {"net": "net", "out": "moved_out", "in": "moved_in"}
OUTLINE_TOLERANCE = 0.005  # degrees, about 500 m: enough for a map of the whole country
_SIDES = {"moved_out": ("origin", "destination"), "moved_in": ("destination", "origin")}


def where_cells(cells: pd.DataFrame, places: Sequence[str]) -> pd.DataFrame:
    """Return per municipality at the other end: code, place, kind, moved_out, moved_in, net
    (moved_in − moved_out: what the place gained) and a hidden flag per figure (`…_hidden`),
    largest exchange first; the rows of kind "home" and "abroad" last but one and last."""
    chosen = set(places)
    sides = []
    for column, (here, there) in _SIDES.items():
        own = cells[(cells[f"{here}_kind"] == "area") & cells[here].isin(chosen)]
        own = own[~((own[f"{there}_kind"] == "area") & own[there].isin(chosen))]
        code = own[f"{there}_municipality"].astype("int64")
        kind = code.where(code == ABROAD, -1).map({ABROAD: "abroad", -1: "municipality"})
        kind = kind.where(code != own[f"{here}_municipality"].astype("int64"), "home")
        side = pd.DataFrame({
            "code": code.to_numpy(dtype="int64"), "kind": kind.to_numpy(dtype=object),
            column: own["moves"].to_numpy(dtype="int64"),
            f"{column}_hidden": own["hidden"].to_numpy(dtype=bool),
        })  # fmt: skip
        summed = side.groupby(["code", "kind"], as_index=False).agg(
            {column: "sum", f"{column}_hidden": "any"}
        )
        sides.append(summed.astype({"code": "int64", "kind": object}))
    table = sides[0].merge(sides[1], on=["code", "kind"], how="outer")
    for column in COUNTS:
        table[column] = table[column].fillna(0).astype("int64")
        table[f"{column}_hidden"] = table[f"{column}_hidden"].astype("boolean").fillna(False)
        table[f"{column}_hidden"] = table[f"{column}_hidden"].astype(bool)
    table["net"] = table["moved_in"] - table["moved_out"]
    table["net_hidden"] = table["moved_out_hidden"] | table["moved_in_hidden"]
    table["place"] = [
        "abroad" if code == ABROAD else municipality_name(int(code)) for code in table["code"]
    ]
    return _ordered(table).reset_index(drop=True)


def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    """Return the rows by the size of the exchange as shown: shown figures largest first, a
    row with a hidden figure after them by name (never by its hidden size); home, abroad last."""
    shown = ~(table["moved_out_hidden"] | table["moved_in_hidden"])
    size = (table["moved_out"] + table["moved_in"]).where(shown, -1)
    last = table["kind"].map({"municipality": 0, "home": 1, "abroad": 2})
    order = table.assign(_last=last, _size=size)
    order = order.sort_values(["_last", "_size", "place"], ascending=[True, False, True])
    return order.drop(columns=["_last", "_size"])


def top(table: pd.DataFrame, column: str, n: int) -> pd.DataFrame:
    """Return the n other municipalities with the most shown moves in `column` (moved_out,
    moved_in, or net by its size), largest first; hidden figures are never ranked."""
    rows = table[(table["kind"] == "municipality") & ~table[f"{column}_hidden"]]
    size = rows[column].abs() if column == "net" else rows[column]
    rows = rows.assign(_size=size)[size > 0]
    return (
        rows.sort_values(["_size", "place"], ascending=[False, True]).head(n).drop(columns="_size")
    )


def published(table: pd.DataFrame, threshold: int | None) -> pd.DataFrame:
    """Return the table as shown: hidden figures replaced by their marker ("<5" for a small
    count, ".." otherwise and for every hidden net), no hidden flags."""
    mask = pd.DataFrame({c: table[f"{c}_hidden"].to_numpy(dtype=bool) for c in (*COUNTS, "net")})
    shown = table[COLUMNS].reset_index(drop=True)
    if threshold is None or not mask.to_numpy().any():
        return shown
    return apply_mask(shown, mask, counts=COUNTS, threshold=threshold)


def outline_json(path: Path, *, name: str) -> dict[str, Any]:
    """Return a DAGI municipality file (TopoJSON or GeoJSON) as simplified GeoJSON for the map:
    per feature its code, name and a label point (lon, lat) inside it. InputError naming the
    file when it holds no municipality polygons."""
    boundaries = simplify(read_boundaries(path, "municipality", name=name), OUTLINE_TOLERANCE)
    points = [b.geometry.representative_point() for b in boundaries]
    properties = [
        {"code": b.code, "name": b.name, "lon": round(p.x, 4), "lat": round(p.y, 4)}
        for b, p in zip(boundaries, points, strict=True)
    ]
    return to_geojson(boundaries, properties=properties, for_vega=True, precision=3)
