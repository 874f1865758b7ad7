"""Running a fit away from the request: the computation touches files only, never the database.

`compute` reads the survey, fits every K, saves each model and writes `results.json` (or
`error.txt`) into the fit's folder, atomically. The job (`tasks.fit_segments`) or the caller
itself (the demo) then reads that file back into the database (`actions.refresh_fit`), so every
way of running a fit ends in the same state. A fit takes 5–40 s on 1,500 respondents, too long
for a request: the pages queue it as a job on the fits queue.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samskab.facts.errors import FactsError, error_json
from samskab.segments.choice import left_out, left_out_messages
from samskab.segments.codebook import Codebook
from samskab.segments.model import ClassModel
from samskab.segments.segmentation import SavedModel, Segmentation, save_model, segment_survey
from samskab.segments.stability import Stability
from samskab.segments.survey import read_survey

RESULTS_FILE = "results.json"
INTERNAL_ERROR = "internal error"  # as Fit.INTERNAL_ERROR
ERROR_FILE = "error.txt"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FitJob:
    """Everything a fit needs, as plain values: no model instance crosses into the thread."""

    survey_path: Path
    codebook: Codebook
    items: tuple[str, ...]
    classes: tuple[int, ...]
    bootstrap: int
    seed: int
    folder: Path


def compute(job: FitJob) -> None:
    """Fit the job's models and write their figures, or the reason it failed, to its folder."""
    job.folder.mkdir(parents=True, exist_ok=True)
    try:
        survey = read_survey(job.survey_path, job.codebook)
        result = segment_survey(
            survey, job.items, job.classes, seed=job.seed, bootstrap=job.bootstrap
        )
        codebook = survey.codebook.with_roles(job.items)
        for model in result.models:
            save_model(SavedModel(model, codebook), job.folder / f"model-{model.classes}.json")
        _write(job.folder / RESULTS_FILE, json.dumps(summary(result), allow_nan=False))
    except FactsError as error:
        _write(job.folder / ERROR_FILE, error_json(error))
    except Exception:  # a job's failure must still reach the page
        log.exception("segments fit failed")
        _write(job.folder / ERROR_FILE, INTERNAL_ERROR)


def _write(path: Path, text: str) -> None:
    """Write a file whole or not at all: the pages may read it at any moment."""
    partial = path.with_suffix(".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def summary(result: Segmentation) -> dict[str, Any]:
    """Return the figures the pages compare K by, per K, and the recommendation; the reason
    and the notes both in English and as messages, which the pages render in the user's
    language (`services.fit_texts`)."""
    return {
        "models": [
            _model_summary(model, result.stability_of(model.classes)) for model in result.models
        ],
        "recommended": result.recommended,
        "alternative": result.alternative,
        "reason": result.reason,
        "reason_messages": [message.to_json() for message in result.reasons],
        "warnings": list(result.warnings),
        "warning_messages": [message.to_json() for message in result.notes],
    }


def _model_summary(model: ClassModel, stability: Stability | None) -> dict[str, Any]:
    return {
        "classes": model.classes,
        "log_likelihood": model.log_likelihood,
        "n_parameters": model.n_parameters,
        "bic": model.bic,
        "aic": model.aic,
        "relative_entropy": model.relative_entropy,
        "sizes": model.shares.tolist(),
        "respondents": model.n_respondents,
        "converged": model.converged,
        "ari_median": None if stability is None else stability.ari_median,
        "jaccard_min": None if stability is None else stability.jaccard_min,
        "left_out": left_out(model, stability),
        "left_out_messages": [m.to_json() for m in left_out_messages(model, stability)],
        "replicated": model.replicated,
        "finalists": model.finalists,
    }
