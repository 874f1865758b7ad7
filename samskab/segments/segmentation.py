"""Segmenting a survey: fit K classes (or a range), recommend a K, assign respondents, and keep
a fitted model with its codebook in a JSON file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from samskab.segments.choice import recommend
from samskab.segments.codebook import Codebook, parse_codebook
from samskab.segments.em import DEFAULT
from samskab.segments.errors import InputError, ModelError, Problem
from samskab.segments.messages import Message, render, render_all
from samskab.segments.model import (
    Array,
    ClassModel,
    fit_classes,
    item_matrix,
    log_likelihoods,
    parameter_count,
)
from samskab.segments.stability import (
    BOOTSTRAP_STARTS,
    Stability,
    bootstrap_stability,
)
from samskab.segments.survey import Survey

MODEL_FORMAT = "samskab-segments-model/1"


@dataclass(frozen=True)
class Segmentation:
    """Models for each K tried with their bootstrap stability (None when not measured), the
    recommended K, a larger alternative worth considering (or None) and why (messages), and
    notes on the fit (messages: what it left out, a K whose maximum was found once only)."""

    models: tuple[ClassModel, ...]
    recommended: int
    reasons: tuple[Message, ...]
    notes: tuple[Message, ...] = field(default_factory=tuple)
    stability: tuple[Stability | None, ...] = ()
    alternative: int | None = None

    @property
    def reason(self) -> str:
        """Return the reason for the recommendation in English."""
        return render_all(self.reasons)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Return the notes on the fit in English."""
        return tuple(render(note) for note in self.notes)

    def model(self, classes: int) -> ClassModel:
        """Return the model with `classes` classes."""
        return next(m for m in self.models if m.classes == classes)

    def stability_of(self, classes: int) -> Stability | None:
        """Return the bootstrap stability of the model with `classes` classes, or None."""
        found = dict(zip((m.classes for m in self.models), self.stability, strict=False))
        return found.get(classes)


def segment_survey(
    survey: Survey,
    items: Sequence[str],
    classes: Sequence[int],
    *,
    seed: int = 1,
    starts: int = DEFAULT.starts,
    weights: str | None = None,
    bootstrap: int = 0,
    bootstrap_starts: int = BOOTSTRAP_STARTS,
) -> Segmentation:
    """Return latent class models for each K in `classes` on the segmenting `items`, each the
    best found from `starts` random starts (`em`); `weights` names a column of survey weights.
    With `bootstrap` > 0 each K's stability is measured on that many resamples (the command
    line's default is BOOTSTRAP_RESAMPLES) and used in the recommendation; refits take
    `bootstrap_starts` starts."""
    data, levels = item_matrix(survey, items)
    answered = ~np.isnan(data).all(axis=1)
    notes = []
    if not answered.all():
        notes.append(Message("unanswered", {"count": int((~answered).sum())}))
    w = survey_weights(survey, weights)
    models = tuple(
        fit_classes(
            data[answered],
            levels,
            items,
            k,
            seed=seed,
            starts=starts,
            weights=None if w is None else w[answered],
        )
        for k in classes
    )
    for m in models:
        if not m.converged:
            notes.append(Message("not_converged", {"k": m.classes}))
        if m.replicated < 2 and m.finalists > 1 and m.classes > 1:
            notes.append(Message("not_replicated", {"k": m.classes, "finalists": m.finalists}))
    stability = tuple(
        bootstrap_stability(
            data[answered],
            model,
            resamples=bootstrap,
            seed=seed,
            starts=bootstrap_starts,
            weights=None if w is None else w[answered],
        )
        if bootstrap > 0
        else None
        for model in models
    )
    best, alternative, reasons = recommend(models, stability)
    return Segmentation(models, best, reasons, tuple(notes), stability, alternative)


def survey_weights(survey: Survey, column: str | None) -> Array | None:
    """Return the survey weights in `column`, shape (n,), or None; InputError naming the rows
    whose weight is missing, zero or negative."""
    if column is None:
        return None
    if column not in survey.codebook.names() or survey.codebook[column].kind == "text":
        raise InputError([Problem.of(survey.file, "bad_weights_column", column=column)])
    weights = survey.answers[column].to_numpy(dtype=float)
    bad = np.flatnonzero(~(weights > 0))
    if len(bad):
        problems = [
            Problem.of(survey.file, "bad_weight", row=survey.row_of(i), column=column)
            for i in bad[:10]
        ]
        raise InputError(problems)
    return weights


def assign(model: ClassModel, survey: Survey) -> pd.DataFrame:
    """Return per respondent the segment (1 = the largest, empty when no item is answered) and
    the probability of each segment (columns segment, p1 … pK)."""
    data, _ = item_matrix(survey, model.items, model.levels)
    answered = ~np.isnan(data).all(axis=1)
    _, posterior = log_likelihoods(data, model.shares, model.probabilities)
    posterior[~answered] = np.nan
    frame = pd.DataFrame(posterior, columns=[f"p{k + 1}" for k in range(model.classes)])
    segment = pd.Series(posterior.argmax(axis=1) + 1, dtype="Int64").where(pd.Series(answered))
    frame.insert(0, "segment", segment)
    return frame


@dataclass(frozen=True)
class SavedModel:
    """A fitted model as saved: the codebook it reads answers with, the segment names people
    gave (largest segment first; empty when unnamed) and the survey-weights column it was
    fitted with (None when unweighted)."""

    model: ClassModel
    codebook: Codebook
    names: tuple[str, ...] = ()
    weights: str | None = None

    def name(self, segment: int) -> str:
        """Return the name of segment 1…K, or "Segment k" when it has none."""
        return self.names[segment - 1] if segment <= len(self.names) else f"Segment {segment}"


def check_names(names: Sequence[str] | None, classes: int) -> tuple[str, ...]:
    """Return segment names for a K-class model; ModelError unless there is one per segment."""
    if not names:
        return ()
    if len(names) != classes:
        raise ModelError.of("names_per_segment", count=len(names), classes=classes)
    return tuple(names)


def save_model(saved: SavedModel, path: Path) -> None:
    """Write a fitted model, the codebook it reads answers with, its segment names and weights
    column to a JSON file."""
    model = saved.model
    document = {
        "format": MODEL_FORMAT,
        "items": list(model.items),
        "levels": [list(answers) for answers in model.levels],
        "shares": model.shares.tolist(),
        "probabilities": [table.tolist() for table in model.probabilities],
        "names": list(check_names(saved.names, model.classes)),
        "weights": saved.weights,
        "fit": {
            "log_likelihood": model.log_likelihood,
            "n_parameters": model.n_parameters,
            # The count as StepMix, which fitted models before, gave it (the same, categories
            # being numbered from 0): kept so that earlier versions read these files.
            "stepmix_n_parameters": model.n_parameters,
            "n_respondents": model.n_respondents,
            "relative_entropy": model.relative_entropy,
            "converged": model.converged,
            "seed": model.seed,
            "starts": model.starts,
        },
        # Beside "fit", whose keys earlier versions take all as they are: how the maximum was
        # searched for.
        "search": {
            "finalists": model.finalists,
            "replicated": model.replicated,
            "patterns": model.patterns,
        },
        "codebook": json.loads(saved.codebook.to_json()),
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_model(path: Path) -> SavedModel:
    """Return the model, codebook, segment names and weights column saved by `save_model`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != MODEL_FORMAT:
            raise ValueError("not a samskab segments model")
        fit = document["fit"]
        search = document.get("search") or {}  # not in files of earlier versions
        levels = tuple(tuple(float(a) for a in answers) for answers in document["levels"])
        shares = np.asarray(document["shares"], dtype=float)
        model = ClassModel(
            items=tuple(document["items"]),
            levels=levels,
            shares=shares,
            probabilities=tuple(np.asarray(t, dtype=float) for t in document["probabilities"]),
            log_likelihood=float(fit["log_likelihood"]),
            n_parameters=int(fit.get("n_parameters", parameter_count(len(shares), levels))),
            n_respondents=int(fit["n_respondents"]),
            relative_entropy=float(fit["relative_entropy"]),
            converged=bool(fit["converged"]),
            seed=int(fit["seed"]),
            starts=int(fit["starts"]),
            finalists=int(search.get("finalists", 1)),
            replicated=int(search.get("replicated", 1)),
            patterns=int(search.get("patterns", 0)),
        )
        names = tuple(str(name) for name in document.get("names") or ())
        weights = document.get("weights")
        check_names(names, model.classes)
    except (OSError, ValueError, KeyError, TypeError, ModelError) as error:
        raise ModelError.of("unreadable_model", path=str(path), reason=str(error)) from None
    codebook = parse_codebook(document["codebook"], str(path))
    return SavedModel(model, codebook, names, None if weights is None else str(weights))
