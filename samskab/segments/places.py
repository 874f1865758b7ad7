"""Where a segment's movers came from or went to: a survey question whose answers name Danish
municipalities ("Herning", "Ringkøbing-Skjern Kommune", or codes such as 657), counted per
segment.

Nothing here returns a respondent's answer: only counts of answers per segment and place.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from samskab.facts.municipalities import municipality_name, resolve_municipality
from samskab.segments.survey import Survey

PLACE_SHARE = 0.8  # of a question's answers that must name a municipality
MIN_ANSWERS = 10  # a question answered fewer times is not taken for a place
TOP = 3
IN, OUT = "in", "out"
# Answers that say whether the respondent moved into the municipality or out of it.
_DIRECTIONS = {
    **dict.fromkeys(("in", "ind", "moved in", "in-mover", "tilflyttet", "tilflytter",
                     "tilflyttede", "tilflytning", "flyttet til kommunen"), IN),
    **dict.fromkeys(("out", "ud", "moved out", "out-mover", "fraflyttet", "fraflytter",
                     "fraflyttede", "fraflytning", "flyttet fra kommunen"), OUT),
}  # fmt: skip
DIRECTION_SHARE = 0.9  # of a question's answers that must say in or out


@dataclass(frozen=True)
class Place:
    """A place as the respondents wrote it, the municipality it names (None if it names none),
    and how many of the segment's respondents gave it."""

    text: str
    municipality: int | None
    answers: int


@dataclass(frozen=True)
class SegmentPlaces:
    """The places most of a segment's respondents named, most first, and the answers."""

    question: str  # the item's name
    places: tuple[Place, ...]  # the TOP most named (fewer where hidden)
    answered: int  # the segment's respondents who answered the question

    @property
    def share(self) -> float:
        """Return the share of the segment's answers the places shown stand for."""
        return sum(p.answers for p in self.places) / self.answered if self.answered else 0.0


def answer_texts(survey: Survey, name: str) -> pd.Series:
    """Return each respondent's answer to an item as text (a code as its label), NA if none."""
    item = survey.codebook[name]
    values = survey.answers[name]
    if item.is_coded:
        return values.map(lambda code: None if pd.isna(code) else item.label(float(code)))
    if item.kind == "numeric":  # municipality codes written as numbers (657)
        return values.map(
            lambda v: None if pd.isna(v) or not float(v).is_integer() else str(int(v))
        )
    return values.map(lambda text: None if pd.isna(text) or not str(text).strip() else str(text))


def place_question(survey: Survey) -> str | None:
    """Return the item whose answers name municipalities (at least PLACE_SHARE of at least
    MIN_ANSWERS answers), the one with the most such answers; None when there is none."""
    best: tuple[int, str] | None = None
    for item in survey.codebook.items:
        if item.kind not in ("categorical", "text", "numeric"):
            continue
        texts = answer_texts(survey, item.name).dropna()
        if len(texts) < MIN_ANSWERS:
            continue
        codes = _codes(texts)
        named = int(codes.notna().sum())
        if named >= PLACE_SHARE * len(texts) and (best is None or named > best[0]):
            best = (named, item.name)
    return None if best is None else best[1]


def direction_question(survey: Survey) -> str | None:
    """Return the item whose answers say whether the respondent moved in or out ("in", "ud",
    "1 Tilflyttet"; at least DIRECTION_SHARE of at least MIN_ANSWERS answers), or None."""
    for item in survey.codebook.items:
        if item.kind not in ("categorical", "text"):
            continue
        texts = answer_texts(survey, item.name).dropna()
        if len(texts) < MIN_ANSWERS:
            continue
        if directions(survey, item.name).notna().sum() >= DIRECTION_SHARE * len(texts):
            return item.name
    return None


def directions(survey: Survey, name: str) -> pd.Series:
    """Return each respondent's direction, IN or OUT, by their answer to the item (None when
    it says neither)."""
    texts = answer_texts(survey, name)
    distinct = {text: _direction(text) for text in texts.dropna().unique()}
    return texts.map(lambda text: None if text is None or pd.isna(text) else distinct[text])


def _direction(text: str) -> str | None:
    words = " ".join(text.casefold().split())
    if words[:1].isdigit():  # a code before the label: "1 Tilflyttet"
        words = words.split(" ", 1)[1] if " " in words else words
    return _DIRECTIONS.get(words)


def _codes(texts: pd.Series) -> pd.Series:
    distinct = {text: resolve_municipality(text) for text in texts.unique()}
    return texts.map(distinct)


def _place(text: str, answers: int) -> Place:
    """Return the place an answer names: a municipality's code (657) by its name."""
    code = resolve_municipality(text)
    shown = municipality_name(code) if code is not None and text.strip().isdigit() else text
    return Place(shown, code, answers)


def segment_places(
    survey: Survey, question: str, segments: pd.Series, *, suppress_below: int | None = None
) -> dict[int, SegmentPlaces]:
    """Return per segment the TOP places its respondents named most (ties by text). With
    `suppress_below`, a place fewer respondents named is not shown, nor are any places of a
    segment that answered fewer times."""
    texts = answer_texts(survey, question)
    found: dict[int, SegmentPlaces] = {}
    for segment in sorted(int(s) for s in segments.dropna().unique()):
        answers = texts[(segments == segment).fillna(False).to_numpy()].dropna()
        counts = answers.value_counts()
        ordered = sorted(counts.items(), key=lambda item: (-int(item[1]), str(item[0])))
        if suppress_below is not None:
            hidden = len(answers) < suppress_below
            ordered = [] if hidden else [(t, n) for t, n in ordered if n >= suppress_below]
        places = tuple(_place(str(text), int(n)) for text, n in ordered[:TOP])
        found[segment] = SegmentPlaces(question, places, len(answers))
    return found
