"""Net migration per area, as the data contract defines it.

For an area A of municipality M, a move counts for A only when it crosses A's boundary: into A
from elsewhere (`to_area` = A, `from_area` ≠ A) or out of A. It is *internal* when both ends lie
in M and *external* otherwise (another municipality, or abroad). Because every parish of an area
lies in the area's municipality (the importer checks it), "both ends in M" is simply
`from_municipality = to_municipality`.

A move inside M from or to a parish that is unknown or in no area counts as internal for the
area at the other end only, so the areas' internal nets need not sum to zero. With `totals`, the
tables therefore add per municipality a row for that rest of M (NO_AREA_LABEL: its own in- and
out-moves, counted as for an area) and a total row (TOTAL_LABEL: the areas and the rest), marked
in `area_kind`: over the areas and the rest the internal nets sum to zero, and the total's
external net is M's own net migration with other municipalities and abroad.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from samskab.facts.errors import InputError, Problem
from samskab.facts.municipalities import municipality_name
from samskab.facts.store import Dataset

NET_MIGRATION_COLUMNS = (
    "area",
    "net_internal",
    "net_external",
    "net_total",
    "pct_of_base_population",
)
COMPONENTS = ("internal_in", "internal_out", "external_in", "external_out")
AREA_KINDS = ("area", "no_area", "total")
NO_AREA_LABEL = "Parish unknown or outside the areas"
TOTAL_LABEL = "Total"
TOTALS_NOTE = (
    f"{NO_AREA_LABEL}: moves inside the municipality from or to a parish that is unknown or in "
    "no area, which count as internal for the area at the other end; with them the internal "
    f"nets sum to zero. {TOTAL_LABEL}: the areas and that row together, so its external net "
    "is the municipality's own net migration with other places."
)


def net_migration(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    municipality: int | None = None,
    totals: bool = False,
) -> ir.Table:
    """Return one row per area: area, net_internal, net_external, net_total, pct_of_base_population.

    Rows come in the order the areas first appear in areas.csv. The percentage is of the area's
    population on 1 January of `first_year`, rounded half away from zero to one decimal. With
    `totals`, each municipality's rest and total rows follow the areas (see the module's
    docstring; no percentage) and a last column `area_kind` tells the rows apart.
    """
    balance = migration_balance(
        data, first_year=first_year, last_year=last_year, municipality=municipality, totals=totals
    )
    return balance.select(*NET_MIGRATION_COLUMNS, *(["area_kind"] if totals else []))


def migration_balance(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    municipality: int | None = None,
    totals: bool = False,
) -> ir.Table:
    """Return per area: municipality, area, the four in/out counts, the three nets,
    base_population and pct_of_base_population, in area order; with `totals`, each
    municipality's rest and total rows after the areas, and a column `area_kind`."""
    _check_period(first_year, last_year)
    areas = area_list(data, municipality)
    require_population(data, areas, first_year)
    counts = _components(data.moves, first_year, last_year, by_year=False)
    population = area_population(data).filter(lambda t: t.year == first_year).drop("year")
    table = areas.left_join(counts, "area").drop("area_right")
    table = table.left_join(population, "area").drop("area_right")
    if totals:
        rest = _rest_components(data.moves, areas, first_year, last_year, by_year=False)
        return _with_totals(_with_nets(table), rest, areas, keys=[])
    return _with_nets(table).order_by("area_order").drop("area_order")


def migration_balance_by_year(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    municipality: int | None = None,
    totals: bool = False,
) -> ir.Table:
    """Return per area and year the columns of migration_balance plus `year`; the percentage is
    of the population on 1 January of that year (NULL where population.csv has none). With
    `totals`, each municipality's rest and total rows per year after the areas."""
    _check_period(first_year, last_year)
    areas = area_list(data, municipality)
    require_population(data, areas, first_year)
    years = ibis.memtable({"year": list(range(first_year, last_year + 1))}).cast({"year": "int32"})
    counts = _components(data.moves, first_year, last_year, by_year=True)
    grid = areas.cross_join(years)
    table = grid.left_join(counts, ["area", "year"]).drop("area_right", "year_right")
    table = table.left_join(area_population(data), ["area", "year"])
    table = table.drop("area_right", "year_right")
    if totals:
        rest = _rest_components(data.moves, areas, first_year, last_year, by_year=True)
        rest = (
            areas.select("municipality")
            .distinct()
            .cross_join(years)
            .left_join(rest, ["municipality", "year"])
            .drop("municipality_right", "year_right")
        )
        ordered = _with_totals(_with_nets(table), rest, areas, keys=["year"])
    else:
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
            Problem.of(
                file,
                "no_population",
                column="population",
                year=year,
                parish=f"{row.parish:04d}",
                area=row.area,
            )
            for row in missing.head(20).itertuples()
        ]
    )


def _check_period(first_year: int, last_year: int) -> None:
    if first_year > last_year:
        raise InputError(
            [Problem.of("--from/--to", "period_reversed", first=first_year, last=last_year)]
        )


def _components(moves: ir.Table, first_year: int, last_year: int, *, by_year: bool) -> ir.Table:
    """Return the four in/out counts per area (and year): each move counted at both its ends."""
    period = moves.filter(moves.year.between(first_year, last_year))
    crosses = ~period.same_area
    return _counted(
        period,
        into=period.to_area.notnull() & crosses,
        out_of=period.from_area.notnull() & crosses,
        place="area",
        ends=(period.to_area, period.from_area),
        by_year=by_year,
    )


def _rest_components(
    moves: ir.Table, areas: ir.Table, first_year: int, last_year: int, *, by_year: bool
) -> ir.Table:
    """Return per municipality of `areas` (and year) the four in/out counts of its rest: its
    parishes that are unknown or in no area, taken together as one more area."""
    period = moves.filter(moves.year.between(first_year, last_year))
    internal = period.from_municipality == period.to_municipality
    rest = _counted(
        period,
        # A move inside the rest (both parishes unknown or in no area) crosses no boundary.
        into=period.to_area.isnull() & (period.from_area.notnull() | ~internal),
        out_of=period.from_area.isnull() & (period.to_area.notnull() | ~internal),
        place="municipality",
        ends=(period.to_municipality, period.from_municipality),
        by_year=by_year,
    )
    return rest.semi_join(areas.select("municipality").distinct(), "municipality")


def _counted(
    period: ir.Table,
    *,
    into: ir.BooleanValue,
    out_of: ir.BooleanValue,
    place: str,
    ends: tuple[ir.Value, ir.Value],
    by_year: bool,
) -> ir.Table:
    """Return the four in/out counts per place (and year): a move counts where `into` holds
    for the place at its destination, and where `out_of` holds for the one at its origin
    (`ends`: the destination and origin values of the column `place`); internal when both
    ends lie in one municipality."""
    internal = period.from_municipality == period.to_municipality
    zero = ibis.literal(0, "int64")
    weight = period.weight.cast("int64")
    destination, origin = ends
    arrivals = period.filter(into).select(
        **{place: destination},
        year=period.year,
        internal_in=ibis.ifelse(internal, weight, zero),
        internal_out=zero,
        external_in=ibis.ifelse(internal, zero, weight),
        external_out=zero,
    )
    departures = period.filter(out_of).select(
        **{place: origin},
        year=period.year,
        internal_in=zero,
        internal_out=ibis.ifelse(internal, weight, zero),
        external_in=zero,
        external_out=ibis.ifelse(internal, zero, weight),
    )
    both = arrivals.union(departures)
    keys = [place, "year"] if by_year else [place]
    return both.group_by(keys).agg(**{name: both[name].sum() for name in COMPONENTS})


def _with_totals(
    balance: ir.Table, rest: ir.Table, areas: ir.Table, *, keys: list[str]
) -> ir.Table:
    """Return the areas' rows (with their nets), then per municipality (in the order of its
    first area) its rest rows and its total rows, marked in `area_kind`."""
    first = areas.group_by("municipality").agg(position=areas.area_order.min())
    placed = balance.rename(position="area_order").mutate(
        area_kind=ibis.literal("area"), block=ibis.literal(0)
    )
    rest = first.left_join(rest, "municipality").drop("municipality_right")
    rest_rows = _with_nets(rest.mutate(base_population=ibis.null("int64")))
    parts = placed.select("municipality", *keys, *COMPONENTS).union(
        rest_rows.select("municipality", *keys, *COMPONENTS)
    )
    summed = parts.group_by(["municipality", *keys]).agg(
        **{name: parts[name].sum() for name in COMPONENTS}
    )
    total_rows = _with_nets(
        summed.join(first, "municipality").mutate(base_population=ibis.null("int64"))
    )
    names = _label_suffixes(areas)
    extra = [
        rows.join(names, "municipality").mutate(
            area=label + names.suffix, area_kind=ibis.literal(kind), block=ibis.literal(n)
        )
        for n, kind, label, rows in (
            (1, "no_area", NO_AREA_LABEL, rest_rows),
            (2, "total", TOTAL_LABEL, total_rows),
        )
    ]
    table = placed.union(extra[0].select(*placed.columns)).union(extra[1].select(*placed.columns))
    # Areas first; then per municipality its rest and its total.
    order = ibis.ifelse(table.block == 0, 0, 1)
    return table.order_by([order, "position", "block", *keys]).drop("block", "position")


def _label_suffixes(areas: ir.Table) -> ir.Table:
    """Return per municipality what follows the rest and total labels: nothing when the areas
    lie in one municipality, else its name ("Total (Herning)")."""
    codes = sorted(int(code) for code in areas.municipality.to_pyarrow().unique().to_pylist())
    suffixes = [f" ({municipality_name(code)})" if len(codes) > 1 else "" for code in codes]
    table = ibis.memtable({"municipality": codes, "suffix": suffixes})
    return table.cast({"municipality": "int32", "suffix": "string"})


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
