"""The `samskab segments` commands: codebook, fit, profile and assign."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from samskab.facts.output import FORMATS, print_table, records
from samskab.segments.codebook import read_codebook
from samskab.segments.describe import describe
from samskab.segments.errors import ModelError
from samskab.segments.model import FAST, PRECISE, ClassModel
from samskab.segments.profiles import profile
from samskab.segments.segmentation import (
    Segmentation,
    assign,
    load_model,
    save_model,
    segment_survey,
)
from samskab.segments.survey import Survey, read_survey


def register(top: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `samskab segments` group and its commands to the top-level commands."""
    group = top.add_parser("segments", help="segment movers from survey data").add_subparsers(
        dest="segments_command", metavar="COMMAND", required=True
    )
    codebook = group.add_parser("codebook", help="print the codebook inferred from a survey")
    _survey_arguments(codebook)
    codebook.set_defaults(handler=run_codebook)

    fit = group.add_parser("fit", help="fit latent class models; compare K")
    _model_arguments(fit)
    fit.add_argument("--format", choices=FORMATS, default="table")
    fit.add_argument("--save", type=Path, metavar="FILE", help="write the recommended model")
    fit.set_defaults(handler=run_fit)

    prof = group.add_parser("profile", help="profile the segments of a K-class model")
    _model_arguments(prof)
    prof.add_argument("--describe", type=_names, default=[], metavar="COL,COL,...")
    prof.add_argument("--names", type=_names, default=None, help="segment names, largest first")
    prof.add_argument("--correction", choices=("holm", "bh"), default="holm")
    prof.add_argument("--format", choices=FORMATS, default="table")
    prof.add_argument("--out", type=Path, metavar="DIR", help="write the tables into DIR")
    prof.set_defaults(handler=run_profile)

    assign_ = group.add_parser("assign", help="assign respondents to a saved model's segments")
    _survey_arguments(assign_)
    assign_.add_argument("--model", type=Path, required=True, metavar="FILE")
    assign_.add_argument("--format", choices=FORMATS, default="csv")
    assign_.set_defaults(handler=run_assign)


def _survey_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--survey", type=Path, required=True, metavar="FILE",
                        help="CSV, XLSX or SPSS .sav; one row per respondent")  # fmt: skip
    parser.add_argument("--codebook", type=Path, metavar="FILE",
                        help="an edited codebook (JSON) to read the answers with")  # fmt: skip


def _model_arguments(parser: argparse.ArgumentParser) -> None:
    _survey_arguments(parser)
    parser.add_argument("--items", type=_names, required=True, metavar="COL,COL,...")
    parser.add_argument("--classes", type=_classes, required=True, metavar="K|K1-K2")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--starts", type=int, default=10, help="random starts per K")
    parser.add_argument("--weights", metavar="COL", help="a column of survey weights")
    parser.add_argument("--precise", action="store_true",
                        help="EM to StepMix's strict tolerances (slower)")  # fmt: skip


def _names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("name at least one column")
    return names


def _classes(text: str) -> list[int]:
    first, _, last = text.partition("-")
    try:
        low, high = int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not K or a range such as 2-6") from None
    if not 1 <= low <= high <= 20:
        raise argparse.ArgumentTypeError(f"'{text}': K must lie between 1 and 20, low to high")
    return list(range(low, high + 1))


def _survey(args: argparse.Namespace) -> Survey:
    codebook = read_codebook(args.codebook) if args.codebook else None
    return read_survey(args.survey, codebook)


def _segment(args: argparse.Namespace, survey: Survey) -> Segmentation:
    result = segment_survey(
        survey, args.items, args.classes, seed=args.seed, starts=args.starts,
        weights=args.weights, convergence=PRECISE if args.precise else FAST,
    )  # fmt: skip
    for note in result.warnings:
        print(f"samskab: warning: {note}", file=sys.stderr)
    return result


def run_codebook(args: argparse.Namespace) -> int:
    """Print the codebook (JSON) that the survey's answers are read with."""
    print(_survey(args).codebook.to_json())
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
        frame = pd.DataFrame(summaries).drop(columns=["reason"], errors="ignore")
        frame["sizes"] = frame["sizes"].map(lambda s: " ".join(f"{x:.2f}" for x in s))
        if args.format == "table":
            frame = frame.round({"log_likelihood": 2, "bic": 1, "aic": 1, "relative_entropy": 3})
        print_table(frame, args.format, title="Latent class models")
        if args.format == "table":
            print(f"Recommended: {result.reason}")
    if args.save:
        save_model(
            result.model(result.recommended), survey.codebook.with_roles(args.items), args.save
        )
    return 0


def fit_summary(model: ClassModel, result: Segmentation) -> dict[str, object]:
    """Return the figures of one K as the contract's JSON object."""
    summary: dict[str, object] = {
        "classes": model.classes,
        "log_likelihood": round(model.log_likelihood, 4),
        "n_parameters": model.n_parameters,
        "bic": round(model.bic, 4),
        "aic": round(model.aic, 4),
        "relative_entropy": _rounded(model.relative_entropy),
        "sizes": [round(float(s), 4) for s in model.shares],
        "n_respondents": model.n_respondents,
        "converged": model.converged,
        "recommended": model.classes == result.recommended,
    }
    if model.classes == result.recommended:
        summary["reason"] = result.reason
    return summary


def _rounded(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def run_profile(args: argparse.Namespace) -> int:
    """Print (and with --out write) the profile of each segment of a K-class model."""
    if len(args.classes) != 1:
        raise ModelError("profile needs one K, e.g. --classes 4")
    survey = _survey(args)
    result = _segment(args, survey)
    model = result.model(args.classes[0])
    assigned = assign(model, survey)
    items = list(dict.fromkeys([*args.items, *args.describe]))
    table = profile(survey, assigned["segment"], items, correction=args.correction)
    placed = assigned["segment"].dropna()
    sizes = [float((placed == k).mean()) for k in range(1, model.classes + 1)]
    descriptions = describe(table, sizes, args.names)
    if args.out:
        _write_profile(args.out, table, descriptions, assigned, model, survey, args.items)
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


def _write_profile(
    out: Path,
    table: pd.DataFrame,
    descriptions: pd.DataFrame,
    assigned: pd.DataFrame,
    model: ClassModel,
    survey: Survey,
    items: list[str],
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "profile.csv", index=False, lineterminator="\n")
    descriptions.to_csv(out / "segments.csv", index=False, lineterminator="\n")
    assigned.insert(0, "row", [survey.row_of(i) for i in range(len(assigned))])
    assigned.to_csv(out / "assignments.csv", index=False, lineterminator="\n")
    save_model(model, survey.codebook.with_roles(items), out / "model.json")
    print(
        f"Wrote profile.csv, segments.csv, assignments.csv and model.json to {out}", file=sys.stderr
    )


def run_assign(args: argparse.Namespace) -> int:
    """Print each respondent's segment and segment probabilities under a saved model."""
    model, codebook = load_model(args.model)
    survey = read_survey(args.survey, read_codebook(args.codebook) if args.codebook else codebook)
    assigned = assign(model, survey)
    assigned.insert(0, "row", [survey.row_of(i) for i in range(len(assigned))])
    print_table(assigned, args.format)
    return 0
