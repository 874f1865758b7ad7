"""EM on distinct answer patterns: the same likelihood as on respondents, weights as counts,
missing answers as poLCA treats them, and a search that reaches the maximum."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pytest

from samskab.segments import em
from samskab.segments.model import fit_classes, log_likelihoods, relative_entropy
from samskab.segments.segmentation import segment_survey
from samskab.segments.survey import read_survey
from tests.segments.conftest import write

WIDTHS = (3, 2, 4, 2, 3)


def _answers(n: int, seed: int, missing: float = 0.1) -> np.ndarray:
    """Return n respondents' category numbers on WIDTHS items from two classes, NaN missing."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 2, n)
    columns = []
    for width in WIDTHS:
        tables = rng.dirichlet(np.full(width, 0.5), size=2)
        cumulative = tables[truth].cumsum(axis=1)
        columns.append((rng.random(n)[:, None] > cumulative).sum(axis=1).astype(float))
    data = np.array(columns).T
    data[rng.random(data.shape) < missing] = np.nan
    return data


def _levels(widths: Sequence[int] = WIDTHS) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(i) for i in range(w)) for w in widths)


def test_patterns_give_the_respondents_log_likelihood() -> None:
    data = _answers(400, 1)
    patterns = em.compress(data, WIDTHS)
    assert patterns.size < len(data) and patterns.counts.sum() == len(data)
    rng = np.random.default_rng(2)
    shares, theta = em.random_start(rng, 3, 2, WIDTHS)
    posterior, per_start = em.e_step(patterns, shares, theta)
    bounds = np.cumsum([0, *WIDTHS])
    for s in range(3):
        tables = [theta[s][:, a:b] for a, b in itertools.pairwise(bounds)]
        respondents, classes = log_likelihoods(data, shares[s], tables)
        assert per_start[s] == pytest.approx(respondents.sum())
        assert posterior[patterns.inverse, s] == pytest.approx(classes)


def test_a_missing_answer_counts_in_neither_numerator_nor_denominator() -> None:
    # poLCA's M-step with na.rm=FALSE: an item's answer shares among those who answered it.
    data = np.array([[0, 1], [1, np.nan], [1, 0], [np.nan, 0]], dtype=float)
    patterns = em.compress(data, (2, 2))
    posterior = np.ones((patterns.size, 1, 1))  # one class: the M-step gives the shares
    shares, theta = em.m_step(patterns, posterior)
    assert shares[0, 0] == pytest.approx(1.0)
    assert theta[0, 0] == pytest.approx([1 / 3, 2 / 3, 2 / 3, 1 / 3])


def test_a_weight_counts_as_that_many_respondents() -> None:
    data = _answers(150, 3)
    doubled = np.concatenate([data, data[:50]])
    weights = np.r_[np.full(50, 2.0), np.ones(100)]
    by_weight = em.compress(data, WIDTHS, weights)
    by_rows = em.compress(doubled, WIDTHS)
    assert np.array_equal(by_weight.onehot, by_rows.onehot)
    assert by_weight.counts == pytest.approx(by_rows.counts)
    # fit_classes scales weights to average 1: the log-likelihood stays on the sample's scale.
    levels = _levels()
    weighted = fit_classes(data, levels, [], 2, weights=weights)
    rows = fit_classes(doubled, levels, [], 2)
    assert weighted.log_likelihood == pytest.approx(rows.log_likelihood * 150 / 200, abs=1e-4)
    assert weighted.n_respondents == 150


def test_squarem_converges_to_a_maximum_in_fewer_steps_than_em() -> None:
    data = _answers(600, 4)
    patterns = em.compress(data, WIDTHS)
    shares, theta = em.random_start(np.random.default_rng(5), 6, 3, WIDTHS)
    _, _, _, plain_steps, done = em.run(patterns, shares, theta, 20000, 1e-12)
    fast_shares, fast_theta, fast, fast_steps, fast_done = em.run_accelerated(
        patterns, shares, theta, 20000, 1e-12
    )
    assert done.all() and fast_done.any()
    assert fast_steps.sum() < plain_steps.sum() / 2
    # A converged run ends at a fixed point of EM; every run is no lower than two EM steps
    # from its start took it.
    _, _, early, _, _ = em.run(patterns, shares, theta, 2)
    posterior, at_end = em.e_step(patterns, fast_shares, fast_theta)
    _, after = em.e_step(patterns, *em.m_step(patterns, posterior))
    assert at_end == pytest.approx(fast, abs=1e-8) and np.all(fast >= early)
    assert np.all(np.abs(after - at_end)[fast_done] <= 1e-8 * np.abs(at_end[fast_done]))
    # A run given up could not have reached the best converged run at its pace.
    assert np.all(fast[~fast_done] < fast[fast_done].max() - em.REPLICATED)


def test_the_search_finds_the_best_of_many_full_runs_and_says_how_often() -> None:
    data = _answers(800, 6, missing=0.05)
    patterns = em.compress(data, WIDTHS)
    thorough = em.Search(starts=200, finalists=200, cheap=np.inf)
    best = em.fit(patterns, 3, np.random.default_rng(7), thorough).log_likelihood
    found = em.fit(patterns, 3, np.random.default_rng(8))
    assert found.log_likelihood == pytest.approx(best, abs=0.01)
    assert found.converged and 2 <= found.replicated <= len(found.finalists)
    assert list(found.finalists) == sorted(found.finalists, reverse=True)


def test_many_patterns_take_short_rounds_before_the_finalists() -> None:
    patterns = em.compress(_answers(400, 9, missing=0.0), WIDTHS)
    cheap = em.Search(starts=80, finalists=8)
    assert cheap.rounds(patterns, 2) == []  # every start to convergence
    costly = em.Search(starts=80, finalists=8, cheap=1000)
    assert costly.rounds(patterns, 2) == [(10, 24), (20, 8)]
    found = em.fit(patterns, 2, np.random.default_rng(1), costly)
    assert len(found.finalists) in (8, 16)  # a second batch when the best was found once


def test_relative_entropy_over_patterns_equals_over_respondents() -> None:
    data = _answers(300, 10)
    model = fit_classes(data, _levels(), [], 2)
    _, posterior = log_likelihoods(data, model.shares, model.probabilities)
    assert model.relative_entropy == pytest.approx(relative_entropy(posterior))


def test_a_maximum_found_by_one_start_only_is_reported(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    import samskab.segments.segmentation as segmentation

    survey = read_survey(write(tmp_path, "s.csv", "q1,q2\n" + "1 Ja,2 Nej\n2 Nej,1 Ja\n" * 20))
    fitted = segmentation.fit_classes

    def once(*args, **kwargs):  # type: ignore[no-untyped-def]
        return replace(fitted(*args, **kwargs), replicated=1, finalists=8)

    monkeypatch.setattr(segmentation, "fit_classes", once)
    result = segment_survey(survey, ["q1", "q2"], [2])
    assert [note.code for note in result.notes] == ["not_replicated"]
    assert result.warnings == (
        "K=2: the best log-likelihood was reached by only one of the 8 starts run to "
        "convergence; more random starts may find a better one.",
    )
