"""Each segment's housing demand read from the survey, where the survey asks which home people
want: the types of home wanted by enough of the segment, the rooms and the price that at least
half of those answering want (the lower median), and the segment's share of the respondents.

The survey's answers are read through a mapping the facilitator confirms (an answer's type of
home, its rooms, its price at most), pre-filled from the answers' labels by `guess_kind`,
`guess_rooms` and `guess_price`: a label is never taken as a number without someone seeing it.

Only figures of at least `below` respondents are used, so that what is stored can be shown to
every member: a segment the profiles hide (fewer than `below`, or hidden to protect one) gets no
demand, a type of home counts only when at least `below` of the segment want it, and rooms and
price are only set from at least `below` answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from samskab.housing.models import Kind
from samskab.segments.codebook import Codebook, Item
from samskab.segments.profiles import hidden_segments

DEFAULT_THRESHOLD = 20  # % of a segment's answers for a type of home to count


@dataclass(frozen=True)
class Questions:
    """Which survey questions ask about the home wanted, and what their answers mean.

    `kinds` maps an answer code of the type question to a `Kind` ("" when it is none of them);
    `rooms` maps a code of the rooms question to a number of rooms, and `prices` a code of the
    price question to a price at most in kr. (None: no upper bound); None where the question's
    answers are numbers themselves."""

    kind_item: str
    kinds: Mapping[float, str]
    rooms_item: str | None = None
    rooms: Mapping[float, int] | None = None
    price_item: str | None = None
    prices: Mapping[float, int | None] | None = None
    threshold: int = DEFAULT_THRESHOLD


# Why a segment gets no demand from the survey.
HIDDEN = "hidden"  # the profiles hide it: too few respondents
FEW_ANSWERS = "few_answers"  # fewer than `below` answered the type question
NO_KIND = "no_kind"  # no type of home wanted by enough of the segment


@dataclass(frozen=True)
class SegmentDemand:
    """What one segment (1 = the largest) wants, or why nothing is set (`skipped`)."""

    segment: int
    respondents: int
    answered: int = 0
    kinds: dict[str, float] = field(default_factory=dict)  # a counted type → its share
    min_rooms: int | None = None
    max_price: int | None = None
    share: int = 0  # % of the respondents placed in a segment
    skipped: str | None = None


def demand_per_segment(
    answers: pd.DataFrame, segments: pd.Series, questions: Questions, *, below: int
) -> list[SegmentDemand]:
    """Return each segment's demand from the answers (codes or numbers per respondent, NaN
    when missing) and each respondent's segment (1…K, NA when placed in none)."""
    placed = segments.notna().to_numpy(dtype=bool)
    labels = segments[placed].astype(int).to_numpy()
    sizes = {int(k): int((labels == k).sum()) for k in sorted(set(labels.tolist()))}
    hidden = hidden_segments(sizes, below)
    total = sum(sizes.values())
    found = []
    for segment, size in sizes.items():
        member = np.zeros(len(segments), dtype=bool)
        member[np.flatnonzero(placed)[labels == segment]] = True
        if segment in hidden:
            found.append(SegmentDemand(segment, size, skipped=HIDDEN))
            continue
        found.append(_segment(answers[member], segment, size, total, questions, below))
    return found


def _segment(
    rows: pd.DataFrame, segment: int, size: int, total: int, questions: Questions, below: int
) -> SegmentDemand:
    codes = rows[questions.kind_item].dropna()
    answered = len(codes)
    if answered < below:
        return SegmentDemand(segment, size, answered, skipped=FEW_ANSWERS)
    wanted = codes.map(lambda code: questions.kinds.get(float(code), ""))
    counts = wanted[wanted != ""].value_counts()
    kinds = {
        str(kind): count / answered
        for kind, count in counts.items()
        if count >= below and 100 * count >= questions.threshold * answered
    }
    if not kinds:
        return SegmentDemand(segment, size, answered, skipped=NO_KIND)
    ordered = dict(sorted(kinds.items(), key=lambda pair: (-pair[1], _KIND_ORDER[pair[0]])))
    rooms = _lower_median(rows, questions.rooms_item, questions.rooms, below)
    price = _lower_median(rows, questions.price_item, questions.prices, below)
    return SegmentDemand(
        segment, size, answered, ordered,
        min_rooms=None if rooms is None or math.isinf(rooms) else int(rooms),
        max_price=None if price is None or math.isinf(price) else int(price),
        share=round(100 * size / total),
    )  # fmt: skip


_KIND_ORDER = {kind.value: n for n, kind in enumerate(Kind)}


def _lower_median(
    rows: pd.DataFrame, item: str | None, mapping: Mapping[float, int | None] | None, below: int
) -> float | None:
    """Return the value at least half of the answers reach (the lower median: with the values
    sorted, the one at (n − 1) // 2), None with fewer than `below` answers; a code mapped to
    None counts as no upper bound (infinity)."""
    if item is None:
        return None
    answers = rows[item].dropna().to_numpy(dtype=float).tolist()
    values = answers if mapping is None else [_bound(mapping, c) for c in answers if c in mapping]
    if len(values) < below:
        return None
    return sorted(values)[(len(values) - 1) // 2]


def _bound(mapping: Mapping[float, int | None], code: float) -> float:
    value = mapping[code]
    return math.inf if value is None else float(value)


# Pre-filling the mapping from the answers' labels (the facilitator confirms it).

_KIND_WORDS = (
    (Kind.TERRACED, r"række|dobbelt|kæde|terrace|town ?house|semi"),
    (Kind.FARM, r"landejendom|gård|husmand|landsted|nedlagt|farm|smallholding"),
    (Kind.PLOT, r"grund|plot|selv ?bygg|build"),
    (Kind.FLAT, r"lejlighed|etage|flat|apartment|andel"),
    (Kind.HOUSE, r"parcel|villa|hus\b|house|detached|enfamilie"),
)
_ITEM_WORDS = {
    "kind": r"bolig.?type|boligform|type.*bolig|home.?type|type of (home|dwelling)|dwelling",
    "rooms": r"v(æ|ae)relse|rooms?\b",
    "price": r"pris|price|budget|\bkr\b|mio",
}
_OPEN_TOP = re.compile(r"\bover\b|mere end|eller (mere|flere)|or more|and above|above|\+")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?")
_MILLION = re.compile(r"mio|mill")


def guess_kind(label: str) -> str:
    """Return the type of home an answer's label names ("" when none): "Parcelhus" → house."""
    text = label.casefold()
    return next((str(kind) for kind, words in _KIND_WORDS if re.search(words, text)), "")


def guess_rooms(label: str) -> int | None:
    """Return the rooms an answer's label names (the smallest number in it), or None."""
    numbers = [float(n.replace(",", ".")) for n in _NUMBER.findall(label)]
    return int(min(numbers)) if numbers else None


def guess_price(label: str) -> tuple[bool, int | None]:
    """Return whether the label names a price, and the price at most in kr. it stands for
    (None: no upper bound, "Over 3 mio. kr."): the largest number, in millions where the label
    says mio."""
    text = label.casefold()
    millions = bool(_MILLION.search(text))
    numbers = [_amount(n, millions=millions) for n in _NUMBER.findall(text)]
    if not numbers:
        return False, None
    if _OPEN_TOP.search(text):
        return True, None
    scale = 1_000_000 if millions else 1_000 if re.search(r"\d\s*(t|tusind)\b", text) else 1
    return True, round(max(numbers) * scale)


def _amount(text: str, *, millions: bool) -> float:
    """Return a number as a label writes it: "1,5" (in millions), "1.500.000" (in kr.)."""
    return float(text.replace(",", ".") if millions else text.replace(".", "").replace(",", "."))


def guess_items(codebook: Codebook) -> dict[str, str | None]:
    """Return the survey questions that look like the type of home, rooms and price wanted,
    by their names, question texts and answers (None where no question looks so)."""
    guessed: dict[str, str | None] = {}
    for role, words in _ITEM_WORDS.items():
        found = [
            item
            for item in usable_items(codebook, role)
            if re.search(words, f"{_words(item.name)} {item.question}".casefold())
        ]
        if role == "kind":
            found = [i for i in found if any(guess_kind(label) for label in i.labels.values())]
        guessed[role] = found[0].name if found else None
    return guessed


def _words(name: str) -> str:
    """Return an item's name with its separators as spaces: "rooms_wanted" → "rooms wanted"."""
    return re.sub(r"[_.\-]+", " ", name)


def usable_items(codebook: Codebook, role: str) -> list[Item]:
    """Return the items that can be the type question (coded), or the rooms or price question
    (coded or numeric)."""
    if role == "kind":
        return [item for item in codebook.items if item.is_coded]
    return [item for item in codebook.items if item.is_coded or item.kind == "numeric"]


def guessed_questions(codebook: Codebook) -> Questions | None:
    """Return the questions on the home wanted and their answers' meaning as guessed from the
    codebook (what the form is filled in with), or None when no question looks like the type."""
    items = guess_items(codebook)
    if items["kind"] is None:
        return None
    kinds = {code: guess_kind(label) for code, label in codebook[items["kind"]].labels.items()}
    rooms = prices = None
    if items["rooms"] and codebook[items["rooms"]].is_coded:
        guessed = {
            code: guess_rooms(label) for code, label in codebook[items["rooms"]].labels.items()
        }
        rooms = {code: n for code, n in guessed.items() if n is not None}
    if items["price"] and codebook[items["price"]].is_coded:
        labels = codebook[items["price"]].labels.items()
        prices = {code: price for code, label in labels for named, price in [guess_price(label)]
                  if named}  # fmt: skip
    return Questions(items["kind"], kinds, items["rooms"], rooms, items["price"], prices)
