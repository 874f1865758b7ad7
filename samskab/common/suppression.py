"""Small-cell suppression ("diskretionering"): the one rule for every table a person sees who may
not see exact figures — the fact base's pages, CSV and XLSX files, the segment profiles, their
descriptions, charts and maps.

A table is a frame whose `counts` columns count people. The rule:
- primary suppression hides every count from 1 to threshold − 1 ("<5"); a zero reveals nobody
  and stays;
- a derived column (a net, a share, a mean) is hidden where any count it is computed from is
  hidden, and a hidden derived cell gets a hidden count, so it cannot be recomputed;
- complementary suppression: every line of cells whose sum is published (a column of areas
  whose total is shown, a segment's answers to one question, the whole sample across segments)
  that has exactly one hidden cell gets a second one, its smallest shown cell ("..", Statistics
  Denmark's sign for a figure hidden only to protect another). The passes repeat until nothing
  changes.

Periods. A person can choose any period of years, so a table is suppressed on the finest grid
offered, the single year, and a period is built from it (`suppress_period`): a period's cell is
shown only when that cell is shown in every year of the period; then complementary suppression
runs once more on the period's table. Everything a period shows is therefore the sum of cells the
single years show, so no choice of periods (2008 alone against 2008–2009, or the difference of
two overlapping periods) tells more than the single years do, and those are protected by the
rule above. The price: a long period hides a cell that was small in any one of its years.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

DEFAULT_THRESHOLD = 5
COMPLEMENT_MARKER = ".."
"""Shown in a cell hidden only so that a small cell elsewhere cannot be worked out."""


def small_marker(threshold: int = DEFAULT_THRESHOLD) -> str:
    """Return what a small count reads: "<5" for the threshold 5."""
    return f"<{threshold}"


def is_hidden(value: Any) -> bool:
    """Return True for a suppressed cell ("<5", ".."), which stands where a number would."""
    return isinstance(value, str) and (value == COMPLEMENT_MARKER or value.startswith("<"))


def suppress(
    table: pd.DataFrame,
    *,
    counts: Sequence[str],
    dims: Sequence[str] = (),
    derived: Mapping[str, Sequence[str]] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    lines: Sequence[Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Return a copy of `table` with small cells replaced by "<threshold" and the cells hidden
    to protect them by COMPLEMENT_MARKER; shown cells keep their value. `dims` identify a row;
    `derived` maps a column to the counts it is computed from; `lines` lists, for each kind of
    published sum, the columns its cells agree on (default: along every dim, the others)."""
    mask = hidden_mask(
        table, counts=counts, dims=dims, derived=derived, threshold=threshold, lines=lines
    )
    return apply_mask(table, mask, counts=counts, threshold=threshold)


def hidden_mask(
    table: pd.DataFrame,
    *,
    counts: Sequence[str],
    dims: Sequence[str] = (),
    derived: Mapping[str, Sequence[str]] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    lines: Sequence[Sequence[str]] | None = None,
    start: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return a boolean frame over the counts and derived columns: True where the rule hides
    the cell; `start` marks cells already hidden (from the years of a period)."""
    mask = primary_mask(table, counts=counts, threshold=threshold)
    if start is not None:
        mask = mask | start[list(counts)].to_numpy(dtype=bool)
    groups = lines if lines is not None else [[o for o in dims if o != d] for d in dims]
    extra = None if start is None else start.drop(columns=list(counts), errors="ignore")
    return _complete(table, mask, groups, dict(derived or {}), extra)


def primary_mask(table: pd.DataFrame, *, counts: Sequence[str], threshold: int) -> pd.DataFrame:
    """Return a boolean frame over `counts`: True where 0 < count < threshold."""
    return pd.DataFrame(
        {name: (table[name] > 0) & (table[name] < threshold) for name in counts},
        index=table.index,
    ).fillna(False)


def apply_mask(
    table: pd.DataFrame, mask: pd.DataFrame, *, counts: Sequence[str], threshold: int
) -> pd.DataFrame:
    """Return the table with the masked cells replaced: small counts by "<threshold", the rest
    by COMPLEMENT_MARKER (those columns become text-or-number objects)."""
    small = primary_mask(table, counts=counts, threshold=threshold)
    result = table.copy()
    for name in mask.columns:
        values = result[name].astype(object)
        values[mask[name].to_numpy(dtype=bool)] = COMPLEMENT_MARKER
        if name in small:
            values[(small[name] & mask[name]).to_numpy(dtype=bool)] = small_marker(threshold)
        result[name] = values
    return result


def suppress_period(
    period: pd.DataFrame,
    yearly: pd.DataFrame,
    *,
    year: str,
    counts: Sequence[str],
    dims: Sequence[str],
    derived: Mapping[str, Sequence[str]] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    lines: Sequence[Sequence[str]] | None = None,
    yearly_start: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the period's table (one row per `dims`) suppressed consistently with its years:
    `yearly` is the same table per year (`dims` plus `year`) for every year of the period, each
    year suppressed on its own; a period's cell is hidden where any of its years hides it (see
    the module's docstring). `lines` as in `suppress`, for the period's table and each year's;
    `yearly_start` marks cells of `yearly` hidden before the rule runs (as another table that
    publishes the same figure hides them)."""
    in_years = yearly_mask(yearly, year=year, counts=counts, dims=dims, derived=derived,
                           threshold=threshold, lines=lines, start=yearly_start)  # fmt: skip
    mask = hidden_mask(period, counts=counts, dims=dims, derived=derived, threshold=threshold,
                       lines=lines,
                       start=hidden_in_any_year(period, yearly, in_years, dims=dims))  # fmt: skip
    return apply_mask(period, mask, counts=counts, threshold=threshold)


def yearly_mask(
    yearly: pd.DataFrame,
    *,
    year: str,
    counts: Sequence[str],
    dims: Sequence[str],
    derived: Mapping[str, Sequence[str]] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    lines: Sequence[Sequence[str]] | None = None,
    start: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the mask of `yearly` (`dims` plus `year`), each year suppressed on its own: the
    cells suppress_period's tables hide in their single years (`lines` as in `suppress`;
    `start` as in `hidden_mask`)."""
    groups = lines if lines is not None else [[o for o in dims if o != d] for d in dims]
    by_year = [[year, *group] for group in groups]
    return hidden_mask(yearly, counts=counts, derived=derived, threshold=threshold, lines=by_year,
                       start=start)  # fmt: skip


def hidden_in_any_year(
    period: pd.DataFrame, yearly: pd.DataFrame, in_years: pd.DataFrame, *, dims: Sequence[str]
) -> pd.DataFrame:
    """Return a boolean frame over the period's rows and the columns of `in_years` (the mask
    of `yearly`): True where any year hides the cell of the same `dims`; a row missing in a
    year (a zero) hides nothing."""
    keyed = pd.concat([yearly[list(dims)].reset_index(drop=True),
                       in_years.reset_index(drop=True)], axis=1)  # fmt: skip
    any_year = keyed.groupby(list(dims), dropna=False, sort=False).any().reset_index()
    start = period[list(dims)].merge(any_year, on=list(dims), how="left")
    start = start.drop(columns=list(dims)).fillna(False).astype(bool)
    start.index = period.index
    return start


def hidden_in_line(sizes: Sequence[int], threshold: int = DEFAULT_THRESHOLD) -> list[bool]:
    """Return, for one line of counts whose total is published (segment sizes, say), which are
    hidden: the small ones and, when only one is, the smallest other too."""
    table = pd.DataFrame({"count": list(sizes)})
    return list(suppress(table, counts=["count"], lines=[[]], threshold=threshold)["count"]
                .map(is_hidden))  # fmt: skip


def _complete(
    table: pd.DataFrame,
    hidden: pd.DataFrame,
    groups: Sequence[Sequence[str]],
    derived: Mapping[str, Sequence[str]],
    extra: pd.DataFrame | None,
) -> pd.DataFrame:
    """Return the full mask: hidden cells plus their derived cells and complements."""
    names = list(hidden.columns) + [n for n in derived if n not in hidden.columns]
    mask = {name: hidden[name].to_numpy(dtype=bool, copy=True) for name in hidden.columns}
    for name, sources in derived.items():
        mask[name] = np.logical_or.reduce([mask[s] for s in sources])
        if extra is not None and name in extra:
            mask[name] |= extra[name].to_numpy(dtype=bool)
    values = {
        name: np.abs(pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float))
        for name in names
    }
    # The lines never change: number them once.
    numbered = [_line_numbers(table, list(group)) for group in groups]
    for _ in range(100):
        before = sum(int(m.sum()) for m in mask.values())
        for line in numbered:
            for name in names:
                _complement_along(line, values[name], mask[name])
        _hide_sources(values, mask, derived)
        if sum(int(m.sum()) for m in mask.values()) == before:
            break
    return pd.DataFrame(mask, index=table.index)[names]


def _line_numbers(table: pd.DataFrame, others: list[str]) -> np.ndarray:
    """Return for every row the number of its line: the rows that agree on `others`."""
    if not others:
        return np.zeros(len(table), dtype=np.int64)
    return table.groupby(others, dropna=False, sort=False).ngroup().to_numpy(dtype=np.int64)


def _complement_along(line: np.ndarray, values: np.ndarray, hidden: np.ndarray) -> None:
    """Hide the smallest shown cell of every line that has exactly one hidden cell."""
    if len(line) == 0:
        return
    per_line = np.bincount(line, weights=hidden)
    candidates = np.flatnonzero((per_line[line] == 1) & ~hidden & ~np.isnan(values))
    if len(candidates) == 0:
        return
    # Prefer the smallest positive cell; a zero only when a line has nothing else.
    key = np.where(values[candidates] > 0, values[candidates], values[candidates] + 1e12)
    order = np.lexsort((key, line[candidates]))
    ordered_lines = line[candidates][order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = ordered_lines[1:] != ordered_lines[:-1]
    hidden[candidates[order][first]] = True


def _hide_sources(
    values: dict[str, np.ndarray],
    mask: dict[str, np.ndarray],
    derived: Mapping[str, Sequence[str]],
) -> None:
    """Make every hidden derived cell have a hidden source (its smallest count), and every
    hidden source hide its derived cells."""
    for name, sources in derived.items():
        covered = np.logical_or.reduce([mask[s] for s in sources])
        uncovered = np.flatnonzero(mask[name] & ~covered)
        if len(uncovered):
            stacked = np.stack([values[s][uncovered] for s in sources])
            smallest = np.nanargmin(np.where(np.isnan(stacked), np.inf, stacked), axis=0)
            for position, source in enumerate(sources):
                mask[source][uncovered[smallest == position]] = True
        mask[name] = mask[name] | np.logical_or.reduce([mask[s] for s in sources])
