"""Bootstrap stability of a K-class model: how much of a segmentation survives refitting on
resampled respondents.

For each of B bootstrap resamples (n respondents drawn with replacement, with their weights)
the model is fitted again, the refit assigns the *original* respondents to its classes, and
that assignment is compared with the full fit's:

- the adjusted Rand index (ARI) of the two assignments, summarised by its mean and median;
- per segment of the full fit, the Jaccard index of its members with the best-matching refit
  segment, averaged over the resamples (Hennig's clusterwise stability, "clusterboot", 2007).
  Hennig reads a mean Jaccard of 0.5 or less as a segment that dissolves, 0.6–0.75 as a pattern
  without a firm boundary, above 0.75 as stable and above 0.85 as highly stable.
  clusterboot compares only the respondents drawn into a resample; a latent class model
  classifies every respondent, so here all of them are compared.

The refits use the same EM as the fit (`em`), on the distinct answer patterns: a resample
only changes how many respondents give each pattern. They take `BOOTSTRAP_STARTS` random starts
each, the best two run to a relative change of 1e-7 (no second batch of starts): the refits are
compared by their assignments, which no longer move at that precision (on the demo survey,
every K's median ARI and least Jaccard agree with refits run to 1e-8 within 0.005). On the demo
survey (1,500 respondents, 24 items) the default 20 resamples of each of K=2–6 take about 5 s
of CPU time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from sklearn.metrics import adjusted_rand_score

from samskab.segments import em
from samskab.segments.defaults import BOOTSTRAP_RESAMPLES
from samskab.segments.model import Array, ClassModel, normalised

BOOTSTRAP_STARTS = 12
BOOTSTRAP_SEARCH = em.Search(
    starts=BOOTSTRAP_STARTS, finalists=2, rel_tol=1e-7, max_steps=2000, batches=1
)
# Hennig's reading of a segment's mean Jaccard: at most 0.5 dissolves, above 0.75 is stable.
JACCARD_DISSOLVED = 0.5
JACCARD_STABLE = 0.75
Labels = npt.NDArray[np.int64]  # a class number per respondent


@dataclass(frozen=True)
class Stability:
    """Bootstrap stability of one K: per resample the ARI of the refit's assignment of the
    original respondents against the full fit's, and per segment (largest first) the mean
    Jaccard index with its best-matching refit segment."""

    resamples: int
    ari: Array  # shape (resamples,)
    jaccard: Array  # shape (K,)

    @property
    def ari_mean(self) -> float:
        """Return the mean ARI over the resamples."""
        return float(self.ari.mean())

    @property
    def ari_median(self) -> float:
        """Return the median ARI over the resamples."""
        return float(np.median(self.ari))

    @property
    def jaccard_min(self) -> float:
        """Return the mean Jaccard of the least stable segment."""
        return float(self.jaccard.min())


def bootstrap_stability(
    data: Array,
    model: ClassModel,
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = 1,
    starts: int = BOOTSTRAP_STARTS,
    weights: Array | None = None,
) -> Stability:
    """Return the stability of `model` (fitted on `data` from `item_matrix`) over `resamples`
    bootstrap refits, each the best of `starts` random starts; the same seed gives the same
    result."""
    from threadpoolctl import threadpool_limits

    if resamples < 1:
        raise ValueError("at least one resample is needed")
    rng = np.random.default_rng([seed, model.classes])
    n = len(data)
    w = normalised(weights, n)
    patterns = em.compress(data, [len(answers) for answers in model.levels], w)
    theta = np.concatenate(model.probabilities, axis=1)
    full = _labels(patterns, model.shares, theta)[patterns.inverse]
    search = replace(BOOTSTRAP_SEARCH, starts=max(1, starts))
    aris, jaccards = [], []
    with threadpool_limits(1):
        for _ in range(resamples):
            drawn = rng.integers(0, n, n)
            counts = np.bincount(patterns.inverse[drawn], None if w is None else w[drawn],
                                 minlength=patterns.size)  # fmt: skip
            resample = patterns.reweighted(counts * (n / counts.sum()))
            found = em.fit(resample, model.classes, rng, search)
            refit = _labels(patterns, found.shares, found.theta)[patterns.inverse]
            aris.append(float(adjusted_rand_score(full, refit)))
            jaccards.append(best_jaccards(full, refit, model.classes))
    return Stability(resamples, np.array(aris), np.mean(jaccards, axis=0))


def _labels(patterns: em.Patterns, shares: Array, theta: Array) -> Labels:
    """Return each pattern's most likely class under a model."""
    posterior, _ = em.e_step(patterns, shares[None], theta[None])
    labels: Labels = posterior[:, 0, :].argmax(axis=1)
    return labels


def best_jaccards(full: Labels, refit: Labels, classes: int) -> Array:
    """Return per full-fit segment 0…K−1 the Jaccard index of its members with the refit
    segment that matches them best (0 for a segment with no members)."""
    table = _contingency(full, refit, classes)
    union = table.sum(axis=1)[:, None] + table.sum(axis=0)[None, :] - table
    ratios = np.divide(table, union, out=np.zeros_like(table), where=union > 0)
    best: Array = ratios.max(axis=1)
    return best


def _contingency(first: Labels, second: Labels, size: int | None = None) -> Array:
    rows = max(int(first.max()) + 1, size or 0)
    cols = max(int(second.max()) + 1, size or 0)
    table = np.zeros((rows, cols))
    np.add.at(table, (first, second), 1.0)
    return table
