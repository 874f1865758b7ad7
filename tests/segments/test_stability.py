"""Bootstrap stability (ARI of refits, per-segment Jaccard) and the K recommendation."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from samskab.segments.choice import left_out, recommend
from samskab.segments.messages import render_all
from samskab.segments.model import ClassModel, fit_classes
from samskab.segments.stability import Stability, best_jaccards, bootstrap_stability


def _classes(rng: np.random.Generator, n: int, chances: list[float]) -> np.ndarray:
    """Return n respondents' answers to 8 yes/no items from classes whose chance of yes on
    every item is `chances[k]`, and the true class of each."""
    truth = rng.integers(0, len(chances), n)
    answers = (rng.random((n, 8)) < np.array(chances)[truth][:, None]).astype(float)
    answers[rng.random((n, 8)) < 0.05] = np.nan
    return answers, truth


def _fit(data: np.ndarray, classes: int) -> ClassModel:
    levels = tuple((0.0, 1.0) for _ in range(data.shape[1]))
    return fit_classes(data, levels, [f"q{j}" for j in range(data.shape[1])], classes, starts=3)


def test_jaccard_of_the_best_matching_segment() -> None:
    full = np.array([0, 0, 0, 1, 1, 2])
    refit = np.array([1, 1, 0, 0, 0, 0])
    # Segment 0 {0,1,2} best matches refit 1 {0,1}: 2/3; segment 1 {3,4} matches refit 0
    # {2,3,4,5}: 2/4; segment 2 {5} matches refit 0: 1/4.
    assert best_jaccards(full, refit, 3) == pytest.approx([2 / 3, 1 / 2, 1 / 4])


def test_clear_classes_are_stable_and_noise_is_not() -> None:
    rng = np.random.default_rng(4)
    clear, _ = _classes(rng, 600, [0.1, 0.9])
    stable = bootstrap_stability(clear, _fit(clear, 2), resamples=8, seed=2)
    assert stable.ari_median > 0.95 and stable.jaccard.min() > 0.95
    noise, _ = _classes(rng, 600, [0.5])
    unstable = bootstrap_stability(noise, _fit(noise, 3), resamples=8, seed=2)
    assert unstable.ari_median < 0.3 and unstable.jaccard.min() < 0.6
    again = bootstrap_stability(noise, _fit(noise, 3), resamples=8, seed=2)
    assert np.array_equal(again.ari, unstable.ari)  # seeded: the same resamples and refits


def test_weights_enter_the_refits() -> None:
    rng = np.random.default_rng(5)
    data, _ = _classes(rng, 400, [0.2, 0.8])
    model = _fit(data, 2)
    weights = rng.uniform(0.5, 2, len(data))
    weighted = bootstrap_stability(data, model, resamples=4, seed=1, weights=weights)
    assert weighted.resamples == 4 and len(weighted.jaccard) == 2
    assert weighted.ari_median > 0.8


def _model(classes: int, bic: float, aic: float, smallest: float = 0.2) -> ClassModel:
    shares = np.full(classes, (1 - smallest) / (classes - 1))
    shares[-1] = smallest
    base = ClassModel((), (), shares, (), 0.0, 1, 100, 0.8, True, 1, 1)
    # BIC and AIC follow from the log-likelihood and parameters; choose those to give them.
    p = (bic - aic) / (np.log(100) - 2)
    return replace(base, log_likelihood=-(aic - 2 * p) / 2, n_parameters=p)  # type: ignore[arg-type]


def _stable(*jaccard: float) -> Stability:
    return Stability(20, np.full(20, 0.8), np.array(jaccard))


def test_recommend_the_lowest_bic_and_offer_the_aic_choice_beside_it() -> None:
    models = [_model(2, 1000, 900), _model(3, 990, 850), _model(4, 1010, 840)]
    stability = [_stable(0.9, 0.9), _stable(0.9, 0.85, 0.8), _stable(0.9, 0.8, 0.8, 0.6)]
    best, alternative, messages = recommend(models, stability)
    reason = render_all(messages)
    assert (best, alternative) == (3, 4)
    assert [m.code for m in messages] == ["lowest_bic_stable", "stable", "aic_alternative",
                                          "pattern"]  # fmt: skip
    assert messages[0].params == {"k": 3, "bic": 990, "entropy": 0.8, "min_share": 0.05}
    assert "lowest BIC (990.0)" in reason and "AIC" in reason and "between 3 and 4" in reason
    assert "0.60 (a pattern more than a firm segment)" in reason


def test_a_segment_that_dissolves_or_is_tiny_rules_its_k_out() -> None:
    models = [_model(2, 1000, 900), _model(3, 990, 850), _model(4, 980, 840, smallest=0.03)]
    dissolving = [_stable(0.9, 0.9), _stable(0.9, 0.85, 0.45), _stable(0.9, 0.8, 0.8, 0.8)]
    best, alternative, messages = recommend(models, dissolving)
    reason = render_all(messages)
    assert (best, alternative) == (2, None)
    assert "K=3, segment 3 dissolves under resampling (mean Jaccard 0.45 ≤ 0.5)" in reason
    assert "K=4, its smallest segment holds 3.0% (< 5%)" in reason
    assert left_out(models[0], dissolving[0]) == ""
    assert left_out(models[2], dissolving[2]) == "its smallest segment holds 3.0% (< 5%)"
    alone = recommend(models[1:2], dissolving[1:2])
    assert alone[0] == 3 and render_all(alone[2]).startswith("No K meets the conditions")
    assert "(dissolving)" in render_all(alone[2])
    assert "Not a candidate: K=3" in render_all(alone[2])
    # Without stability measured, only the size rule applies.
    assert recommend(models, [None, None, None])[:2] == (3, None)
    assert "largest K" in render_all(recommend(models[:2], [None, None])[2])
