"""Recommending a number of segments K from the fit figures together — and leaving the choice
to the person, who sees every K's figures beside the recommendation.

The rule, in order:

1. **Candidates.** A K is a candidate when its smallest segment holds at least `MIN_SHARE` (5%)
   of the respondents — smaller is too small to act on — and, when bootstrap stability was
   measured, none of its segments dissolves under resampling (a mean Jaccard above 0.5,
   Hennig's threshold). A segment that falls apart when the sample is redrawn should not be
   offered as a target group. When no K qualifies, all are candidates, and the reason says so.
2. **Recommended:** the candidate with the lowest BIC. BIC is the criterion that best recovers
   the number of classes in simulation studies of latent class models (Nylund, Asparouhov &
   Muthén 2007), but it is conservative: it pays ln(n) for each parameter, and a categorical
   model spends (answers − 1) parameters per item on every extra class, so a real but weakly
   separated segment can cost more than it gains.
3. **Alternative:** the candidate with the lowest AIC, when that is a larger K. AIC pays 2 per
   parameter and tends to over-extract, so the number of segments the data carry usually lies
   between the BIC and the AIC choices. The alternative is reported beside the recommendation,
   with its stability, so the person can choose the finer segmentation knowingly.

Relative entropy (how clearly respondents fall into one segment) is reported with each choice,
but does not choose: it does not fall or rise steadily with K and is no test of fit. The reason
also says when BIC still falls at the largest K tried.
"""

from __future__ import annotations

from collections.abc import Sequence

from samskab.segments.model import ClassModel
from samskab.segments.stability import JACCARD_DISSOLVED, JACCARD_STABLE, Stability

MIN_SHARE = 0.05  # a segment smaller than this is too small to act on in a village cluster


def left_out(model: ClassModel, stability: Stability | None, min_share: float = MIN_SHARE) -> str:
    """Return why a K is not a candidate, or "" when it is one."""
    reasons = []
    if model.shares.min() < min_share:
        reasons.append(f"its smallest segment holds {model.shares.min():.1%} (< {min_share:.0%})")
    if stability is not None and stability.jaccard_min <= JACCARD_DISSOLVED:
        weakest = int(stability.jaccard.argmin()) + 1
        reasons.append(
            f"segment {weakest} dissolves under resampling "
            f"(mean Jaccard {stability.jaccard_min:.2f} ≤ {JACCARD_DISSOLVED})"
        )
    return "; ".join(reasons)


def recommend(
    models: Sequence[ClassModel],
    stabilities: Sequence[Stability | None],
    min_share: float = MIN_SHARE,
) -> tuple[int, int | None, str]:
    """Return the recommended K, the alternative K (or None) and the reason, by the rule in
    this module's docstring; `stabilities[i]` belongs to `models[i]` (None: not measured)."""
    pairs = list(zip(models, stabilities, strict=True))
    qualified = [(m, s) for m, s in pairs if not left_out(m, s, min_share)]
    candidates = qualified or pairs
    best, best_stability = min(candidates, key=lambda pair: pair[0].bic)
    by_aic, aic_stability = min(candidates, key=lambda pair: pair[0].aic)
    conditions = f"smallest segment at least {min_share:.0%}" + (
        ", no segment dissolving under resampling" if best_stability is not None else ""
    )
    among = f"of the candidates ({conditions})" if qualified else "of all Ks tried"
    reason = "" if qualified else f"No K meets the conditions ({conditions}). "
    reason += (
        f"K={best.classes} has the lowest BIC ({best.bic:.1f}) {among}; "
        f"relative entropy {best.relative_entropy:.2f}{_stable(best_stability)}"
    )
    alternative = by_aic.classes if by_aic.classes > best.classes else None
    if alternative is not None:
        reason += (
            f". AIC, which penalises extra segments less, prefers K={alternative} "
            f"(relative entropy {by_aic.relative_entropy:.2f}{_stable(aic_stability)}); "
            f"the data support between {best.classes} and {alternative} segments"
        )
    excluded = [(m, left_out(m, s, min_share)) for m, s in pairs]
    excluded = [(m, why) for m, why in excluded if why]
    if excluded:
        reason += ". Not candidates: " + "; ".join(f"K={m.classes}: {why}" for m, why in excluded)
    if best.classes == max(m.classes for m in models) and len(models) > 1:
        reason += ". BIC still falls at the largest K tried, so a larger K may fit better"
    return best.classes, alternative, reason


def _stable(stability: Stability | None) -> str:
    if stability is None:
        return ""
    jaccard = stability.jaccard_min
    verdict = (
        "stable"
        if jaccard > JACCARD_STABLE
        else "a pattern more than a firm segment"
        if jaccard > JACCARD_DISSOLVED
        else "dissolving"
    )
    return (
        f", bootstrap median ARI {stability.ari_median:.2f}, "
        f"least stable segment's Jaccard {jaccard:.2f} ({verdict})"
    )
