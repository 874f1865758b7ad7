"""The `samskab segments` commands: codebook, fit, profile and assign.

Only their arguments are here; what they do is in `runs`, imported when a command runs, so that
`samskab --help` does not wait for NumPy, pandas and SciPy."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path

from samskab.facts.output import FORMATS
from samskab.segments.defaults import BOOTSTRAP_RESAMPLES, STARTS


def _run(name: str) -> Callable[[argparse.Namespace], int]:
    """Return a handler that imports `runs` and calls its function `name`."""

    def handler(args: argparse.Namespace) -> int:
        function: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module("samskab.segments.runs"), name
        )
        return function(args)

    return handler


def register(top: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `samskab segments` group and its commands to the top-level commands."""
    group = top.add_parser("segments", help="segment movers from survey data").add_subparsers(
        dest="segments_command", metavar="COMMAND", required=True
    )
    codebook = group.add_parser("codebook", help="print the codebook inferred from a survey")
    _survey_arguments(codebook)
    codebook.add_argument("--format", choices=("json", "csv"), default="json",
                          help="csv: a row per answer code, for a spreadsheet")  # fmt: skip
    codebook.set_defaults(handler=_run("run_codebook"))

    fit = group.add_parser("fit", help="fit latent class models; compare K")
    _model_arguments(fit, required=True)
    fit.add_argument("--bootstrap", type=_count, default=BOOTSTRAP_RESAMPLES, metavar="N",
                     help="bootstrap resamples per K for stability (0: none; default "
                          f"{BOOTSTRAP_RESAMPLES})")  # fmt: skip
    fit.add_argument("--format", choices=FORMATS, default="table")
    fit.add_argument("--save", type=Path, metavar="FILE", help="write the recommended model")
    fit.set_defaults(handler=_run("run_fit"))

    prof = group.add_parser(
        "profile", help="profile the segments of a K-class model, fitted here or saved"
    )
    _model_arguments(prof, required=False)
    prof.add_argument("--model", type=Path, metavar="FILE",
                      help="a saved model (instead of --items and --classes)")  # fmt: skip
    prof.add_argument("--describe", type=_names, default=[], metavar="COL,COL,...")
    prof.add_argument("--names", type=_names, default=None,
                      help="segment names, largest first (kept in the saved model)")  # fmt: skip
    prof.add_argument("--correction", choices=("holm", "bh"), default="holm")
    prof.add_argument("--suppress-below", type=_count, default=None, metavar="N",
                      help='show counts below N as "<N"; hide the figures from them')  # fmt: skip
    prof.add_argument("--format", choices=FORMATS, default="table")
    prof.add_argument("--out", type=Path, metavar="DIR", help="write the tables into DIR")
    prof.set_defaults(handler=_run("run_profile"))

    assign_ = group.add_parser("assign", help="assign respondents to a saved model's segments")
    _survey_arguments(assign_)
    assign_.add_argument("--model", type=Path, required=True, metavar="FILE")
    assign_.add_argument("--format", choices=FORMATS, default="csv")
    assign_.set_defaults(handler=_run("run_assign"))


def _survey_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--survey", type=Path, required=True, metavar="FILE",
                        help="CSV, XLSX or SPSS .sav; one row per respondent")  # fmt: skip
    parser.add_argument("--codebook", type=Path, metavar="FILE",
                        help="an edited codebook (JSON or CSV) to read answers with")  # fmt: skip


def _model_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    _survey_arguments(parser)
    parser.add_argument("--items", type=_names, required=required, metavar="COL,COL,...")
    parser.add_argument("--classes", type=_classes, required=required, metavar="K|K1-K2")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--starts", type=_positive, default=STARTS,
                        help=f"random starts per K, the best run to convergence "
                             f"(default {STARTS})")  # fmt: skip
    parser.add_argument("--weights", metavar="COL", help="a column of survey weights")
    # Once needed to reach published log-likelihoods; every fit now converges that tightly.
    parser.add_argument("--precise", action="store_true", help=argparse.SUPPRESS)


def _names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("name at least one column")
    return names


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 0 or more")
    return value


def _positive(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return value


def _classes(text: str) -> list[int]:
    first, _, last = text.partition("-")
    try:
        low, high = int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not K or a range such as 2-6") from None
    if not 1 <= low <= high <= 20:
        raise argparse.ArgumentTypeError(f"'{text}': K must lie between 1 and 20, low to high")
    return list(range(low, high + 1))
