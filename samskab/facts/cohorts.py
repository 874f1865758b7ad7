"""Analyses that follow persons: newcomer retention and return migration (need person_id).

A *newcomer* of municipality M in year Y is a person whose move into M from outside it (another
municipality or abroad) falls in Y; a person entering twice in one year counts once, at the first
entry. The register is taken to cover whole years up to the last year it holds a move in.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from samskab.facts.bands import AgeBand, age_band, parse_age_bands
from samskab.facts.migration import percent
from samskab.facts.store import Dataset

YEARS_AFTER = (1, 2, 3, 5)
NO_AREA = "no_area"


def newcomers(
    data: Dataset, *, municipality: int | None = None, age_bands: tuple[AgeBand, ...] | None = None
) -> ir.Table:
    """Return one row per newcomer and year: person_id, municipality, cohort_year, entry_date,
    entry_seq, area (NO_AREA when the parish is in no area), parish (the parish moved into;
    null when unknown) and age_band."""
    moves = data.moves.filter(data.moves.person_id.notnull())
    scope = data.areas.municipality if municipality is None else ibis.literal([municipality])
    entries = moves.filter(
        moves.to_municipality.isin(scope) & (moves.from_municipality != moves.to_municipality)
    )
    bands = age_bands if age_bands is not None else parse_age_bands()
    entries = entries.mutate(
        municipality=entries.to_municipality,
        cohort_year=entries.year,
        entry_date=entries.move_date,
        entry_seq=entries.seq,
        area=entries.to_area.fill_null(NO_AREA),
        parish=entries.to_parish,
        age_band=age_band(entries, bands),
    )
    first = ibis.window(
        group_by=["person_id", "municipality", "cohort_year"], order_by=["entry_date", "entry_seq"]
    )
    entries = entries.mutate(entry_number=ibis.row_number().over(first))
    entries = entries.filter(entries.entry_number == 0)
    return entries.select(
        "person_id", "municipality", "cohort_year", "entry_date", "entry_seq", "area", "parish",
        "age_band",
    )  # fmt: skip


def retention(
    data: Dataset,
    *,
    by: Sequence[str] = (),
    municipality: int | None = None,
    years_after: Sequence[int] = YEARS_AFTER,
    age_bands: tuple[AgeBand, ...] | None = None,
    counts: ir.Table | None = None,
) -> ir.Table:
    """Return municipality, cohort_year, the `by` columns (area, age_band), years_after,
    newcomers, stayed and share_stayed (%): of a year's newcomers, how many still live in the
    municipality that many years after their entry. Only cohorts the register covers for the
    whole span appear. `counts` (from retention_counts) saves recomputing them."""
    if counts is None:
        counts = retention_counts(
            data, municipality=municipality, years_after=years_after, age_bands=age_bands
        )
    keys = ["municipality", "cohort_year", *by, "years_after"]
    summed = counts.group_by(keys).agg(newcomers=counts.newcomers.sum(), stayed=counts.stayed.sum())
    summed = summed.mutate(share_stayed=percent(summed.stayed, summed.newcomers))
    return summed.order_by(keys)


def retention_counts(
    data: Dataset,
    *,
    municipality: int | None = None,
    years_after: Sequence[int] = YEARS_AFTER,
    age_bands: tuple[AgeBand, ...] | None = None,
) -> ir.Table:
    """Return newcomers and stayed per municipality, cohort_year, area, parish, age_band and
    years_after: the finest breakdown, which every coarser retention table sums."""
    data.require_persons("Newcomer retention")
    entries = newcomers(data, municipality=municipality, age_bands=age_bands)
    last_year = data.moves.year.max().to_pandas()
    moves = data.moves.filter(data.moves.person_id.notnull())
    statuses = [
        _status_after(entries.filter(entries.cohort_year + k <= last_year), moves, k)
        for k in years_after
    ]
    status = statuses[0]
    for more in statuses[1:]:
        status = status.union(more)
    keys = ["municipality", "cohort_year", "area", "parish", "age_band", "years_after"]
    return status.group_by(keys).agg(
        newcomers=status.count(), stayed=status.stayed.cast("int64").sum()
    )


def _status_after(entries: ir.Table, moves: ir.Table, years: int) -> ir.Table:
    """Return the entries with years_after and stayed: whether the person's last move up to
    `years` after the entry (if any) leaves them in the municipality."""
    cutoff = entries.entry_date + ibis.interval(years=years)
    entries = entries.mutate(cutoff=cutoff)
    later = entries.join(
        moves,
        [
            entries.person_id == moves.person_id,
            (moves.move_date > entries.entry_date)
            | ((moves.move_date == entries.entry_date) & (moves.seq > entries.entry_seq)),
            moves.move_date <= entries.cutoff,
        ],
    ).select(
        entries.person_id,
        entries.municipality,
        entries.cohort_year,
        moves.to_municipality,
        moves.move_date,
        moves.seq,
    )
    last = ibis.window(
        group_by=["person_id", "municipality", "cohort_year"],
        order_by=[ibis.desc("move_date"), ibis.desc("seq")],
    )
    later = later.mutate(position=ibis.row_number().over(last))
    latest = later.filter(later.position == 0).select(
        "person_id", "municipality", "cohort_year", "to_municipality"
    )
    joined = entries.left_join(latest, ["person_id", "municipality", "cohort_year"])
    stayed = joined.to_municipality.isnull() | (joined.to_municipality == joined.municipality)
    return joined.select(
        "municipality",
        "cohort_year",
        "area",
        "parish",
        "age_band",
        years_after=ibis.literal(years, "int32"),
        stayed=stayed,
    )


def return_migration(
    data: Dataset,
    *,
    by: Sequence[str] = (),
    municipality: int | None = None,
    age_bands: tuple[AgeBand, ...] | None = None,
    counts: ir.Table | None = None,
) -> ir.Table:
    """Return municipality, year, the `by` columns, in_movers, returners, share_returners (%)
    and history_years: how many of a year's newcomers had lived in the municipality before,
    as far as the register's history (history_years years before that year) can tell.
    `counts` (from return_counts) saves recomputing them."""
    if counts is None:
        counts = return_counts(data, municipality=municipality, age_bands=age_bands)
    keys = ["municipality", "cohort_year", *by]
    summed = counts.group_by(keys).agg(
        in_movers=counts.in_movers.sum(),
        returners=counts.returners.sum(),
        first_year=counts.first_year.min(),
    )
    summed = summed.mutate(
        share_returners=percent(summed.returners, summed.in_movers),
        history_years=(summed.cohort_year - summed.first_year).cast("int32"),
    ).drop("first_year")
    return summed.rename(year="cohort_year").order_by(["municipality", "year", *by])


def return_counts(
    data: Dataset, *, municipality: int | None = None, age_bands: tuple[AgeBand, ...] | None = None
) -> ir.Table:
    """Return in_movers and returners per municipality, cohort_year, area, parish and
    age_band, and first_year, the register's first year."""
    data.require_persons("Return migration")
    entries = newcomers(data, municipality=municipality, age_bands=age_bands)
    moves = data.moves.filter(data.moves.person_id.notnull())
    earlier = [
        entries.person_id == moves.person_id,
        (moves.from_municipality == entries.municipality)
        | (moves.to_municipality == entries.municipality),
        (moves.move_date < entries.entry_date)
        | ((moves.move_date == entries.entry_date) & (moves.seq < entries.entry_seq)),
    ]
    returners = entries.semi_join(moves, earlier).mutate(returner=ibis.literal(1, "int64"))
    marked = entries.left_join(
        returners.select("person_id", "municipality", "cohort_year", "returner"),
        ["person_id", "municipality", "cohort_year"],
    )
    first_year = int(data.moves.year.min().to_pandas())
    keys = ["municipality", "cohort_year", "area", "parish", "age_band"]
    return marked.group_by(keys).agg(
        in_movers=marked.count(),
        returners=marked.returner.fill_null(0).sum(),
        first_year=ibis.literal(first_year, "int32"),
    )
