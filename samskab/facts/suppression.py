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
    for name, sources in derived.items():
        hidden[name] = hidden[list(sources)].any(axis=1)
    values = table[list(hidden.columns)].apply(pd.to_numeric, errors="coerce").abs()
    for _ in range(100):
        before = hidden.to_numpy().copy()
        for dim in dims:
            _complement_along(table, values, hidden, dim, [d for d in dims if d != dim])
        _hide_sources(values, hidden, derived)
        if np.array_equal(before, hidden.to_numpy()):
            break
    return hidden


def _complement_along(
    table: pd.DataFrame, values: pd.DataFrame, hidden: pd.DataFrame, dim: str, others: list[str]
) -> None:
    """Hide a second cell in every line along `dim` that has exactly one hidden cell."""
    if others:
        groups = pd.Series(table.groupby(others, dropna=False).ngroup(), index=table.index)
    else:
        groups = pd.Series(0, index=table.index)
    for name in hidden.columns:
        per_line = hidden[name].groupby(groups).transform("sum")
        lonely = per_line == 1
        if not lonely.any():
            continue
        candidates = values[name].where(lonely & ~hidden[name])
        # Prefer the smallest positive cell; a zero only when a line has nothing else.
        rank_key = candidates.where(candidates > 0, candidates + 1e12).dropna()
        if rank_key.empty:
            continue
        for index in rank_key.groupby(groups[rank_key.index]).idxmin():
            hidden.loc[index, name] = True


def _hide_sources(
    values: pd.DataFrame, hidden: pd.DataFrame, derived: Mapping[str, Sequence[str]]
) -> None:
    """Make every hidden derived cell have a hidden source, and every hidden source hide its
    derived cells."""
    for name, sources in derived.items():
        sources = list(sources)
        uncovered = hidden[name] & ~hidden[sources].any(axis=1)
        for index in hidden.index[uncovered]:
            smallest = values.loc[index, sources].astype(float).idxmin()
            hidden.loc[index, smallest] = True
        hidden[name] = hidden[name] | hidden[sources].any(axis=1)
