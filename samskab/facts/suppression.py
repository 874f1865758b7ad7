"""Small-cell suppression ("diskretionering") for any table of counts.

Primary suppression hides every count from 1 to threshold − 1. Secondary (complementary)
suppression then makes sure no hidden cell can be worked out from what is shown:
- a derived column (a net, a share) is hidden when any count it is computed from is hidden, and
  when a derived cell must be hidden, one of its counts is hidden too, so it cannot be recomputed;
- along each dimension (area, age band, year …) the sum of a column is treated as published
  (another table shows it, or the sums of in- and out-moves must agree): wherever a line of cells
  along one dimension has exactly one hidden cell, the smallest shown cell of that line is hidden
  as well.
The passes repeat until nothing changes. A small cell reads "<5"; a cell hidden to protect one
reads ".." (Statistics Denmark's sign for a discretionised figure), since it need not be small.
Zeros are never hidden by the primary rule (a zero reveals no person), but may be hidden as
complements when no positive cell is left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

DEFAULT_THRESHOLD = 5
COMPLEMENT_MARKER = ".."
"""Shown in a cell hidden only so that a small cell elsewhere cannot be worked out."""


def suppress(
    table: pd.DataFrame,
    *,
    counts: Sequence[str],
    dims: Sequence[str] = (),
    derived: Mapping[str, Sequence[str]] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """Return a copy of `table` with small cells replaced by "<threshold" (e.g. "<5") and the
    cells hidden to protect them (complements, and derived cells) by COMPLEMENT_MARKER; shown
    cells keep their value (those columns become text-or-number objects). `dims` are the
    columns that identify a row; `derived` maps a column to the counts it is computed from."""
    primary = primary_mask(table, counts=counts, threshold=threshold)
    hidden = _complete(table, primary.copy(), dims=dims, derived=dict(derived or {}))
    result = table.copy()
    for name in hidden.columns:
        values = result[name].astype(object)
        values[hidden[name].to_numpy()] = COMPLEMENT_MARKER
        if name in primary:
            values[primary[name].to_numpy()] = f"<{threshold}"
        result[name] = values
    return result


def primary_mask(table: pd.DataFrame, *, counts: Sequence[str], threshold: int) -> pd.DataFrame:
    """Return a boolean frame over `counts`: True where 0 < count < threshold."""
    return pd.DataFrame(
        {name: (table[name] > 0) & (table[name] < threshold) for name in counts},
        index=table.index,
    ).fillna(False)


def _complete(
    table: pd.DataFrame,
    hidden: pd.DataFrame,
    *,
    dims: Sequence[str],
    derived: Mapping[str, Sequence[str]],
) -> pd.DataFrame:
    """Return the full mask: primary cells plus their derived cells and complements."""
    names = list(hidden.columns) + [n for n in derived if n not in hidden.columns]
    mask = {name: hidden[name].to_numpy(dtype=bool, copy=True) for name in hidden.columns}
    for name, sources in derived.items():
        mask[name] = np.logical_or.reduce([mask[s] for s in sources])
    values = {
        name: np.abs(pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float))
        for name in names
    }
    # The lines along each dimension never change: number them once.
    lines = [_line_numbers(table, [d for d in dims if d != dim]) for dim in dims]
    for _ in range(100):
        before = sum(int(m.sum()) for m in mask.values())
        for line in lines:
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
