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

The reason is a sequence of messages (`messages`: a code and its figures), so that the command
line prints it in English and the web application in the user's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from samskab.segments.messages import Message, render_all
from samskab.segments.model import ClassModel
from samskab.segments.stability import JACCARD_DISSOLVED, JACCARD_STABLE, Stability

MIN_SHARE = 0.05  # a segment smaller than this is too small to act on in a village cluster
# A note on why a K is left out, as a sentence of the reason that names the K.
_IN_REASON = {"small_segment": "left_out_small", "dissolves": "left_out_dissolves"}


def left_out_messages(
    model: ClassModel, stability: Stability | None, min_share: float = MIN_SHARE
) -> tuple[Message, ...]:
    """Return why a K is not a candidate (codes small_segment, dissolves); empty when it is one."""
    reasons = []
    if model.shares.min() < min_share:
        params = {"share": float(model.shares.min()), "min_share": min_share}
        reasons.append(Message("small_segment", params))
    if stability is not None and stability.jaccard_min <= JACCARD_DISSOLVED:
        params = {
            "segment": int(stability.jaccard.argmin()) + 1,
            "jaccard": stability.jaccard_min,
            "threshold": JACCARD_DISSOLVED,
        }
        reasons.append(Message("dissolves", params))
    return tuple(reasons)


def left_out(model: ClassModel, stability: Stability | None, min_share: float = MIN_SHARE) -> str:
    """Return why a K is not a candidate in English, or "" when it is one."""
    return render_all(left_out_messages(model, stability, min_share), separator="; ")


def recommend(
    models: Sequence[ClassModel],
    stabilities: Sequence[Stability | None],
    min_share: float = MIN_SHARE,
) -> tuple[int, int | None, tuple[Message, ...]]:
    """Return the recommended K, the alternative K (or None) and the reason as messages, by the
    rule in this module's docstring; `stabilities[i]` belongs to `models[i]` (None: not
    measured)."""
    pairs = list(zip(models, stabilities, strict=True))
    qualified = [(m, s) for m, s in pairs if not left_out_messages(m, s, min_share)]
    candidates = qualified or pairs
    best, best_stability = min(candidates, key=lambda pair: pair[0].bic)
    by_aic, aic_stability = min(candidates, key=lambda pair: pair[0].aic)
    measured = best_stability is not None
    reason: list[Message] = []
    if not qualified:
        reason.append(Message("no_candidates_stable" if measured else "no_candidates",
                              {"min_share": min_share}))  # fmt: skip
    code = "lowest_bic_all" if not qualified else "lowest_bic_stable" if measured else "lowest_bic"
    params = {"k": best.classes, "bic": best.bic, "entropy": best.relative_entropy}
    reason.append(Message(code, params if not qualified else params | {"min_share": min_share}))
    reason += _stable(best, best_stability)
    alternative = by_aic.classes if by_aic.classes > best.classes else None
    if alternative is not None:
        params = {"k": alternative, "entropy": by_aic.relative_entropy, "best": best.classes}
        reason.append(Message("aic_alternative", params))
        reason += _stable(by_aic, aic_stability)
    for model, stability in pairs:
        for why in left_out_messages(model, stability, min_share):
            reason.append(Message(_IN_REASON[why.code], {"k": model.classes, **why.params}))
    if best.classes == max(m.classes for m in models) and len(models) > 1:
        reason.append(Message("bic_still_falls", {"k": best.classes}))
    return best.classes, alternative, tuple(reason)


def _stable(model: ClassModel, stability: Stability | None) -> list[Message]:
    if stability is None:
        return []
    jaccard = stability.jaccard_min
    verdict = (
        "stable"
        if jaccard > JACCARD_STABLE
        else "pattern"
        if jaccard > JACCARD_DISSOLVED
        else "dissolving"
    )
    params = {"k": model.classes, "ari": stability.ari_median, "jaccard": jaccard}
    return [Message(verdict, params)]
