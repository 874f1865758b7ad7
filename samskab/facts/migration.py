"""Net migration per area, as the data contract defines it.

For an area A of municipality M, a move counts for A only when it crosses A's boundary: into A
from elsewhere (`to_area` = A, `from_area` ≠ A) or out of A. It is *internal* when both ends lie
in M and *external* otherwise (another municipality, or abroad). Because every parish of an area
lies in the area's municipality (the importer checks it), "both ends in M" is simply
`from_municipality = to_municipality`.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from samskab.facts.errors import InputError, Problem
from samskab.facts.store import Dataset

NET_MIGRATION_COLUMNS = (
    "area",
    "net_internal",
    "net_external",
    "net_total",
    "pct_of_base_population",
)
COMPONENTS = ("internal_in", "internal_out", "external_in", "external_out")


def net_migration(
    data: Dataset, *, first_year: int, last_year: int, municipality: int | None = None
) -> ir.Table:
    """Return one row per area: area, net_internal, net_external, net_total, pct_of_base_population.

    Rows come in the order the areas first appear in areas.csv. The percentage is of the area's
    population on 1 January of `first_year`, rounded half away from zero to one decimal.
    """
    balance = migration_balance(
        data, first_year=first_year, last_year=last_year, municipality=municipality
    )
    return balance.select(*NET_MIGRATION_COLUMNS)


def migration_balance(
    data: Dataset, *, first_year: int, last_year: int, municipality: int | None = None
) -> ir.Table:
    """Return per area: municipality, area, the four in/out counts, the three nets,
    base_population and pct_of_base_population, in area order."""
    _check_period(first_year, last_year)
    areas = area_list(data, municipality)
    require_population(data, areas, first_year)
    counts = _components(data.moves, first_year, last_year, by_year=False)
    population = area_population(data).filter(lambda t: t.year == first_year).drop("year")
    table = areas.left_join(counts, "area").drop("area_right")
    table = table.left_join(population, "area").drop("area_right")
    return _with_nets(table).order_by("area_order").drop("area_order")


def migration_balance_by_year(
    data: Dataset, *, first_year: int, last_year: int, municipality: int | None = None
) -> ir.Table:
    """Return per area and year the columns of migration_balance plus `year`; the percentage is
    of the population on 1 January of that year (NULL where population.csv has none)."""
    _check_period(first_year, last_year)
    areas = area_list(data, municipality)
    require_population(data, areas, first_year)
    years = ibis.memtable({"year": list(range(first_year, last_year + 1))}).cast({"year": "int32"})
    counts = _components(data.moves, first_year, last_year, by_year=True)
    grid = areas.cross_join(years)
    table = grid.left_join(counts, ["area", "year"]).drop("area_right", "year_right")
    table = table.left_join(area_population(data), ["area", "year"])
    table = table.drop("area_right", "year_right")
    ordered = _with_nets(table).order_by(["area_order", "year"]).drop("area_order")
    return ordered.relocate("year", after="area")


def area_list(data: Dataset, municipality: int | None) -> ir.Table:
    """Return the areas (area, municipality, area_order) of one municipality or of all."""
    areas = data.areas
    if municipality is not None:
        areas = areas.filter(areas.municipality == municipality)
    return areas.group_by("area").agg(
        municipality=areas.municipality.min(), area_order=areas.area_order.min()
    )


def require_population(data: Dataset, areas: ir.Table, year: int) -> None:
    """Raise InputError naming every parish of these areas without a population for `year`."""
    parishes = data.areas.semi_join(areas, "area")
    counted = data.population.filter(data.population.year == year)
    missing = parishes.anti_join(counted, "parish").order_by("parish").to_pandas()
    if missing.empty:
        return
    file = data.files.get("population", "population.csv")
    raise InputError(
        [
            Problem(
                file,
                f"no population on 1 January {year} for parish {row.parish:04d} "
                f"(area '{row.area}'); expected a row with year {year} and parish {row.parish:04d}",
                column="population",
            )
            for row in missing.head(20).itertuples()
        ]
    )


def _check_period(first_year: int, last_year: int) -> None:
    if first_year > last_year:
        raise InputError(
            [Problem("--from/--to", f"the period {first_year}–{last_year} ends before it starts")]
        )


def _components(moves: ir.Table, first_year: int, last_year: int, *, by_year: bool) -> ir.Table:
    """Return the four in/out counts per area (and year): each move counted at both its ends."""
    period = moves.filter(moves.year.between(first_year, last_year))
    internal = period.from_municipality == period.to_municipality
    crosses = ~period.same_area
    zero = ibis.literal(0, "int64")
    weight = period.weight.cast("int64")
    sides = [
        period.filter(period.to_area.notnull() & crosses).select(
            area=period.to_area,
            year=period.year,
            internal_in=ibis.ifelse(internal, weight, zero),
            internal_out=zero,
            external_in=ibis.ifelse(internal, zero, weight),
            external_out=zero,
        ),
        period.filter(period.from_area.notnull() & crosses).select(
            area=period.from_area,
            year=period.year,
            internal_in=zero,
            internal_out=ibis.ifelse(internal, weight, zero),
            external_in=zero,
            external_out=ibis.ifelse(internal, zero, weight),
        ),
    ]
    both = sides[0].union(sides[1])
    keys = ["area", "year"] if by_year else ["area"]
    return both.group_by(keys).agg(**{name: both[name].sum() for name in COMPONENTS})


def area_population(data: Dataset) -> ir.Table:
    """Return area, year and base_population: residents on 1 January, summed over the area's
    parishes."""
    joined = data.population.join(data.areas, "parish")
    return joined.group_by(["area", "year"]).agg(base_population=joined.population.sum())


def _with_nets(table: ir.Table) -> ir.Table:
    counts = {name: table[name].fill_null(0) for name in COMPONENTS}
    table = table.mutate(**counts)
    net_internal = table.internal_in - table.internal_out
    net_external = table.external_in - table.external_out
    table = table.mutate(net_internal=net_internal, net_external=net_external)
    table = table.mutate(net_total=table.net_internal + table.net_external)
    return table.mutate(pct_of_base_population=percent(table.net_total, table.base_population))


def percent_of(part: pd.Series, whole: pd.Series) -> pd.Series:
    """Return percent() for counts already in pandas: the same exact rounding, NaN where whole
    is 0 or missing."""
    valid = whole.notna() & (whole > 0) & part.notna()
    p = part.where(valid, 0).astype("int64").to_numpy()
    w = whole.where(valid, 1).astype("int64").to_numpy()
    tenths = (np.abs(p) * 2000 + w) // (w * 2)
    result = np.where(p < 0, -tenths, tenths) / 10
    return pd.Series(np.where(valid, result, np.nan), index=part.index)


def percent(part: ir.IntegerValue, whole: ir.IntegerValue) -> ir.FloatingValue:
    """Return 100 × part / whole rounded half away from zero to one decimal, in exact integer
    arithmetic (a float round would turn 0.05 into 0.0 on some engines); NULL when whole is 0."""
    tenths = (part.abs() * 2000 + whole) // (whole * 2)
    signed = ibis.ifelse(part < 0, -tenths, tenths)
    return ibis.ifelse(whole > 0, signed.cast("float64") / 10, ibis.null("float64"))
