"""Segment profiles: every item's share or mean in each segment against the whole sample, an
index, and a test of the segment against the rest of the sample, corrected for testing many.

A difference is *notable* only when it is both large and significant after the correction:
large means at least 10 percentage points for a share, and at least 0.3 standard deviations
(of the whole sample) for a mean.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from samskab.segments.codebook import Item
from samskab.segments.errors import InputError, Problem
from samskab.segments.survey import Survey

Correction = Literal["holm", "bh"]
LARGE_SHARE = 0.10
LARGE_MEAN_SD = 0.3
ALPHA = 0.05
COLUMNS = (
    "segment", "item", "question", "statistic", "code", "category", "segment_value",
    "total_value", "difference", "index", "p_value", "p_adjusted", "notable",
)  # fmt: skip


def profile(
    survey: Survey,
    segments: pd.Series,
    items: Sequence[str],
    *,
    correction: Correction = "holm",
) -> pd.DataFrame:
    """Return one row per segment, item and statistic (a category's share, or a mean) with the
    columns in COLUMNS; `segments` holds each respondent's segment 1…K (NA when none)."""
    _check(survey, items)
    rows: list[dict[str, object]] = []
    for segment in sorted(int(s) for s in segments.dropna().unique()):
        member = (segments == segment).fillna(False).to_numpy(dtype=bool)
        placed = segments.notna().to_numpy(dtype=bool)
        for name in items:
            item = survey.codebook[name]
            values = survey.answers[name].to_numpy(dtype=float)[placed]
            rows += _item_rows(segment, item, values, member[placed])
    table = pd.DataFrame(rows, columns=[*COLUMNS, "large"])
    table["p_adjusted"] = adjust(table["p_value"].to_numpy(dtype=float), correction)
    table["notable"] = table.pop("large").astype(bool) & (table["p_adjusted"] < ALPHA)
    return table


def _check(survey: Survey, items: Sequence[str]) -> None:
    problems = []
    for name in items:
        if name not in survey.codebook.names():
            problems.append(Problem(survey.file, "no such column in the survey", column=name))
        elif survey.codebook[name].kind == "text":
            message = "open text cannot be profiled; give it a codebook kind other than text"
            problems.append(Problem(survey.file, message, column=name))
    if problems:
        raise InputError(problems)


def _item_rows(
    segment: int, item: Item, values: np.ndarray, member: np.ndarray
) -> list[dict[str, object]]:
    rows = []
    answered = ~np.isnan(values)
    if item.kind in ("ordinal", "numeric"):
        rows.append(
            _mean_row(values[answered & member], values[answered & ~member], values[answered])
        )
    if item.is_coded:
        codes = sorted(set(values[answered]) | set(item.labels))
        for code in codes:
            if code in item.missing:
                continue
            chosen = values == code
            rows.append(_share_row(chosen, answered, member, code, item))
    base = {"segment": segment, "item": item.name, "question": item.title()}
    return [base | row for row in rows]


def _share_row(
    chosen: np.ndarray, answered: np.ndarray, member: np.ndarray, code: float, item: Item
) -> dict[str, object]:
    inside, outside = answered & member, answered & ~member
    n1, n2 = int(inside.sum()), int(outside.sum())
    x1, x2 = int((chosen & inside).sum()), int((chosen & outside).sum())
    share = x1 / n1 if n1 else math.nan
    total = (x1 + x2) / (n1 + n2) if n1 + n2 else math.nan
    return {
        "statistic": "share",
        "code": code,
        "category": item.label(code),
        "segment_value": share,
        "total_value": total,
        "difference": share - total,
        "index": _index(share, total),
        "p_value": two_proportion_p(x1, n1, x2, n2),
        "large": abs(share - total) >= LARGE_SHARE,
    }


def _mean_row(inside: np.ndarray, outside: np.ndarray, everyone: np.ndarray) -> dict[str, object]:
    mean, total = _mean(inside), _mean(everyone)
    p = math.nan
    if len(inside) > 1 and len(outside) > 1:
        p = float(stats.ttest_ind(inside, outside, equal_var=False).pvalue)
    sd = float(np.std(everyone, ddof=1)) if len(everyone) > 1 else math.nan
    return {
        "statistic": "mean",
        "code": math.nan,
        "category": "",
        "segment_value": mean,
        "total_value": total,
        "difference": mean - total,
        "index": _index(mean, total),
        "p_value": p,
        # A mean differs largely when it lies 0.3 whole-sample standard deviations away.
        "large": abs(mean - total) >= LARGE_MEAN_SD * sd,
    }


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if len(values) else math.nan


def _index(value: float, total: float) -> float:
    return 100 * value / total if total else math.nan


def two_proportion_p(x1: int, n1: int, x2: int, n2: int) -> float:
    """Return the two-sided p-value of the pooled two-proportion z test of x1/n1 against x2/n2."""
    if min(n1, n2) == 0:
        return math.nan
    pooled = (x1 + x2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if spread == 0:
        return 1.0
    z = (x1 / n1 - x2 / n2) / spread
    return float(2 * stats.norm.sf(abs(z)))


def adjust(p_values: np.ndarray, correction: Correction) -> np.ndarray:
    """Return p-values adjusted for multiple tests (Holm, or Benjamini–Hochberg); NaN stays."""
    out = np.full(len(p_values), math.nan)
    tested = ~np.isnan(p_values)
    if not tested.any():
        return out
    p = p_values[tested]
    if correction == "bh":
        out[tested] = stats.false_discovery_control(p, method="bh")
        return out
    order = np.argsort(p)
    m = len(p)
    stepped = np.maximum.accumulate((m - np.arange(m)) * p[order])
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(stepped, 1.0)
    out[tested] = adjusted
    return out
