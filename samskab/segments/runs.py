"""What the `samskab segments` commands do (their arguments are in `commands`)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from samskab.common.texts import cli_language
from samskab.facts.output import print_table, records
from samskab.segments.choice import left_out
from samskab.segments.codebook import read_codebook
from samskab.segments.describe import describe
from samskab.segments.errors import ModelError
from samskab.segments.messages import catalogue, render, render_all
from samskab.segments.model import ClassModel
from samskab.segments.profiles import hidden_segments, profile, segment_sizes
from samskab.segments.segmentation import (
    SavedModel,
    Segmentation,
    assign,
    check_names,
    load_model,
    save_model,
    segment_survey,
    survey_weights,
)
from samskab.segments.stability import Stability
from samskab.segments.survey import Survey, read_survey


def _survey(args: argparse.Namespace) -> Survey:
    codebook = read_codebook(args.codebook) if args.codebook else None
    return read_survey(args.survey, codebook)


def _segment(args: argparse.Namespace, survey: Survey) -> Segmentation:
    result = segment_survey(
        survey, args.items, args.classes, seed=args.seed, starts=args.starts,
        weights=args.weights, bootstrap=getattr(args, "bootstrap", 0),
    )  # fmt: skip
    language = cli_language()
    for note in result.notes:
        print(f"samskab: warning: {render(note, language, catalogue(language))}", file=sys.stderr)
    return result


def run_codebook(args: argparse.Namespace) -> int:
    """Print the codebook (JSON or CSV) that the survey's answers are read with."""
    codebook = _survey(args).codebook
    sys.stdout.write(codebook.to_json() + "\n" if args.format == "json" else codebook.to_csv())
    return 0


def run_fit(args: argparse.Namespace) -> int:
    """Print the fit figures per K and the recommended K."""
    survey = _survey(args)
    result = _segment(args, survey)
    summaries = [fit_summary(m, result) for m in result.models]
    if args.format == "json":
        document = summaries[0] if len(summaries) == 1 else summaries
        print(json.dumps(document, indent=2, allow_nan=False))
    else:
        print_table(_fit_table(summaries, args.format), args.format, title="Latent class models")
        if args.format == "table":
            language = cli_language()
            print(f"Recommended: {render_all(result.reasons, language, catalogue(language))}")
    if args.save:
        model = result.model(result.recommended)
        codebook = survey.codebook.with_roles(args.items)
        save_model(SavedModel(model, codebook, weights=args.weights), args.save)
    return 0


def _fit_table(summaries: list[dict[str, Any]], form: str) -> pd.DataFrame:
    """Return the per-K figures flat, one row per K: all of them for CSV, the ones to compare
    K by for a table that fits a terminal."""
    rows = []
    for summary in summaries:
        stability = summary["stability"]
        if form == "table":
            row = {
                "K": summary["classes"],
                "log-lik": round(summary["log_likelihood"], 1),
                "BIC": round(summary["bic"], 1),
                "AIC": round(summary["aic"], 1),
                "entropy": round(summary["relative_entropy"] or math.nan, 3),
                "smallest": f"{min(summary['sizes']):.1%}",
                # How many of the starts run to convergence reached the best log-likelihood.
                "replicated": f"{summary['replicated']}/{summary['finalists']}",
            }
            if stability:
                row["ARI"] = round(stability["ari_median"], 3)  # median over the resamples
                row["Jaccard"] = round(stability["jaccard_min"], 2)  # least stable segment
            row["choice"] = _choice(summary)
        else:
            row = {
                k: v
                for k, v in summary.items()
                if k not in ("reason", "reason_messages", "stability")
            }
            row["sizes"] = " ".join(f"{x:.4f}" for x in summary["sizes"])
            if stability:
                row["ari_mean"] = stability["ari_mean"]
                row["ari_median"] = stability["ari_median"]
                row["jaccard"] = " ".join(f"{x:.4f}" for x in stability["jaccard"])
        rows.append(row)
    return pd.DataFrame(rows)


def _choice(summary: dict[str, Any]) -> str:
    if summary["recommended"]:
        return "recommended"
    if summary["alternative"]:
        return "alternative"
    return "left out" if summary["left_out"] else ""


def fit_summary(model: ClassModel, result: Segmentation) -> dict[str, Any]:
    """Return the figures of one K as the contract's JSON object."""
    summary: dict[str, Any] = {
        "classes": model.classes,
        "log_likelihood": round(model.log_likelihood, 4),
        "n_parameters": model.n_parameters,
        "bic": round(model.bic, 4),
        "aic": round(model.aic, 4),
        "relative_entropy": _rounded(model.relative_entropy),
        "sizes": [round(float(s), 4) for s in model.shares],
        "n_respondents": model.n_respondents,
        "converged": model.converged,
        "stability": _stability_json(result.stability_of(model.classes)),
        "starts": model.starts,
        "replicated": model.replicated,
        "finalists": model.finalists,
        "left_out": left_out(model, result.stability_of(model.classes)) or None,
        "recommended": model.classes == result.recommended,
        "alternative": model.classes == result.alternative,
    }
    if model.classes == result.recommended:
        summary["reason"] = result.reason
        summary["reason_messages"] = [message.to_json() for message in result.reasons]
    return summary


def _stability_json(stability: Stability | None) -> dict[str, object] | None:
    if stability is None:
        return None
    return {
        "resamples": stability.resamples,
        "ari_mean": round(stability.ari_mean, 4),
        "ari_median": round(stability.ari_median, 4),
        "jaccard": [round(float(j), 4) for j in stability.jaccard],
        "jaccard_min": round(stability.jaccard_min, 4),
    }


def _rounded(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def run_profile(args: argparse.Namespace) -> int:
    """Print (and with --out write) the profile of each segment of a K-class model: a saved
    one (--model), or one fitted here (--items and --classes)."""
    saved, survey = _profiled_model(args)
    model = saved.model
    assigned = assign(model, survey)
    weights = survey_weights(survey, saved.weights)
    items = list(dict.fromkeys([*model.items, *args.describe]))
    table = profile(survey, assigned["segment"], items, correction=args.correction,
                    weights=weights, suppress_below=args.suppress_below)  # fmt: skip
    sizes: list[float | None] = list(_sizes(assigned["segment"], weights, model.classes))
    if args.suppress_below:
        exact = profile(survey, assigned["segment"], items, weights=weights)
        hidden = hidden_segments(segment_sizes(exact), args.suppress_below)
        sizes = [None if k in hidden else size for k, size in enumerate(sizes, start=1)]
    descriptions = describe(table, sizes, [saved.name(k) for k in range(1, model.classes + 1)])
    if args.out:
        _write_profile(args.out, table, descriptions, assigned, saved, survey)
    if args.format == "table":
        shown = descriptions.drop(columns=["description_da"]).round({"share": 3})
        print_table(shown, "table", title="Segments")
        notable = table[table["notable"]].drop(columns=["question", "code", "notable", "p_value"])
        notable = notable.round({"segment_value": 3, "total_value": 3, "difference": 3, "index": 0})
        notable["p_adjusted"] = notable["p_adjusted"].map(lambda p: f"{p:.1e}")
        print_table(notable, "table", title="Notable differences (large and significant)")
    elif args.format == "json":
        document = {"segments": records(descriptions), "profile": records(table)}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print_table(table, "csv")
    return 0


def _profiled_model(args: argparse.Namespace) -> tuple[SavedModel, Survey]:
    """Return the model to profile with its names and weights column, and the survey."""
    if args.model:
        if args.items or args.classes:
            raise ModelError.of("model_or_items")
        saved = load_model(args.model)
        codebook = read_codebook(args.codebook) if args.codebook else saved.codebook
        survey = read_survey(args.survey, codebook)
        names = check_names(args.names, saved.model.classes) or saved.names
        weights = args.weights or saved.weights
        return SavedModel(saved.model, saved.codebook, names, weights), survey
    if not args.items or not args.classes:
        raise ModelError.of("profile_needs_model")
    if len(args.classes) != 1:
        raise ModelError.of("profile_needs_one_k")
    survey = _survey(args)
    model = _segment(args, survey).model(args.classes[0])
    codebook = survey.codebook.with_roles(args.items)
    return SavedModel(model, codebook, check_names(args.names, model.classes), args.weights), survey


def _sizes(segments: pd.Series, weights: np.ndarray | None, classes: int) -> list[float]:
    """Return each segment's (weighted) share of the respondents placed in a segment."""
    placed = segments.notna().to_numpy(dtype=bool)
    w = np.ones(len(segments)) if weights is None else weights
    labels = segments.to_numpy(dtype=float)
    total = w[placed].sum()
    return [float(w[labels == k].sum() / total) for k in range(1, classes + 1)]


def _write_profile(
    out: Path,
    table: pd.DataFrame,
    descriptions: pd.DataFrame,
    assigned: pd.DataFrame,
    saved: SavedModel,
    survey: Survey,
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "profile.csv", index=False, lineterminator="\n")
    descriptions.to_csv(out / "segments.csv", index=False, lineterminator="\n")
    assigned = _named(assigned, saved)
    assigned.insert(0, "row", [survey.row_of(i) for i in range(len(assigned))])
    assigned.to_csv(out / "assignments.csv", index=False, lineterminator="\n")
    save_model(saved, out / "model.json")
    print(
        f"Wrote profile.csv, segments.csv, assignments.csv and model.json to {out}", file=sys.stderr
    )


def _named(assigned: pd.DataFrame, saved: SavedModel) -> pd.DataFrame:
    """Return the assignments with a column of segment names after `segment`, when named."""
    if not saved.names:
        return assigned
    names = assigned["segment"].map(lambda k: saved.name(int(k)), na_action="ignore")
    assigned = assigned.copy()
    assigned.insert(1, "name", names)
    return assigned


def run_assign(args: argparse.Namespace) -> int:
    """Print each respondent's segment (and its name) and segment probabilities under a saved
    model."""
    saved = load_model(args.model)
    codebook = read_codebook(args.codebook) if args.codebook else saved.codebook
    survey = read_survey(args.survey, codebook)
    assigned = _named(assign(saved.model, survey), saved)
    assigned.insert(0, "row", [survey.row_of(i) for i in range(len(assigned))])
    print_table(assigned, args.format)
    return 0
