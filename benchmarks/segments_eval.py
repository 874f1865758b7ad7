"""Evaluate the segmentation on generated movers' surveys with planted segments.

For each seed a survey like the demo's (1,500 respondents, 24 segmenting items — 23 five-point
Likert items and one six-way categorical — 5% missing, 4 planted segments of unequal size that
differ on their key items by 20–30 percentage points) is generated, and the adjusted Rand index
against the planted segments is printed for

(a) samskab: a 4-class latent class model (the default search: 120 random starts, the best run
    to convergence),
(b) the best possible: each respondent assigned by the true generating parameters,
(c) a baseline: k-modes (k-prototypes without numeric items) on the same items, with a
    missing answer as a category of its own,

with the time of each fit. Then one fit of K=2–6 on the demo survey is timed, as a user runs
it, without and with the bootstrap stability (20 resamples), and every K's figures are printed
with its ARI against the planted segments, to show how the recommendation relates to them.
Targets: median (a)/(b) ≥ 0.9, minimum ≥ 0.8, (a) above (c) on every seed, K=2–6 under 20 s.

    .venv/bin/python benchmarks/segments_eval.py [--seeds 20] [--first-seed 1]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from kmodes.kmodes import KModes
from sklearn.metrics import adjusted_rand_score

from samskab.segments.demo_survey import simulate_survey, write_demo_survey
from samskab.segments.model import item_matrix, log_likelihoods
from samskab.segments.segmentation import assign, segment_survey
from samskab.segments.stability import BOOTSTRAP_RESAMPLES
from samskab.segments.survey import read_survey


def evaluate(seed: int, folder: Path) -> dict[str, float]:
    """Return the ARIs of samskab, the oracle and k-modes on one generated survey, and times."""
    planted = simulate_survey(seed=seed)
    survey = read_survey(write_demo_survey(folder / f"survey{seed}.csv", seed=seed))
    items = planted.segmenting_items
    start = time.perf_counter()
    model = segment_survey(survey, items, [4], seed=seed).model(4)
    fit_seconds = time.perf_counter() - start
    ours = assign(model, survey)["segment"].to_numpy()
    data, _ = item_matrix(survey, items)
    _, truth = log_likelihoods(data, planted.shares, [planted.probabilities[i] for i in items])
    start = time.perf_counter()
    codes = np.nan_to_num(data, nan=-1).astype(int)  # missing as its own category
    baseline = KModes(n_clusters=4, init="Huang", n_init=5, random_state=seed).fit_predict(codes)
    baseline_seconds = time.perf_counter() - start
    return {
        "samskab": adjusted_rand_score(planted.segment, ours),
        "oracle": adjusted_rand_score(planted.segment, truth.argmax(axis=1)),
        "kmodes": adjusted_rand_score(planted.segment, baseline),
        "fit_s": fit_seconds,
        "kmodes_s": baseline_seconds,
    }


def time_range(folder: Path) -> None:
    """Print the seconds one fit of K=2–6 takes on the demo survey, without and with the
    bootstrap, every K's figures and ARI against the planted segments, and the recommendation."""
    planted = simulate_survey()
    survey = read_survey(write_demo_survey(folder / "demo.csv"))
    items = planted.segmenting_items
    start = time.perf_counter()
    segment_survey(survey, items, range(2, 7))
    plain = time.perf_counter() - start
    start = time.perf_counter()
    result = segment_survey(survey, items, range(2, 7), bootstrap=BOOTSTRAP_RESAMPLES)
    with_bootstrap = time.perf_counter() - start
    data, _ = item_matrix(survey, items)
    _, truth = log_likelihoods(data, planted.shares, [planted.probabilities[i] for i in items])
    oracle = adjusted_rand_score(planted.segment, truth.argmax(axis=1))
    print(f"\nDemo survey (seed 2016), K=2-6; oracle ARI {oracle:.3f}")
    print(
        "K   BIC       AIC       rel.ent  smallest  boot ARI  Jaccard per segment      ARI planted"
    )
    for model, stability in zip(result.models, result.stability, strict=True):
        assert stability is not None
        fitted = assign(model, survey)["segment"].to_numpy()
        jaccards = " ".join(f"{j:.2f}" for j in stability.jaccard)
        print(
            f"{model.classes}  {model.bic:9.1f} {model.aic:9.1f}  {model.relative_entropy:7.3f}"
            f"  {model.shares.min():8.3f}  {stability.ari_median:8.3f}  {jaccards:<23}"
            f"  {adjusted_rand_score(planted.segment, fitted):.3f}"
        )
    print(f"recommended K={result.recommended}, alternative K={result.alternative}")
    print(f"  ({result.reason})")
    print(
        f"one fit of K=2-6 on the demo survey: {plain:.1f} s; with {BOOTSTRAP_RESAMPLES} "
        f"bootstrap resamples per K: {with_bootstrap:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=1)
    args = parser.parse_args()
    rows = []
    print("seed  ARI samskab  ARI oracle  ratio  ARI k-modes  fit s  k-modes s")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            row = evaluate(seed, Path(tmp))
            rows.append(row)
            print(
                f"{seed:4d}  {row['samskab']:11.3f}  {row['oracle']:10.3f}  "
                f"{row['samskab'] / row['oracle']:5.3f}  {row['kmodes']:11.3f}  "
                f"{row['fit_s']:5.1f}  {row['kmodes_s']:9.1f}"
            )
        ratios = [r["samskab"] / r["oracle"] for r in rows]
        print(f"median ratio {statistics.median(ratios):.3f}, minimum {min(ratios):.3f}")
        wins = sum(r["samskab"] > r["kmodes"] for r in rows)
        print(f"samskab above k-modes on {wins}/{len(rows)}")
        median = statistics.median(r["fit_s"] for r in rows)
        print(f"median fit (K=4, default search) {median:.1f} s")
        time_range(Path(tmp))


if __name__ == "__main__":
    main()
