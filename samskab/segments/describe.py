"""Short descriptions of segments in Danish and English, built only from notable profile rows
(large and significant), so a description never claims more than the data carry. Built from a
suppressed profile and sizes, it says only what the suppressed figures show: a hidden size
(None) is not written, and a hidden segment's description says so."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

MAX_STATEMENTS = 6

_TEXT = {
    "en": {
        "head": "{name} ({share} of respondents): ",
        "head_hidden": "{name}: ",
        "hidden": "its figures are hidden, as it has too few respondents to be shown",
        "share": "{value} answer '{category}' to '{question}' (all: {total})",
        "above": "above average on '{question}' ({value} vs {total})",
        "below": "below average on '{question}' ({value} vs {total})",
        "none": "no answer sets this segment clearly apart from the rest",
        "join": "; ",
    },
    "da": {
        "head": "{name} ({share} af de adspurgte): ",
        "head_hidden": "{name}: ",
        "hidden": "tallene er skjult, da segmentet har for få svarpersoner til at blive vist",
        "share": "{value} svarer '{category}' på '{question}' (alle: {total})",
        "above": "over gennemsnittet på '{question}' ({value} mod {total})",
        "below": "under gennemsnittet på '{question}' ({value} mod {total})",
        "none": "ingen svar adskiller tydeligt segmentet fra resten",
        "join": "; ",
    },
}


def describe(
    table: pd.DataFrame, sizes: Sequence[float | None], names: Sequence[str] | None = None
) -> pd.DataFrame:
    """Return one row per segment (segment, name, share, description_da, description_en) from a
    profile table; `sizes[k]` is the share of segment k + 1, None where it is hidden."""
    rows = []
    for k, size in enumerate(sizes, start=1):
        name = names[k - 1] if names and k <= len(names) else f"Segment {k}"
        notable = _statements(table[(table["segment"] == k) & table["notable"]])
        rows.append(
            {
                "segment": k,
                "name": name,
                "share": size,
                "description_da": _sentence("da", name, size, notable),
                "description_en": _sentence("en", name, size, notable),
            }
        )
    return pd.DataFrame(rows)


def _statements(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the rows worth a statement, strongest first: shares the segment holds more of,
    and means above or below the whole sample."""
    over = rows[(rows["statistic"] == "mean") | (rows["difference"] > 0)]
    # Shares by their difference in points; means by how far their index lies from 100.
    strength = (
        over["difference"]
        .abs()
        .where(over["statistic"] == "share", over["index"].sub(100).abs() / 100)
    )
    return (
        over.assign(strength=strength).sort_values("strength", ascending=False).head(MAX_STATEMENTS)
    )


def _sentence(language: str, name: str, size: float | None, rows: pd.DataFrame) -> str:
    text = _TEXT[language]
    if size is None or size != size:  # hidden (None, or NaN from a table)
        return text["head_hidden"].format(name=name) + text["hidden"] + "."
    head = text["head"].format(name=name, share=_percent(size, language))
    if rows.empty:
        return head + text["none"] + "."
    parts = [_statement(language, row) for _, row in rows.iterrows()]
    return head + text["join"].join(parts) + "."


def _statement(language: str, row: pd.Series) -> str:
    text = _TEXT[language]
    value, total = float(row["segment_value"]), float(row["total_value"])
    if row["statistic"] == "share":
        return text["share"].format(
            value=_percent(value, language),
            total=_percent(total, language),
            category=row["category"],
            question=row["question"],
        )
    key = "above" if value > total else "below"
    return text[key].format(
        question=row["question"], value=_decimal(value, language), total=_decimal(total, language)
    )


def _percent(share: float, language: str) -> str:
    # Danish writes a space before the per cent sign.
    return f"{share:.0%}".replace("%", " %") if language == "da" else f"{share:.0%}"


def _decimal(value: float, language: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if language == "da" else text
