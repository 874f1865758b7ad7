"""Segment profiles: every item's share or mean in each segment against the whole sample, an
index, and a test of the segment against the rest of the sample, corrected for testing many.

A difference is *notable* only when it is both large and significant after the correction:
large means at least 10 percentage points for a share, and at least 0.3 standard deviations
(of the whole sample) for a mean.

With survey weights, shares, means and standard deviations are weighted, and the tests use
Kish's effective sample size (Σw)² / Σw² in place of the number of respondents, the usual
design-effect approximation. `count` and `base` are always numbers of respondents, unweighted.

Small-cell suppression (`suppress_below=N`, the rule of samskab.common.suppression), so that
profiles can be shown to people who may not see individual answers. What a profile publishes
adds up two ways: a segment's counts over an item's answers make its base, and the segments'
counts of one answer make the whole sample's (its share is shown). So a count below N is shown
as "<N", and complementary counts are hidden ("..") until no such line has a single hidden
cell; a segment of fewer than N respondents is hidden whole, with the next smallest segment
when it would be the only one (the sizes add up to the sample). Every figure computed from a
hidden count (the segment's share, difference, index, p-values) is left empty, and so is a
mean where one of the item's counts is hidden (the mean and the base would solve for them);
the whole sample's figure is left empty too when its own count is below N. Suppressed rows
are never notable. Tests and the multiple-comparison correction are computed before
suppression, so that suppressing does not change which differences count as significant.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import special  # not scipy.stats: its import alone took 1.6 s of every command

from samskab.common.suppression import COMPLEMENT_MARKER, hidden_in_line, hidden_mask, small_marker
from samskab.segments.codebook import Item
from samskab.segments.errors import InputError, Problem
from samskab.segments.survey import Survey

Correction = Literal["holm", "bh"]
LARGE_SHARE = 0.10
LARGE_MEAN_SD = 0.3
ALPHA = 0.05
COLUMNS = (
    "segment", "item", "question", "statistic", "code", "category", "count", "base",
    "segment_value", "total_value", "difference", "index", "p_value", "p_adjusted", "notable",
)  # fmt: skip
_FROM_SEGMENT = ("segment_value", "difference", "index", "p_value", "p_adjusted")


def profile(
    survey: Survey,
    segments: pd.Series,
    items: Sequence[str],
    *,
    correction: Correction = "holm",
    weights: np.ndarray | None = None,
    suppress_below: int | None = None,
) -> pd.DataFrame:
    """Return one row per segment, item and statistic (a category's share, or a mean) with the
    columns in COLUMNS; `segments` holds each respondent's segment 1…K (NA when none),
    `weights` the survey weights (None: every respondent counts once). `count` is the
    segment's respondents giving the answer (for a mean: answering), `base` the segment's
    respondents answering the item."""
    _check(survey, items)
    placed = segments.notna().to_numpy(dtype=bool)
    w = np.ones(len(segments)) if weights is None else np.asarray(weights, dtype=float)
    rows: list[dict[str, object]] = []
    for segment in sorted(int(s) for s in segments.dropna().unique()):
        member = (segments == segment).fillna(False).to_numpy(dtype=bool)
        for name in items:
            item = survey.codebook[name]
            values = survey.answers[name].to_numpy(dtype=float)[placed]
            rows += _item_rows(segment, item, values, member[placed], w[placed])
    table = pd.DataFrame(rows, columns=[*COLUMNS, "large", "total_count"])
    table["p_adjusted"] = adjust(table["p_value"].to_numpy(dtype=float), correction)
    table["notable"] = table.pop("large").astype(bool) & (table["p_adjusted"] < ALPHA)
    total_count = table.pop("total_count")
    if suppress_below:
        table = suppress(table, total_count, suppress_below)
    return table


def segment_sizes(table: pd.DataFrame) -> dict[int, int]:
    """Return each segment's respondents as an unsuppressed profile counts them (the most
    answering any item)."""
    bases = pd.to_numeric(table["base"], errors="coerce").groupby(table["segment"]).max()
    return {int(str(k)): int(v) for k, v in bases.items()}


def hidden_segments(sizes: dict[int, int], below: int) -> set[int]:
    """Return the segments shown to nobody but a facilitator: those of fewer than `below`
    respondents and, when only one is, the next smallest (the sizes add up to the sample)."""
    hidden = hidden_in_line(list(sizes.values()), below)
    return {k for k, h in zip(sizes, hidden, strict=True) if h}


def suppress(table: pd.DataFrame, total_count: pd.Series, below: int) -> pd.DataFrame:
    """Return the profile with small counts shown as "<below", their complements as "..",
    hidden segments hidden whole and the figures computed from them emptied (see the module's
    docstring); `total_count` is each row's count in the whole sample."""
    whole = table["segment"].isin(hidden_segments(segment_sizes(table), below)).to_numpy()
    share = (table["statistic"] == "share").to_numpy()
    counts = table["count"].to_numpy(dtype=float)
    mask = hidden_mask(
        table[share], counts=["count"], threshold=below,
        lines=[["item", "code"], ["segment", "item"]],
        start=pd.DataFrame({"count": whole[share]}, index=table.index[share]),
    )["count"].reindex(table.index, fill_value=False).to_numpy(dtype=bool)  # fmt: skip
    keys = table[["segment", "item"]].apply(tuple, axis=1)
    mean_hidden = (~share) & (keys.isin(set(keys[mask])).to_numpy() | whole | (counts < below))
    hidden = mask | mean_hidden
    table = table.astype({"count": object, "base": object})
    table.loc[hidden, list(_FROM_SEGMENT)] = math.nan
    table.loc[hidden, "notable"] = False
    table.loc[total_count.to_numpy(dtype=float) < below, "total_value"] = math.nan
    table.loc[hidden & ~(counts < below), "count"] = COMPLEMENT_MARKER
    table.loc[hidden & (counts < below), "count"] = small_marker(below)
    bases = table["base"].to_numpy(dtype=object)
    table.loc[whole, "base"] = COMPLEMENT_MARKER
    small_base = pd.to_numeric(pd.Series(bases), errors="coerce").to_numpy() < below
    table.loc[small_base, "base"] = small_marker(below)
    return table


def _check(survey: Survey, items: Sequence[str]) -> None:
    problems = []
    for name in items:
        if name not in survey.codebook.names():
            problems.append(Problem.of(survey.file, "no_such_column", column=name))
        elif survey.codebook[name].kind == "text":
            problems.append(Problem.of(survey.file, "text_not_profiled", column=name))
    if problems:
        raise InputError(problems)


def _item_rows(
    segment: int, item: Item, values: np.ndarray, member: np.ndarray, weights: np.ndarray
) -> list[dict[str, object]]:
    rows = []
    answered = ~np.isnan(values)
    inside, outside = answered & member, answered & ~member
    if item.kind in ("ordinal", "numeric"):
        rows.append(_mean_row(values, weights, inside, outside))
    if item.is_coded:
        codes = sorted(set(values[answered]) | set(item.labels))
        for code in codes:
            if code in item.missing:
                continue
            rows.append(_share_row(values == code, weights, inside, outside, code, item))
    base = {"segment": segment, "item": item.name, "question": item.title()}
    return [base | row | {"base": int(inside.sum())} for row in rows]


def _share_row(
    chosen: np.ndarray,
    weights: np.ndarray,
    inside: np.ndarray,
    outside: np.ndarray,
    code: float,
    item: Item,
) -> dict[str, object]:
    answered = inside | outside
    share = _weighted_share(chosen, weights, inside)
    rest = _weighted_share(chosen, weights, outside)
    total = _weighted_share(chosen, weights, answered)
    p = two_proportion_p_weighted(share, effective_n(weights[inside]), rest,
                                  effective_n(weights[outside]))  # fmt: skip
    return {
        "statistic": "share",
        "code": code,
        "category": item.label(code),
        "count": int((chosen & inside).sum()),
        "segment_value": share,
        "total_value": total,
        "difference": share - total,
        "index": _index(share, total),
        "p_value": p,
        "large": abs(share - total) >= LARGE_SHARE,
        "total_count": int((chosen & answered).sum()),
    }


def _mean_row(
    values: np.ndarray, weights: np.ndarray, inside: np.ndarray, outside: np.ndarray
) -> dict[str, object]:
    everyone = inside | outside
    mean, total = _mean(values, weights, inside), _mean(values, weights, everyone)
    p = welch_p(values[inside], weights[inside], values[outside], weights[outside])
    sd = math.sqrt(_variance(values[everyone], weights[everyone]))
    return {
        "statistic": "mean",
        "code": math.nan,
        "category": "",
        "count": int(inside.sum()),
        "segment_value": mean,
        "total_value": total,
        "difference": mean - total,
        "index": _index(mean, total),
        "p_value": p,
        # A mean differs largely when it lies 0.3 whole-sample standard deviations away.
        "large": abs(mean - total) >= LARGE_MEAN_SD * sd,
        "total_count": int(everyone.sum()),
    }


def _weighted_share(chosen: np.ndarray, weights: np.ndarray, among: np.ndarray) -> float:
    total = weights[among].sum()
    return float(weights[among & chosen].sum() / total) if total > 0 else math.nan


def _mean(values: np.ndarray, weights: np.ndarray, among: np.ndarray) -> float:
    return float(np.average(values[among], weights=weights[among])) if among.any() else math.nan


def _variance(values: np.ndarray, weights: np.ndarray) -> float:
    """Return the weighted variance with the effective sample size's n − 1 correction (the
    sample variance when all weights are equal)."""
    n = effective_n(weights)
    if n <= 1:
        return math.nan
    mean = np.average(values, weights=weights)
    return float(np.average((values - mean) ** 2, weights=weights) * n / (n - 1))


def effective_n(weights: np.ndarray) -> float:
    """Return Kish's effective sample size (Σw)² / Σw² (the count when weights are equal)."""
    squares = float((weights**2).sum())
    return float(weights.sum()) ** 2 / squares if squares > 0 else 0.0


def welch_p(x1: np.ndarray, w1: np.ndarray, x2: np.ndarray, w2: np.ndarray) -> float:
    """Return the two-sided p-value of Welch's t test of two (weighted) means, with effective
    sample sizes; it is scipy's Welch test when the weights are equal."""
    n1, n2 = effective_n(w1), effective_n(w2)
    if n1 <= 1 or n2 <= 1:
        return math.nan
    v1, v2 = _variance(x1, w1) / n1, _variance(x2, w2) / n2
    spread = v1 + v2
    difference = float(np.average(x1, weights=w1) - np.average(x2, weights=w2))
    if spread == 0:
        return 1.0 if difference == 0 else 0.0
    t = difference / math.sqrt(spread)
    freedom = spread**2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    return float(2 * special.stdtr(freedom, -abs(t)))  # Student's t upper tail


def _index(value: float, total: float) -> float:
    return 100 * value / total if total else math.nan


def two_proportion_p_weighted(p1: float, n1: float, p2: float, n2: float) -> float:
    """Return the two-sided p-value of the pooled two-proportion z test of shares p1 and p2 on
    (effective) sample sizes n1 and n2."""
    if min(n1, n2) <= 0:
        return math.nan
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if spread == 0:
        return 1.0
    z = (p1 - p2) / spread
    return float(2 * special.ndtr(-abs(z)))  # the normal upper tail


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Return Benjamini–Hochberg adjusted p-values: p × m / rank, made monotone from the
    largest down, at most 1 (as scipy.stats.false_discovery_control(p, method="bh"))."""
    m = len(p)
    order = np.argsort(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return adjusted


def adjust(p_values: np.ndarray, correction: Correction) -> np.ndarray:
    """Return p-values adjusted for multiple tests (Holm, or Benjamini–Hochberg); NaN stays."""
    out = np.full(len(p_values), math.nan)
    tested = ~np.isnan(p_values)
    if not tested.any():
        return out
    p = p_values[tested]
    if correction == "bh":
        out[tested] = benjamini_hochberg(p)
        return out
    order = np.argsort(p)
    m = len(p)
    stepped = np.maximum.accumulate((m - np.arange(m)) * p[order])
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(stepped, 1.0)
    out[tested] = adjusted
    return out
