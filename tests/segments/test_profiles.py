"""Profiles with survey weights and with small-cell suppression."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from samskab.segments.profiles import (
    benjamini_hochberg,
    effective_n,
    profile,
    two_proportion_p_weighted,
    welch_p,
)
from samskab.segments.survey import read_survey
from tests.segments.conftest import write

SURVEY = """\
q,score,w
1 Ja,10.5,1
1 Ja,20.5,3
2 Nej,60.5,1
2 Nej,40.5,1
1 Ja,50.5,2
2 Nej,30.5,2
"""
SEGMENTS = pd.Series([1, 1, 1, 2, 2, 2], dtype="Int64")


def _row(table: pd.DataFrame, segment: int, item: str, code: float | None = None) -> pd.Series:
    rows = table[(table["segment"] == segment) & (table["item"] == item)]
    rows = rows[rows["statistic"] == "mean"] if code is None else rows[rows["code"] == code]
    return rows.iloc[0]


def test_weighted_shares_and_means(tmp_path: Path) -> None:
    survey = read_survey(write(tmp_path, "s.csv", SURVEY))
    weights = survey.answers["w"].to_numpy(dtype=float)
    table = profile(survey, SEGMENTS, ["q", "score"], weights=weights)
    yes = _row(table, 1, "q", 1.0)
    # Segment 1: yes weighs 1 + 3 of 5; everyone: 1 + 3 + 2 of 10.
    assert yes["segment_value"] == pytest.approx(4 / 5)
    assert yes["total_value"] == pytest.approx(6 / 10)
    assert (yes["count"], yes["base"]) == (2, 3)  # respondents, not weights
    mean = _row(table, 1, "score")
    assert mean["segment_value"] == pytest.approx((10.5 + 3 * 20.5 + 60.5) / 5)
    unweighted = _row(profile(survey, SEGMENTS, ["score"]), 1, "score")
    assert unweighted["segment_value"] == pytest.approx((10.5 + 20.5 + 60.5) / 3)


def test_equal_weights_give_the_unweighted_tests(tmp_path: Path) -> None:
    survey = read_survey(write(tmp_path, "s.csv", SURVEY))
    plain = profile(survey, SEGMENTS, ["q", "score"])
    equal = profile(survey, SEGMENTS, ["q", "score"], weights=np.full(6, 2.5))
    assert np.allclose(plain["p_value"], equal["p_value"])
    assert np.allclose(plain["segment_value"], equal["segment_value"])
    x, y = np.array([1.0, 4, 2, 8]), np.array([3.0, 9, 7, 5, 6])
    expected = stats.ttest_ind(x, y, equal_var=False).pvalue
    assert welch_p(x, np.ones(4), y, np.ones(5)) == pytest.approx(expected)
    assert effective_n(np.array([1.0, 1, 1, 1])) == 4
    assert effective_n(np.array([1.0, 3])) == pytest.approx(16 / 10)


def test_small_cells_are_suppressed(tmp_path: Path) -> None:
    survey = read_survey(write(tmp_path, "s.csv", SURVEY))
    table = profile(survey, SEGMENTS, ["q", "score"], suppress_below=3)
    yes = _row(table, 1, "q", 1.0)  # two respondents
    assert yes["count"] == "<3" and yes["base"] == 3
    assert np.isnan(yes["segment_value"]) and np.isnan(yes["difference"])
    assert np.isnan(yes["index"]) and np.isnan(yes["p_adjusted"]) and not yes["notable"]
    assert yes["total_value"] == pytest.approx(0.5)  # three of six in the whole sample
    mean = _row(table, 1, "score")
    assert mean["count"] == 3 and mean["segment_value"] == pytest.approx(30.5)
    everything = profile(survey, SEGMENTS, ["q"], suppress_below=4)
    assert everything["total_value"].isna().all()  # three respondents at most in the sample


def test_a_model_fitted_with_weights_is_profiled_with_them(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    lines = ["a,b,w"] + ["1 Ja,1 Ja,3", "2 Nej,2 Nej,1", "1 Ja,2 Nej,1", "2 Nej,1 Ja,1"] * 10
    path = write(tmp_path, "s.csv", "\n".join(lines) + "\n")
    saved = tmp_path / "model.json"
    fit = cli("segments", "fit", "--survey", path, "--items", "a,b", "--classes", "2",
              "--weights", "w", "--bootstrap", "0", "--save", saved)  # fmt: skip
    assert fit.status == 0, fit.err
    assert json.loads(saved.read_text(encoding="utf-8"))["weights"] == "w"
    result = cli("segments", "profile", "--survey", path, "--model", saved, "--format", "json")
    rows = json.loads(result.out)["profile"]
    yes = next(r for r in rows if r["item"] == "a" and r["code"] == 1)
    assert yes["total_value"] == pytest.approx((30 + 10) / 60)  # weighted; unweighted 0.5


def test_the_tests_p_values_are_scipy_stats_own() -> None:
    """The profiles compute p-values from scipy.special (scipy.stats is slow to import): the
    same figures as scipy.stats' t and normal tails and its Benjamini–Hochberg adjustment."""
    rng = np.random.default_rng(3)
    for _ in range(200):
        x, y = rng.normal(0, 1, rng.integers(2, 40)), rng.normal(0.3, 1.5, rng.integers(2, 40))
        expected = stats.ttest_ind(x, y, equal_var=False).pvalue
        assert welch_p(x, np.ones(len(x)), y, np.ones(len(y))) == pytest.approx(expected)
        p1, p2, n1, n2 = rng.random(), rng.random(), rng.integers(5, 500), rng.integers(5, 500)
        pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        assert two_proportion_p_weighted(p1, n1, p2, n2) == pytest.approx(2 * stats.norm.sf(abs(z)))
        p = rng.random(rng.integers(1, 60)) ** 3
        assert benjamini_hochberg(p) == pytest.approx(stats.false_discovery_control(p, method="bh"))
