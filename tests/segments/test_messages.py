"""The recommendation's reason as messages (code and figures), rendered in English and in
Danish through the catalogue `samskab`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polib
import pytest

import samskab
from samskab.segments.choice import recommend
from samskab.segments.messages import TEMPLATES, Message, render, render_all
from samskab.segments.model import ClassModel
from samskab.segments.stability import Stability

CATALOGUE = (
    Path(samskab.__file__).parent / "common" / "locale" / "da" / "LC_MESSAGES" / "samskab.po"
)


@pytest.fixture(scope="module")
def danish() -> dict[str, str]:
    """Return the Danish catalogue as English template → Danish."""
    return {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE)).translated_entries()}


def _model(classes: int, log_likelihood: float, smallest: float) -> ClassModel:
    shares = np.full(classes, (1 - smallest) / (classes - 1))
    shares[-1] = smallest
    return ClassModel((), (), shares, (), log_likelihood, 10 * classes, 1500, 0.8, True, 1, 80)


def _reason() -> tuple[Message, ...]:
    models = [_model(2, -5000, 0.3), _model(3, -4900, 0.2), _model(4, -4860, 0.04)]
    stability = [
        Stability(20, np.full(20, 0.9), np.array([0.95, 0.9])),
        Stability(20, np.full(20, 0.8), np.array([0.9, 0.8, 0.62])),
        Stability(20, np.full(20, 0.7), np.array([0.9, 0.8, 0.7, 0.3])),
    ]
    return recommend(models, stability)[2]


def test_every_message_has_a_danish_translation_with_the_same_fields(danish) -> None:  # type: ignore[no-untyped-def]
    for code, template in TEMPLATES.items():
        assert template in danish, code
        assert sorted(_fields(danish[template])) == sorted(_fields(template)), code


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_the_reason_is_codes_with_figures_rendered_in_english() -> None:
    reason = _reason()
    assert [m.code for m in reason] == ["lowest_bic_stable", "pattern", "left_out_small",
                                        "left_out_dissolves"]  # fmt: skip
    assert render_all(reason) == (
        "K=3 has the lowest BIC (10019.4) of the candidates (smallest segment at least 5%, no "
        "segment dissolving under resampling); relative entropy 0.80. K=3: bootstrap median "
        "ARI 0.80, least stable segment's Jaccard 0.62 (a pattern more than a firm segment). "
        "Not a candidate: K=4, its smallest segment holds 4.0% (< 5%). Not a candidate: K=4, "
        "segment 4 dissolves under resampling (mean Jaccard 0.30 ≤ 0.5)."
    )


def test_the_reason_is_rendered_in_danish(danish) -> None:  # type: ignore[no-untyped-def]
    text = render_all(_reason(), "da", danish.get)
    assert text == (
        "K=3 har den laveste BIC (10019,4) blandt kandidaterne (mindste segment mindst 5 %, "
        "intet segment går i opløsning ved bootstrap); relativ entropi 0,80. K=3: "
        "bootstrap-median for ARI 0,80, det mindst stabile segments Jaccard 0,62 (snarere et "
        "mønster end et fast segment). Ikke kandidat: K=4, dets mindste segment rummer 4,0 % "
        "(< 5 %). Ikke kandidat: K=4, segment 4 går i opløsning ved bootstrap (gennemsnitlig "
        "Jaccard 0,30 ≤ 0,5)."
    )


def test_messages_survive_json() -> None:
    message = Message("aic_alternative", {"k": 4, "entropy": 0.79, "best": 3})
    again = Message.from_json(message.to_json())
    assert again == message and render(again).endswith("between 3 and 4 segments.")
