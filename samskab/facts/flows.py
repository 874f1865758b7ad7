"""Flows: where movers come from and go to, between areas, parishes and municipalities.

A flow table counts moves (summed weights) from an origin to a destination at one level:
- "municipality": from_municipality → to_municipality (0 = abroad);
- "area": the area at each end when the parish lies in an area, else NULL with the municipality;
- "parish": the parish at each end when known, else NULL with the municipality.
Moves that stay inside one place at the chosen level are kept (a short move inside an area is
still a move a housing market makes); top lists leave them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict, Unpack

import ibis
import ibis.expr.types as ir

from samskab.facts.bands import DEFAULT_AGE_BANDS, AgeBand, age_band, household, parse_age_bands
from samskab.facts.municipalities import ABROAD, MUNICIPALITIES
from samskab.facts.store import Dataset

LEVELS = {
    "municipality": ("from_municipality", "to_municipality"),
    "area": ("from_municipality", "from_area", "to_municipality", "to_area"),
    "parish": ("from_municipality", "from_parish", "to_municipality", "to_parish"),
}


def scoped_moves(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    municipality: int | None = None,
    age_bands: tuple[AgeBand, ...] | None = None,
) -> ir.Table:
    """Return the period's moves touching the areas' municipalities (or one municipality), with
    `age_band` and `household_type` filled in ("unknown" when not given)."""
    moves = data.moves.filter(data.moves.year.between(first_year, last_year))
    if municipality is not None:
        touching = (moves.from_municipality == municipality) | (
            moves.to_municipality == municipality
        )
    else:
        scope = data.areas.municipality
        touching = moves.from_municipality.isin(scope) | moves.to_municipality.isin(scope)
    moves = moves.filter(touching)
    bands = age_bands if age_bands is not None else parse_age_bands(DEFAULT_AGE_BANDS)
    return moves.mutate(age_band=age_band(moves, bands), household_type=household(moves))


def flows(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    level: str = "area",
    by: Sequence[str] = ("age_band", "household_type"),
    municipality: int | None = None,
    age_bands: tuple[AgeBand, ...] | None = None,
) -> ir.Table:
    """Return origin, destination, the `by` columns and `moves`, largest flows first."""
    moves = scoped_moves(
        data,
        first_year=first_year,
        last_year=last_year,
        municipality=municipality,
        age_bands=age_bands,
    )
    keys = [*LEVELS[level], *by]
    counted = moves.group_by(keys).agg(moves=moves.weight.cast("int64").sum())
    return counted.order_by([ibis.desc("moves"), *keys])


class TopFilters(TypedDict, total=False):
    """Optional filters of the top lists."""

    municipality: int | None
    age_band: str | None
    household_type: str | None
    age_bands: tuple[AgeBand, ...] | None


def top_destinations(
    data: Dataset, *, first_year: int, last_year: int, n: int = 10, **filters: Unpack[TopFilters]
) -> ir.Table:
    """Return per area its out-movers' n most common destinations: area, rank, destination,
    destination_kind ("area", "municipality", "abroad" or "no_area"), moves, share (% of the
    area's out-moves)."""
    return _top(data, "out", first_year=first_year, last_year=last_year, n=n, **filters)


def top_origins(
    data: Dataset, *, first_year: int, last_year: int, n: int = 10, **filters: Unpack[TopFilters]
) -> ir.Table:
    """Return per area its in-movers' n most common origins, shaped as top_destinations
    (with `origin` and `origin_kind`)."""
    return _top(data, "in", first_year=first_year, last_year=last_year, n=n, **filters)


def _top(
    data: Dataset,
    direction: str,
    *,
    first_year: int,
    last_year: int,
    n: int,
    municipality: int | None = None,
    age_band: str | None = None,
    household_type: str | None = None,
    age_bands: tuple[AgeBand, ...] | None = None,
) -> ir.Table:
    moves = scoped_moves(
        data,
        first_year=first_year,
        last_year=last_year,
        municipality=municipality,
        age_bands=age_bands,
    )
    if age_band is not None:
        moves = moves.filter(moves.age_band == age_band)
    if household_type is not None:
        moves = moves.filter(moves.household_type == household_type)
    here, there = ("from", "to") if direction == "out" else ("to", "from")
    moves = moves.filter(moves[f"{here}_area"].notnull())
    moves = moves.filter(~moves.same_area)
    if municipality is not None:
        moves = moves.filter(moves[f"{here}_municipality"] == municipality)
    place, kind = _place(moves, there, here)
    name = "destination" if direction == "out" else "origin"
    labelled = moves.mutate(area=moves[f"{here}_area"], **{name: place, f"{name}_kind": kind})
    counted = labelled.group_by(["area", name, f"{name}_kind"]).agg(
        moves=labelled.weight.cast("int64").sum()
    )
    window = ibis.window(group_by="area", order_by=[ibis.desc("moves"), name])
    totals = ibis.window(group_by="area")
    ranked = counted.mutate(
        rank=ibis.row_number().over(window) + 1,
        share=(counted.moves * 100.0 / counted.moves.sum().over(totals)).round(1),
    )
    ranked = ranked.filter(ranked["rank"] <= n)
    order = data.areas.group_by("area").agg(area_order=data.areas.area_order.min())
    ranked = ranked.join(order, "area")
    return ranked.order_by(["area_order", "rank"]).select(
        "area", "rank", name, f"{name}_kind", "moves", "share"
    )


def _place(moves: ir.Table, side: str, home: str) -> tuple[ir.StringValue, ir.StringValue]:
    """Return the label and kind of the place at `side`: its area, else its municipality."""
    code = moves[f"{side}_municipality"]
    municipality_label = ibis.cases(
        *[(code == m.code, ibis.literal(m.name)) for m in MUNICIPALITIES],
        else_=code.cast("string"),
    )
    area = moves[f"{side}_area"]
    kind = ibis.cases(
        (area.notnull(), ibis.literal("area")),
        (code == ABROAD, ibis.literal("abroad")),
        (code == moves[f"{home}_municipality"], ibis.literal("no_area")),
        else_=ibis.literal("municipality"),
    )
    label = ibis.cases(
        (area.notnull(), area),
        (code == ABROAD, ibis.literal("abroad")),
        else_=municipality_label,
    )
    return label, kind
