"""Latent class models on a survey's segmenting items, and the figures to choose K.

Every segmenting item is categorical for the model (a Likert item too, as in poLCA): its
observed answers are numbered 0, 1, … so that exactly the categories that occur are counted.
The model is fitted by EM on the distinct answer patterns (`em`): many short random starts,
the best run to tight convergence, so that every K is fitted to its maximum and BIC compares
like with like.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import logsumexp

from samskab.segments import em
from samskab.segments.errors import InputError, ModelError, Problem
from samskab.segments.survey import Survey

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ClassModel:
    """A fitted latent class model, classes numbered by size (class 0 the largest).

    `shares` has shape (K,); `probabilities[j]` has shape (K, len(levels[j])): the chance of
    each answer code `levels[j]` of item `items[j]` in each class. `starts` random starts were
    tried; `finalists` of them were run to convergence, and `replicated` of those reached the
    best log-likelihood (one alone is a sign that more starts are needed).
    """

    items: tuple[str, ...]
    levels: tuple[tuple[float, ...], ...]
    shares: Array
    probabilities: tuple[Array, ...]
    log_likelihood: float
    n_parameters: int
    n_respondents: int
    relative_entropy: float
    converged: bool
    seed: int
    starts: int
    finalists: int = 1
    replicated: int = 1
    patterns: int = 0

    @property
    def classes(self) -> int:
        """Return the number of classes K."""
        return len(self.shares)

    @property
    def bic(self) -> float:
        """Return the Bayesian information criterion: −2 LL + p ln n."""
        return -2 * self.log_likelihood + self.n_parameters * math.log(self.n_respondents)

    @property
    def aic(self) -> float:
        """Return Akaike's information criterion: −2 LL + 2p."""
        return -2 * self.log_likelihood + 2 * self.n_parameters


def parameter_count(classes: int, levels: Sequence[Sequence[float]]) -> int:
    """Return the free parameters of a latent class model: K − 1 class shares, and per class
    and item one fewer answer probability than the item has categories."""
    return (classes - 1) + classes * sum(len(answers) - 1 for answers in levels)


def item_matrix(
    survey: Survey, items: Sequence[str], levels: Sequence[Sequence[float]] | None = None
) -> tuple[Array, tuple[tuple[float, ...], ...]]:
    """Return the segmenting items as an (n, items) array of category numbers 0, 1, … (NaN when
    missing), and each item's answer codes in that order. With `levels` given (a saved model),
    answers outside them count as missing."""
    _check_items(survey, items)
    columns, found = [], []
    for j, name in enumerate(items):
        codes = survey.answers[name].to_numpy(dtype=float)
        answers = (
            tuple(levels[j]) if levels is not None else tuple(np.unique(codes[~np.isnan(codes)]))
        )
        position = {code: float(i) for i, code in enumerate(answers)}
        columns.append([position.get(c, math.nan) for c in codes])
        found.append(tuple(float(a) for a in answers))
    return np.array(columns, dtype=float).T.reshape(len(survey.answers), len(items)), tuple(found)


def _check_items(survey: Survey, items: Sequence[str]) -> None:
    problems = []
    names = survey.codebook.names()
    for name in items:
        if name not in names:
            shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
            problems.append(Problem.of(survey.file, "no_such_item", column=name, columns=shown))
            continue
        item = survey.codebook[name]
        answers = survey.answers[name].dropna().nunique()
        if not item.is_coded:
            code = f"{item.kind}_cannot_segment"
            problems.append(Problem.of(survey.file, code, column=name))
        elif answers < 2:
            problems.append(Problem.of(survey.file, "same_answer", column=name))
    if problems:
        raise InputError(problems)


def fit_classes(
    data: Array,
    levels: tuple[tuple[float, ...], ...],
    items: Sequence[str],
    classes: int,
    *,
    seed: int = 1,
    starts: int = em.DEFAULT.starts,
    weights: Array | None = None,
) -> ClassModel:
    """Return the best K-class model on `data` from `item_matrix` found from `starts` random
    starts (respondents with no answer at all must be left out beforehand); `weights` are
    survey weights, scaled to average 1 so that the log-likelihood is on the sample's scale."""
    from threadpoolctl import threadpool_limits

    if len(data) < 2 * classes:
        raise ModelError.of("too_few_respondents", count=len(data), classes=classes)
    widths = [len(answers) for answers in levels]
    patterns = em.compress(data, widths, normalised(weights, len(data)))
    search = em.Search(starts=max(1, starts))
    # One BLAS thread: EM's many small matrix products run slower when threads contend.
    with threadpool_limits(1):
        found = em.fit(patterns, classes, np.random.default_rng([seed, classes]), search)
        posterior, _ = em.e_step(patterns, found.shares[None], found.theta[None])
    order = np.argsort(-found.shares, kind="stable")
    bounds = np.cumsum([0, *widths])
    theta = found.theta[order]
    return ClassModel(
        items=tuple(items),
        levels=levels,
        shares=found.shares[order],
        probabilities=tuple(theta[:, low:high] for low, high in itertools.pairwise(bounds)),
        log_likelihood=found.log_likelihood,
        n_parameters=parameter_count(classes, levels),
        n_respondents=len(data),
        relative_entropy=relative_entropy(posterior[:, 0, :], patterns.counts, len(data)),
        converged=found.converged,
        seed=seed,
        starts=search.starts,
        finalists=len(found.finalists),
        replicated=found.replicated,
        patterns=patterns.size,
    )


def normalised(weights: Array | None, n: int) -> Array | None:
    """Return weights scaled to average 1, so a weighted log-likelihood is on the sample's scale."""
    return None if weights is None else weights * (n / weights.sum())


def log_likelihoods(
    data: Array, shares: Array, probabilities: Sequence[Array]
) -> tuple[Array, Array]:
    """Return each respondent's log-likelihood, shape (n,), and class probabilities, shape
    (n, K); a missing answer leaves the item out of that respondent's likelihood."""
    joint = np.tile(np.log(shares), (len(data), 1))
    for j, table in enumerate(probabilities):
        observed = ~np.isnan(data[:, j])
        answers = data[observed, j].astype(int)
        joint[observed] += np.log(np.clip(table[:, answers].T, 1e-300, None))
    total = logsumexp(joint, axis=1)
    return total, np.exp(joint - total[:, None])


def relative_entropy(posterior: Array, weights: Array | None = None, n: int | None = None) -> float:
    """Return 1 − E / (n ln K), where E is the entropy of the class probabilities: 1 when every
    respondent belongs clearly to one class, near 0 when classes cannot be told apart. With
    `weights`, row i of `posterior` stands for weights[i] respondents (of `n` in all)."""
    rows, classes = posterior.shape
    if classes < 2:
        return math.nan
    p = np.clip(posterior, 1e-15, 1.0)
    entropy = -(p * np.log(p)).sum(axis=1)
    total = entropy.sum() if weights is None else (weights * entropy).sum()
    return float(1 - total / ((rows if n is None else n) * math.log(classes)))
