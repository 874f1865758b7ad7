"""Latent class models on a survey's segmenting items (StepMix), and the figures to choose K.

Every segmenting item is categorical for the model (a Likert item too, as in poLCA): its
observed answers are numbered 0, 1, … so that StepMix counts exactly the categories that occur.
StepMix infers an item's categories as its highest code + 1, so answers coded 1–4 fed to it
unchanged would add a phantom category 0 per item to its parameter count and so to BIC.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import logsumexp

from samskab.segments.errors import InputError, ModelError, Problem
from samskab.segments.survey import Survey

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Convergence:
    """When EM stops: on an average log-likelihood gain below abs_tol, or a relative one below
    rel_tol, or after max_iter steps."""

    abs_tol: float
    rel_tol: float
    max_iter: int


# Measured on 1,500 x 25 five-point items: 3x faster than StepMix's defaults, log-likelihoods
# within about one unit of theirs.
FAST = Convergence(abs_tol=1e-5, rel_tol=1e-7, max_iter=500)
# StepMix's defaults: needed to reproduce published log-likelihoods to the second decimal.
PRECISE = Convergence(abs_tol=1e-10, rel_tol=0.0, max_iter=1000)


@dataclass(frozen=True)
class ClassModel:
    """A fitted latent class model, classes numbered by size (class 0 the largest).

    `shares` has shape (K,); `probabilities[j]` has shape (K, len(levels[j])): the chance of
    each answer code `levels[j]` of item `items[j]` in each class.
    """

    items: tuple[str, ...]
    levels: tuple[tuple[float, ...], ...]
    shares: Array
    probabilities: tuple[Array, ...]
    log_likelihood: float
    n_parameters: int
    stepmix_n_parameters: int
    n_respondents: int
    relative_entropy: float
    converged: bool
    seed: int
    starts: int

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
            message = f"no such column in the survey (columns: {shown})"
            problems.append(Problem(survey.file, message, column=name))
            continue
        item = survey.codebook[name]
        answers = survey.answers[name].dropna().nunique()
        if not item.is_coded:
            message = f"a {item.kind} item cannot form segments; name categorical or Likert items"
            problems.append(Problem(survey.file, message, column=name))
        elif answers < 2:
            message = (
                "every respondent gives the same answer (or none), so it cannot separate segments"
            )
            problems.append(Problem(survey.file, message, column=name))
    if problems:
        raise InputError(problems)


def fit_classes(
    data: Array,
    levels: tuple[tuple[float, ...], ...],
    items: Sequence[str],
    classes: int,
    *,
    seed: int = 1,
    starts: int = 10,
    weights: Array | None = None,
    convergence: Convergence = FAST,
) -> ClassModel:
    """Return the best of `starts` EM runs of a K-class model on `data` from `item_matrix`
    (respondents with no answer at all must be left out beforehand)."""
    from stepmix.stepmix import StepMix
    from threadpoolctl import threadpool_limits

    if len(data) < 2 * classes:
        message = f"{len(data)} respondents are too few for {classes} classes"
        raise ModelError(message)
    estimator = StepMix(
        n_components=classes,
        measurement="categorical_nan",
        n_init=starts,
        random_state=seed,
        progress_bar=0,
        abs_tol=convergence.abs_tol,
        rel_tol=convergence.rel_tol,
        max_iter=convergence.max_iter,
    )
    # One BLAS thread: EM's many small matrix products run slower when threads contend.
    with warnings.catch_warnings(), threadpool_limits(1):
        warnings.simplefilter("ignore")  # non-convergence is reported in the result instead
        estimator.fit(data, sample_weight=_normalised(weights, len(data)))
    shares, probabilities = _parameters(estimator, levels)
    return _model(data, items, levels, shares, probabilities, weights, estimator, seed, starts)


def _normalised(weights: Array | None, n: int) -> Array | None:
    """Return weights scaled to average 1, so a weighted log-likelihood is on the sample's scale."""
    return None if weights is None else weights * (n / weights.sum())


def _parameters(
    estimator: object, levels: tuple[tuple[float, ...], ...]
) -> tuple[Array, tuple[Array, ...]]:
    """Return StepMix's class shares and per-item answer probabilities, largest class first."""
    params = estimator.get_parameters()  # type: ignore[attr-defined]
    shares = np.asarray(params["weights"], dtype=float)
    pis = np.asarray(params["measurement"]["pis"], dtype=float)
    width = int(params["measurement"]["max_n_outcomes"])
    order = np.argsort(-shares, kind="stable")
    per_item = tuple(
        pis[order, j * width : j * width + len(answers)] for j, answers in enumerate(levels)
    )
    return shares[order], per_item


def _model(
    data: Array,
    items: Sequence[str],
    levels: tuple[tuple[float, ...], ...],
    shares: Array,
    probabilities: tuple[Array, ...],
    weights: Array | None,
    estimator: object,
    seed: int,
    starts: int,
) -> ClassModel:
    w = _normalised(weights, len(data))
    per_respondent, posterior = log_likelihoods(data, shares, probabilities)
    log_likelihood = float(per_respondent.sum() if w is None else (w * per_respondent).sum())
    return ClassModel(
        items=tuple(items),
        levels=levels,
        shares=shares,
        probabilities=probabilities,
        log_likelihood=log_likelihood,
        n_parameters=parameter_count(len(shares), levels),
        stepmix_n_parameters=int(estimator.n_parameters),  # type: ignore[attr-defined]
        n_respondents=len(data),
        relative_entropy=relative_entropy(posterior, w),
        converged=bool(estimator.converged_),  # type: ignore[attr-defined]
        seed=seed,
        starts=starts,
    )


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


def relative_entropy(posterior: Array, weights: Array | None = None) -> float:
    """Return 1 − E / (n ln K), where E is the entropy of the class probabilities: 1 when every
    respondent belongs clearly to one class, near 0 when classes cannot be told apart."""
    n, classes = posterior.shape
    if classes < 2:
        return math.nan
    p = np.clip(posterior, 1e-15, 1.0)
    entropy = -(p * np.log(p)).sum(axis=1)
    total = entropy.sum() if weights is None else (weights * entropy).sum()
    return float(1 - total / (n * math.log(classes)))
