"""Messages about a fit (why a K is recommended, why one is left out, what to watch) as a code
and parameters, so that each interface renders them in its own language: the command line in
the language of its locale (LANG), the web application in the user's language, both through the
catalogue `samskab` (samskab.common.texts), where the English template is the message id.

Parameters are kept as plain numbers and formatted when rendered, by their name: a share as a
percentage, a BIC to one decimal, an entropy, ARI or Jaccard to two; Danish writes a decimal
comma and a space before the per cent sign.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from samskab.common import texts

# The English template of every message code; {name} takes the parameter of that name.
TEMPLATES: dict[str, str] = {
    "no_candidates": "No K meets the condition (smallest segment at least {min_share}).",
    "no_candidates_stable": (
        "No K meets the conditions (smallest segment at least {min_share}, no segment "
        "dissolving under resampling)."
    ),
    "lowest_bic": (
        "K={k} has the lowest BIC ({bic}) of the candidates (smallest segment at least "
        "{min_share}); relative entropy {entropy}."
    ),
    "lowest_bic_stable": (
        "K={k} has the lowest BIC ({bic}) of the candidates (smallest segment at least "
        "{min_share}, no segment dissolving under resampling); relative entropy {entropy}."
    ),
    "lowest_bic_all": (
        "K={k} has the lowest BIC ({bic}) of all Ks tried; relative entropy {entropy}."
    ),
    "stable": (
        "K={k}: bootstrap median ARI {ari}, least stable segment's Jaccard {jaccard} (stable)."
    ),
    "pattern": (
        "K={k}: bootstrap median ARI {ari}, least stable segment's Jaccard {jaccard} "
        "(a pattern more than a firm segment)."
    ),
    "dissolving": (
        "K={k}: bootstrap median ARI {ari}, least stable segment's Jaccard {jaccard} (dissolving)."
    ),
    "aic_alternative": (
        "AIC, which penalises extra segments less, prefers K={k} (relative entropy {entropy}); "
        "the data support between {best} and {k} segments."
    ),
    "left_out_small": "Not a candidate: K={k}, its smallest segment holds {share} (< {min_share}).",
    "left_out_dissolves": (
        "Not a candidate: K={k}, segment {segment} dissolves under resampling "
        "(mean Jaccard {jaccard} ≤ {threshold})."
    ),
    "bic_still_falls": "BIC still falls at the largest K tried, so a larger K may fit better.",
    # Why one K is not a candidate, beside its figures.
    "small_segment": "its smallest segment holds {share} (< {min_share})",
    "dissolves": (
        "segment {segment} dissolves under resampling (mean Jaccard {jaccard} ≤ {threshold})"
    ),
    # Notes on the fit.
    "unanswered": "{count} respondents answered none of the items; left out.",
    "not_converged": "K={k}: EM did not converge.",
    "not_replicated": (
        "K={k}: the best log-likelihood was reached by only one of the {finalists} starts run to "
        "convergence; more random starts may find a better one."
    ),
}

_ONE_DECIMAL = frozenset({"bic", "aic"})
_TWO_DECIMALS = frozenset({"entropy", "ari", "jaccard"})


@dataclass(frozen=True)
class Message:
    """A message: a code of TEMPLATES and its parameters."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the message as a JSON object {"code": …, "params": {…}}."""
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> Message:
        """Return the message written by `to_json`."""
        return cls(str(document["code"]), dict(document.get("params") or {}))


def catalogue(language: str) -> Callable[[str], str]:
    """Return the lookup of a template in the catalogue `samskab` for `language`."""
    return lambda template: texts.translate(template, language)


def render(
    message: Message,
    language: str = "en",
    translate: Callable[[str], str] | None = None,
) -> str:
    """Return a message in words: its English template, or `translate(template)` (a message
    catalogue's lookup), with its parameters formatted for `language` ("en" or "da")."""
    template = TEMPLATES[message.code]
    text = translate(template) if translate else template
    values = {name: _formatted(name, value, language) for name, value in message.params.items()}
    return text.format(**values)


def render_all(
    messages: Iterable[Message],
    language: str = "en",
    translate: Callable[[str], str] | None = None,
    separator: str = " ",
) -> str:
    """Return messages rendered and joined by `separator`."""
    return separator.join(render(m, language, translate) for m in messages)


def _formatted(name: str, value: Any, language: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if name == "share":
        text = f"{value:.1%}"
    elif name == "min_share":
        text = f"{value:.0%}"
    elif name in _ONE_DECIMAL:
        text = f"{value:.1f}"
    elif name in _TWO_DECIMALS:
        text = f"{value:.2f}"
    elif name == "threshold":
        text = f"{value:g}"
    else:
        text = str(value)
    if language.startswith("da"):
        text = text.replace(".", ",").replace("%", " %")
    return text
