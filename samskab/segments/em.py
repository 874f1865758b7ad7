"""EM for latent class models, on the distinct answer patterns with their counts.

A survey with a few items has far fewer distinct answer patterns than respondents (poLCA's
carcinoma data: 20 patterns of 118 slides), and a latent class model's likelihood depends on a
respondent only through the pattern, so every step here runs over the patterns, each weighted
by how many respondents gave it (times their survey weights). Missing answers are handled as
poLCA does with `na.rm=FALSE`: an item a respondent left out does not enter that respondent's
likelihood, nor the denominator of that item's answer probabilities.

The search for the maximum follows what latent class software does (Mplus's STARTS, Latent
GOLD's random sets): many random starts (drawn as poLCA draws them), each a few cheap EM steps,
all advanced at once as one batch of matrix products; then the best few of them are run on to
tight convergence: until one EM step changes the log-likelihood by at most 1e-10 of itself
(poLCA's tolerance, taken relative). Where advancing every start costs little (few patterns),
every start is run to convergence, as poLCA's `nrep`. The final runs are accelerated with
SQUAREM, which needs a fraction of EM's steps on the flat ridges latent class likelihoods
have. The best run is the fit; how many of the final runs reached its log-likelihood (within
0.01) tells whether the maximum was replicated, or found by one run only, a sign that more
starts are needed; in that case a second batch of starts is tried before giving that answer.

Measured (benchmarks/segments_speed.py): poLCA's published carcinoma and election maxima are
reached; on a 1,202-respondent, 4-item survey K=2–4 take a tenth of the time of a plain EM
with 20 starts, at the same or better log-likelihoods.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from samskab.segments.defaults import STARTS

Array = npt.NDArray[np.float64]
Index = npt.NDArray[np.intp]
Flags = npt.NDArray[np.bool_]
# Per model of a batch: class shares, answer probabilities, log-likelihood, EM steps taken and
# whether it converged.
Runs = tuple[Array, Array, Array, Index, Flags]

_FLOOR = 1e-300  # the smallest answer probability or class share taken a logarithm of
_EXPONENT_FLOOR = -575.0  # exp(-575) ≈ 1e-250: no denormal numbers, which slow EM tenfold
REPLICATED = 0.01  # two runs whose log-likelihoods differ by less reached the same maximum


@dataclass(frozen=True)
class Patterns:
    """The distinct answer patterns of a survey: `onehot` (P, total categories) marks each
    pattern's answers (a missing answer is a row of zeros for its item), `counts` (P,) the
    respondents (or their summed weights) giving it, `inverse` (n,) each respondent's pattern."""

    onehot: Array
    counts: Array
    inverse: Index
    widths: tuple[int, ...]

    @property
    def size(self) -> int:
        """Return the number of distinct patterns."""
        return len(self.counts)

    def reweighted(self, counts: Array) -> Patterns:
        """Return the patterns with other counts, leaving out those with none (a bootstrap
        resample); `inverse` then no longer applies and is left empty."""
        kept = counts > 0
        return Patterns(self.onehot[kept], counts[kept], np.empty(0, np.intp), self.widths)


def compress(data: Array, widths: Sequence[int], weights: Array | None = None) -> Patterns:
    """Return the distinct answer patterns of `data` (n, items) of category numbers 0, 1, …
    (NaN when missing), with counts: the number of respondents, or the sum of their `weights`."""
    codes = np.where(np.isnan(data), -1, data).astype(np.int16)
    unique, inverse = np.unique(codes, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1).astype(np.intp)
    counts = np.bincount(inverse, weights=weights, minlength=len(unique)).astype(float)
    return Patterns(one_hot(unique, widths), counts, inverse, tuple(int(w) for w in widths))


def one_hot(codes: npt.NDArray[np.integer] | Array, widths: Sequence[int]) -> Array:
    """Return the (rows, total categories) indicator matrix of category numbers (negative or
    NaN when missing: a row of zeros for the item)."""
    codes = np.nan_to_num(np.asarray(codes, dtype=float), nan=-1.0).astype(int)
    offsets = np.cumsum([0, *widths])[:-1]
    out = np.zeros((len(codes), int(sum(widths))))
    rows, items = np.nonzero(codes >= 0)
    out[rows, offsets[items] + codes[rows, items]] = 1.0
    return out


@dataclass(frozen=True)
class Search:
    """How the maximum is searched for: `starts` random starts; when advancing them all at once
    costs little (patterns × categories × classes × starts at most `cheap`), every start is run
    to convergence, as poLCA's `nrep` would; otherwise all take 10 EM steps, the best 30% 20
    more, and the best `finalists` are run on to convergence (with SQUAREM when `accelerate`).
    A run has converged when one EM step changes its log-likelihood by at most `rel_tol`
    (relative), or stops at `max_steps`. When the best log-likelihood was reached by one run
    only, another batch of starts is tried, up to `batches` in all."""

    starts: int = STARTS
    finalists: int = 12
    rel_tol: float = 1e-10
    max_steps: int = 10000
    cheap: float = 2.5e5
    batches: int = 2
    accelerate: bool = True

    def rounds(self, patterns: Patterns, classes: int) -> list[tuple[int, int]]:
        """Return the short rounds before the final one: (EM steps, starts kept after it)."""
        work = patterns.size * patterns.onehot.shape[1] * classes * self.starts
        if self.starts <= self.finalists or work <= self.cheap:
            return []
        middle = max(self.finalists, math.ceil(0.3 * self.starts))
        return [(10, middle), (20, self.finalists)]


DEFAULT = Search()


@dataclass(frozen=True)
class Fit:
    """The best EM run: log-likelihood, class shares (K,), answer probabilities
    (K, total categories) and whether it converged; the EM steps of all runs together, and the
    log-likelihoods the runs taken to convergence reached, best first."""

    log_likelihood: float
    shares: Array
    theta: Array
    converged: bool
    steps: int
    finalists: Array

    @property
    def replicated(self) -> int:
        """Return how many of the runs taken to convergence reached the best log-likelihood
        (within REPLICATED)."""
        return int((self.finalists >= self.log_likelihood - REPLICATED).sum())


def random_start(
    rng: np.random.Generator, starts: int, classes: int, widths: Sequence[int]
) -> tuple[Array, Array]:
    """Return `starts` random starting points as poLCA draws them: equal class shares, and per
    class and item answer probabilities uniform draws normalised to sum to 1."""
    theta = rng.uniform(size=(starts, classes, int(sum(widths))))
    theta /= _item_sums(theta, widths)
    return np.full((starts, classes), 1.0 / classes), theta


def _item_sums(values: Array, widths: Sequence[int]) -> Array:
    """Return per item the sum of `values` over its categories, repeated across them."""
    bounds = np.cumsum([0, *widths])
    sums = np.add.reduceat(values, bounds[:-1], axis=-1)
    return np.repeat(sums, widths, axis=-1)


def e_step(patterns: Patterns, shares: Array, theta: Array) -> tuple[Array, Array]:
    """Return for a batch of S models (shares (S, K), theta (S, K, C)) the class probabilities
    of each pattern, shape (P, S, K), and each model's log-likelihood, shape (S,)."""
    starts, classes, width = theta.shape
    log_theta = np.log(np.maximum(theta, _FLOOR)).reshape(starts * classes, width)
    joint = (patterns.onehot @ log_theta.T).reshape(-1, starts, classes)
    joint += np.log(np.maximum(shares, _FLOOR))
    top = joint.max(axis=2, keepdims=True)
    joint -= top
    np.maximum(joint, _EXPONENT_FLOOR, out=joint)
    np.exp(joint, out=joint)
    total = joint.sum(axis=2, keepdims=True)
    joint /= total
    per_pattern = np.log(total[..., 0]) + top[..., 0]
    return joint, patterns.counts @ per_pattern


def m_step(patterns: Patterns, posterior: Array) -> tuple[Array, Array]:
    """Return the class shares (S, K) and answer probabilities (S, K, C) that maximise the
    expected log-likelihood given the class probabilities (P, S, K) of the patterns."""
    size, starts, classes = posterior.shape
    weighted = posterior * patterns.counts[:, None, None]
    shares = weighted.sum(axis=0) / patterns.counts.sum()
    answers = (weighted.reshape(size, starts * classes).T @ patterns.onehot).reshape(
        starts, classes, -1
    )
    # Per item over the patterns that answer it: a missing answer is in neither count.
    theta = answers / np.maximum(_item_sums(answers, patterns.widths), _FLOOR)
    return shares, theta


def run(
    patterns: Patterns,
    shares: Array,
    theta: Array,
    steps: int,
    rel_tol: float = 0.0,
) -> Runs:
    """Run EM on a batch of models for at most `steps` steps, each model until its
    log-likelihood changes by at most `rel_tol` relative in a step. Return the shares,
    answer probabilities, log-likelihoods (S,), steps taken (S,) and whether each converged."""
    starts = len(shares)
    shares, theta = shares.copy(), theta.copy()
    log_likelihood: Array = np.full(starts, -math.inf)
    taken: Index = np.zeros(starts, dtype=np.intp)
    converged: Flags = np.zeros(starts, dtype=bool)
    active = np.arange(starts)
    previous = np.full(starts, -math.inf)
    for _ in range(steps):
        posterior, current = e_step(patterns, shares[active], theta[active])
        log_likelihood[active] = current
        taken[active] += 1
        change = current - previous[active]
        done = np.abs(change) <= rel_tol * np.abs(current)
        converged[active[done]] = True
        previous[active] = current
        if done.all():
            break
        new_shares, new_theta = m_step(patterns, posterior[:, ~done])
        active = active[~done]
        shares[active], theta[active] = new_shares, new_theta
    else:
        if len(active):
            _, log_likelihood[active] = e_step(patterns, shares[active], theta[active])
    return shares, theta, log_likelihood, taken, converged


def run_accelerated(
    patterns: Patterns,
    shares: Array,
    theta: Array,
    steps: int,
    rel_tol: float = 0.0,
) -> Runs:
    """As `run`, with SQUAREM (Varadhan & Roland 2008): from two EM steps, a step along their
    direction, as long as the squared extrapolation says, kept only where it raises the
    log-likelihood (else the second EM step is kept), so it never does worse than EM. A model
    has converged when a single EM step changes its log-likelihood by at most `rel_tol`.

    Once one model has converged, a model below it that could not reach it within its
    remaining steps at its present gain per step is given up (a run creeping along a flat
    ridge towards a lesser maximum would otherwise hold up the whole batch)."""
    starts = len(shares)
    shares, theta = shares.copy(), theta.copy()
    log_likelihood: Array = np.full(starts, -math.inf)
    taken: Index = np.zeros(starts, dtype=np.intp)
    converged: Flags = np.zeros(starts, dtype=bool)
    active = np.arange(starts)
    while len(active) and taken[active[0]] < steps:
        s0, t0 = shares[active], theta[active]
        post, ll0 = e_step(patterns, s0, t0)
        s1, t1 = m_step(patterns, post)
        post, ll1 = e_step(patterns, s1, t1)
        taken[active] += 2
        log_likelihood[active] = ll1
        done = np.abs(ll1 - ll0) <= rel_tol * np.abs(ll1)
        shares[active[done]], theta[active[done]] = s1[done], t1[done]
        converged[active[done]] = True
        best = log_likelihood[converged].max(initial=-math.inf)
        reach = ll1 + np.maximum(ll1 - ll0, 0.0) * (steps - taken[active])
        hopeless = ~done & (reach < best - REPLICATED)
        shares[active[hopeless]], theta[active[hopeless]] = s1[hopeless], t1[hopeless]
        keep = ~done & ~hopeless
        active = active[keep]
        if not len(active):
            break
        s0, t0, s1, t1, ll1 = s0[keep], t0[keep], s1[keep], t1[keep], ll1[keep]
        s2, t2 = m_step(patterns, post[:, keep])
        r_s, r_t = s1 - s0, t1 - t0
        v_s, v_t = s2 - 2 * s1 + s0, t2 - 2 * t1 + t0
        r2 = (r_s**2).sum(axis=1) + (r_t**2).sum(axis=(1, 2))
        v2 = (v_s**2).sum(axis=1) + (v_t**2).sum(axis=(1, 2))
        alpha = np.minimum(-np.sqrt(r2 / np.maximum(v2, 1e-300)), -1.0)
        a1, a2 = (-2 * alpha)[:, None], (alpha**2)[:, None]
        s3 = np.maximum(s0 + a1 * r_s + a2 * v_s, 0.0)
        t3 = np.maximum(t0 + a1[:, :, None] * r_t + a2[:, :, None] * v_t, 0.0)
        s3 /= s3.sum(axis=1, keepdims=True)
        t3 /= np.maximum(_item_sums(t3, patterns.widths), _FLOOR)
        post, ll3 = e_step(patterns, s3, t3)
        s4, t4 = m_step(patterns, post)
        taken[active] += 2
        better = ll3 >= ll1
        shares[active] = np.where(better[:, None], s4, s2)
        theta[active] = np.where(better[:, None, None], t4, t2)
    if len(active):
        _, log_likelihood[active] = e_step(patterns, shares[active], theta[active])
    return shares, theta, log_likelihood, taken, converged


def fit(
    patterns: Patterns,
    classes: int,
    rng: np.random.Generator,
    search: Search = DEFAULT,
) -> Fit:
    """Return the best K-class model found by `search` (see the module docstring): when the best
    log-likelihood of a batch of starts was reached by one run only, another batch is tried,
    up to `search.batches` in all."""
    best: Fit | None = None
    for _ in range(search.batches):
        found = _batch(patterns, classes, rng, search)
        if best is None or found.log_likelihood > best.log_likelihood:
            best, other = found, best
        else:
            other = found
        if other is not None:
            merged = np.sort(np.concatenate([best.finalists, other.finalists]))[::-1]
            best = replace(best, steps=best.steps + other.steps, finalists=merged)
        if best.replicated > 1:
            break
    assert best is not None
    return best


def _batch(patterns: Patterns, classes: int, rng: np.random.Generator, search: Search) -> Fit:
    shares, theta = random_start(rng, search.starts, classes, patterns.widths)
    spent = 0
    for steps, keep in search.rounds(patterns, classes):
        shares, theta, reached, _, _ = run(patterns, shares, theta, steps, search.rel_tol)
        best = np.argsort(-reached, kind="stable")[:keep]
        shares, theta = shares[best], theta[best]
        spent += steps * len(reached)
    finish = run_accelerated if search.accelerate else run
    shares, theta, final, steps_taken, converged = finish(
        patterns, shares, theta, search.max_steps, search.rel_tol
    )
    order = np.argsort(-final, kind="stable")
    top = order[0]
    return Fit(
        log_likelihood=float(final[top]),
        shares=shares[top],
        theta=theta[top],
        converged=bool(converged[top]),
        steps=int(steps_taken.sum()) + spent,
        finalists=final[order],
    )
