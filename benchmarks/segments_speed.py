"""How fast and how well samskab fits latent class models, against a plain numpy EM.

The reference is EM as poLCA runs it, written plainly in numpy: 20 random starts per K (answer
probabilities uniform draws normalised per class and item, equal class shares), each run alone
on the distinct answer patterns with their counts until the log-likelihood changes by at most
1e-10 (relative) in a step, or 10,000 steps; the best of the 20 is kept. samskab's default fit
(`samskab.segments.model.fit_classes`: many short starts advanced together, the best run to the
same convergence) is timed on the same data. Both are timed in CPU seconds of this process and
in wall seconds (the machine may be shared: the load average is printed).

Surveys:

- a survey shaped like poLCA's gss82 (1,202 respondents, 4 items of 3, 2, 2 and 3 answers,
  three planted classes), generated here; K=2–4;
- poLCA's carcinoma and election data from ../shared/data/polca/ when present (election on
  its 1,311 complete cases, as poLCA's documentation fits it); K=2–4;
- the demo movers' survey (`samskab demo-data`: 1,500 respondents, 24 items); K=2–6, as
  `samskab segments fit` runs it with and without the bootstrap stability check;
- 1,500 respondents × 25 five-point items from four planted classes, generated here; K=2–6,
  samskab's default fit only (target: under 20 s).

    .venv/bin/python benchmarks/segments_speed.py [--skip-demo]
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from samskab.segments import em
from samskab.segments.demo_survey import simulate_survey, write_demo_survey
from samskab.segments.model import Array, fit_classes, item_matrix
from samskab.segments.segmentation import segment_survey
from samskab.segments.stability import BOOTSTRAP_RESAMPLES
from samskab.segments.survey import read_survey

POLCA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polca"
ELECTION = ["MORALG", "CARESG", "KNOWG", "LEADG", "DISHONG", "INTELG",
            "MORALB", "CARESB", "KNOWB", "LEADB", "DISHONB", "INTELB"]  # fmt: skip
REFERENCE_STARTS = 20
# poLCA's documented maxima (help pages of carcinoma and election).
PUBLISHED = {
    "carcinoma": {2: -317.2568, 3: -293.705, 4: -289.2858},
    "election": {2: -17344.92, 3: -16714.66},
}


def reference_em(
    onehot: Array, counts: Array, widths: Sequence[int], classes: int, rng: np.random.Generator
) -> float:
    """Return the best log-likelihood of REFERENCE_STARTS plain EM runs, one after another."""
    bounds = np.cumsum([0, *widths])
    best = -math.inf
    for _ in range(REFERENCE_STARTS):
        theta = rng.uniform(size=(classes, onehot.shape[1]))
        for low, high in itertools.pairwise(bounds):
            theta[:, low:high] /= theta[:, low:high].sum(axis=1, keepdims=True)
        shares = np.full(classes, 1 / classes)
        previous = -math.inf
        for _ in range(10_000):
            joint = onehot @ np.log(np.maximum(theta, 1e-300)).T + np.log(shares)
            top = joint.max(axis=1, keepdims=True)
            posterior = np.exp(joint - top)
            total = posterior.sum(axis=1, keepdims=True)
            posterior /= total
            log_likelihood = float(counts @ (np.log(total[:, 0]) + top[:, 0]))
            if abs(log_likelihood - previous) <= 1e-10 * abs(log_likelihood):
                break
            previous = log_likelihood
            weighted = posterior * counts[:, None]
            shares = weighted.sum(axis=0) / counts.sum()
            answers = weighted.T @ onehot
            for low, high in itertools.pairwise(bounds):
                block = answers[:, low:high]
                theta[:, low:high] = block / np.maximum(block.sum(axis=1, keepdims=True), 1e-300)
        best = max(best, log_likelihood)
    return best


def gss_like(seed: int = 1982) -> tuple[Array, tuple[tuple[float, ...], ...]]:
    """Return 1,202 respondents' answers to 4 items of 3, 2, 2 and 3 answers from 3 classes."""
    rng = np.random.default_rng(seed)
    widths = (3, 2, 2, 3)
    truth = rng.choice(3, size=1202, p=[0.62, 0.17, 0.21])
    columns = []
    for width in widths:
        tables = rng.dirichlet(np.full(width, 0.7), size=3)
        cumulative = tables[truth].cumsum(axis=1)
        columns.append((rng.random(len(truth))[:, None] > cumulative).sum(axis=1))
    levels = tuple(tuple(float(i) for i in range(width)) for width in widths)
    return np.array(columns, dtype=float).T, levels


def timed(function: Callable[[], object]) -> tuple[object, float, float]:
    """Return a call's result, CPU seconds and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = function()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def compare(name: str, data: Array, levels: tuple[tuple[float, ...], ...], ks: range) -> None:
    """Print samskab's default fit beside the reference EM for each K."""
    widths = [len(answers) for answers in levels]
    patterns = em.compress(data, widths)
    print(f"\n{name}: {len(data)} respondents, {patterns.size} distinct answer patterns")
    print(
        f"{'K':>2} {'samskab LL':>12} {'reference LL':>13} {'published':>10} "
        f"{'samskab s (cpu/wall)':>21} {'reference s (cpu/wall)':>23} {'best by':>8}"
    )
    totals = np.zeros(4)
    for k in ks:
        model, cpu, wall = timed(lambda k=k: fit_classes(data, levels, [], k))
        with threadpool_limits(1):
            rng = np.random.default_rng([7, k])
            reference, ref_cpu, ref_wall = timed(
                lambda k=k, rng=rng: reference_em(patterns.onehot, patterns.counts, widths, k, rng)
            )
        published = PUBLISHED.get(name.split(" ")[0], {}).get(k)
        shown = "" if published is None else f"{published:.4f}"
        print(f"{k:>2} {model.log_likelihood:>12.4f} {reference:>13.4f} {shown:>10} "  # type: ignore[attr-defined]
              f"{cpu:>10.2f}/{wall:<10.2f} {ref_cpu:>11.2f}/{ref_wall:<11.2f} "
              f"{model.replicated:>3}/{model.finalists:<4}")  # type: ignore[attr-defined]  # fmt: skip
        totals += (cpu, wall, ref_cpu, ref_wall)
    print(f"   total: samskab {totals[0]:.2f} s cpu / {totals[1]:.2f} s wall; "
          f"reference {totals[2]:.2f} s cpu / {totals[3]:.2f} s wall")  # fmt: skip


def demo_times(folder: Path) -> None:
    """Print the time of a fit of K=2–6 on the demo survey, without and with the bootstrap."""
    survey = read_survey(write_demo_survey(folder / "survey.csv"))
    items = simulate_survey(respondents=10).segmenting_items
    print(f"\nDemo survey: {len(survey.answers)} respondents x {len(items)} items, K=2-6")
    for bootstrap in (0, BOOTSTRAP_RESAMPLES):
        result, cpu, wall = timed(
            lambda b=bootstrap: segment_survey(survey, items, range(2, 7), bootstrap=b)
        )
        lls = ", ".join(f"{m.log_likelihood:.1f}" for m in result.models)  # type: ignore[attr-defined]
        print(f"  bootstrap {bootstrap:>2}: {cpu:.1f} s cpu, {wall:.1f} s wall; "
              f"log-likelihoods {lls}")  # fmt: skip


def likert_times(respondents: int = 1500, items: int = 25, seed: int = 25) -> None:
    """Print the CPU time of samskab's default fit of K=2–6 on five-point items answered by
    four planted classes (shares 40/25/20/15 %, each class leaning to its own answers)."""
    rng = np.random.default_rng(seed)
    classes = rng.choice(4, size=respondents, p=[0.4, 0.25, 0.2, 0.15])
    leaning = rng.dirichlet(np.ones(5) * 0.7, size=(4, items))  # class × item × answer
    # Answers as the model reads them: the position of the answer among the item's five.
    data = np.array([[rng.choice(5, p=leaning[c, i]) for i in range(items)]
                     for c in classes], dtype=float)  # fmt: skip
    levels = tuple((0.0, 1.0, 2.0, 3.0, 4.0) for _ in range(items))
    print(f"\n{respondents} respondents x {items} five-point items, K=2-6 (target: under 20 s)")
    total_cpu = total_wall = 0.0
    for k in range(2, 7):
        model, cpu, wall = timed(lambda k=k: fit_classes(data, levels, [], k))
        total_cpu, total_wall = total_cpu + cpu, total_wall + wall
        print(f"  K={k}: log-likelihood {model.log_likelihood:.1f}, {cpu:.1f} s cpu")  # type: ignore[attr-defined]
    print(f"  total: {total_cpu:.1f} s cpu, {total_wall:.1f} s wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-demo", action="store_true", help="only the poLCA-sized surveys")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    compare("gss82-shaped survey", *gss_like(), range(2, 5))
    if (POLCA / "carcinoma.csv").is_file():
        survey = read_survey(POLCA / "carcinoma.csv")
        compare("carcinoma", *item_matrix(survey, list("ABCDEFG")), range(2, 5))
    if (POLCA / "election.csv").is_file():
        survey = read_survey(POLCA / "election.csv")
        data, levels = item_matrix(survey, ELECTION)
        compare("election (complete cases)", data[~np.isnan(data).any(axis=1)], levels,
                range(2, 5))  # fmt: skip
    if not args.skip_demo:
        with tempfile.TemporaryDirectory() as folder:
            demo_times(Path(folder))
    likert_times()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
