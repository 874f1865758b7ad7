"""Segment profiles as the pages need them: computed from the saved model, cached, and
suppressed for anyone who may not see exact figures.

Nothing here returns a respondent's answers: only counts, shares and means per segment.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language, gettext_lazy

from samskab.common.suppression import COMPLEMENT_MARKER, small_marker
from samskab.core.exports import frame_rows
from samskab.core.formats import rounded
from samskab.facts.public import FlowsWith, flows_with
from samskab.projects.models import Project
from samskab.segmentation.models import Fit
from samskab.segments.describe import describe
from samskab.segments.messages import Message, catalogue, render_all
from samskab.segments.places import (
    IN,
    OUT,
    SegmentPlaces,
    direction_question,
    directions,
    place_question,
    segment_places,
)
from samskab.segments.profiles import hidden_segments, profile, segment_sizes
from samskab.segments.segmentation import SavedModel, assign, load_model
from samskab.segments.survey import Survey, read_survey

CACHE_SECONDS = 6 * 60 * 60
MAX_DIFFERENCES = 8  # the notable differences a card lists, largest first


@dataclass(frozen=True)
class Card:
    """One segment's profile card: its size, what sets it apart and all its rows."""

    segment: int
    name: str
    count: int | str  # "<5" or ".." when suppressed
    share: float | None
    description: str
    differences: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    places: CardPlaces | None = None


@dataclass(frozen=True)
class PlaceLine:
    """Where the segment's in-movers came from (`direction` IN), its out-movers went to (OUT),
    or its respondents named (None, when the survey does not say who moved which way), and the
    published moves the same way between the municipality and those places."""

    direction: str | None
    places: SegmentPlaces
    flows: FlowsWith | None


@dataclass(frozen=True)
class CardPlaces:
    """Where a segment's movers came from or went to, and the question that asked it.
    `counted`: the answers behind each line may be shown (exact figures only: the answers of a
    segment's in- or out-movers split its size finer than any suppressed table does)."""

    question: str
    lines: tuple[PlaceLine, ...]
    counted: bool = True


def current_fit(project: Project) -> Fit | None:
    """Return the project's segmentation: the fit whose K was chosen last, or None."""
    return (
        Fit.objects.select_related("survey")
        .filter(survey__project=project, status=Fit.Status.DONE, chosen__isnull=False)
        .order_by("-chosen_at", "-pk")
        .first()
    )


def segment_names(project: Project) -> list[str]:
    """Return the names given to the project's segments (none when unnamed)."""
    fit = current_fit(project)
    return [name for name in fit.names if name] if fit else []


def profile_table(fit: Fit, *, exact: bool) -> pd.DataFrame:
    """Return the chosen K's profile table (profiles.COLUMNS plus `name`), suppressed unless
    `exact`; cached per fit, K and exactness."""
    key = f"segments-profile-{fit.pk}-{fit.chosen}-{int(exact)}"
    table = cache.get(key)
    if table is None:
        table = _profile(fit, exact=exact)
        cache.set(key, table, CACHE_SECONDS)
    named = table.copy()
    named.insert(1, "name", [fit.name(int(s)) or f"Segment {s}" for s in named["segment"]])
    return named


def answers_and_segments(fit: Fit) -> tuple[Survey, pd.Series]:
    """Return the survey's answers read through the chosen model's codebook and each
    respondent's segment 1…K (NA when none): exact figures, for computing aggregates only."""
    _, answers, segments = _read(fit)
    return answers, segments


def _read(fit: Fit) -> tuple[SavedModel, Survey, pd.Series]:
    """Return the chosen model, the answers read through its codebook and each respondent's
    segment. A card, its profile and its places each need them: they are read once, and again
    only when the model or the survey file changes (callers never modify them)."""
    assert fit.chosen is not None
    model, survey = fit.model_path(fit.chosen), fit.survey.path
    return _read_files(model, _changed(model), survey, _changed(survey))


def _changed(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=2)
def _read_files(
    model: Path, _model_version: tuple[int, int], survey: Path, _survey_version: tuple[int, int]
) -> tuple[SavedModel, Survey, pd.Series]:
    saved = load_model(model)
    answers = read_survey(survey, saved.codebook)
    return saved, answers, assign(saved.model, answers)["segment"]


PROFILE_HEADINGS = {
    "segment": gettext_lazy("Segment"),
    "name": gettext_lazy("Name"),
    "item": gettext_lazy("Question (code)"),
    "question": gettext_lazy("Question"),
    "statistic": gettext_lazy("Figure"),
    "code": gettext_lazy("Answer code"),
    "category": gettext_lazy("Answer"),
    "count": gettext_lazy("Count"),
    "base": gettext_lazy("Answering"),
    "segment_value": gettext_lazy("In the segment"),
    "total_value": gettext_lazy("All respondents"),
    "difference": gettext_lazy("Difference"),
    "index": gettext_lazy("Index"),
    "p_value": gettext_lazy("p-value"),
    "p_adjusted": gettext_lazy("p-value, corrected for many tests"),
    "notable": gettext_lazy("Notable"),
}
STATISTICS = {"share": gettext_lazy("share (%)"), "mean": gettext_lazy("mean")}


def profile_csv_rows(table: pd.DataFrame) -> list[list[Any]]:
    """Return a profile table (profile_table) as the rows of its CSV download: the headings
    and the kind of figure in the page's language, a notable difference marked "yes"."""
    rows = frame_rows(table)
    header = [str(PROFILE_HEADINGS.get(c, c)) for c in rows[0]]
    statistic, notable = rows[0].index("statistic"), rows[0].index("notable")
    body = []
    for row in rows[1:]:
        row = list(row)
        row[statistic] = str(STATISTICS.get(row[statistic], row[statistic]))
        row[notable] = (
            str(gettext_lazy("yes"))
            if row[notable] not in ("", None) and bool(row[notable])
            else ""
        )
        body.append(row)
    return [header, *body]


def _profile(fit: Fit, *, exact: bool) -> pd.DataFrame:
    saved, answers, segments = _read(fit)
    items = [item.name for item in saved.codebook.items if item.kind != "text"]
    below = None if exact else settings.SUPPRESS_BELOW
    return profile(answers, segments, items, suppress_below=below)


@dataclass(frozen=True)
class FitTexts:
    """A fit's reason for its recommendation, its notes and why each K is left out (by K), in
    the interface language; `language` is None where they exist in English only (fits made
    before the messages were kept)."""

    reason: str
    warnings: list[str]
    left_out: dict[int, str]
    language: str | None


def fit_texts(results: dict[str, Any]) -> FitTexts:
    """Return the texts of a fit's results in the interface language: its messages rendered
    through the message catalogue, or the English texts of a fit saved without them."""
    language = get_language() or settings.LANGUAGE_CODE
    if "reason_messages" not in results:
        left_out = {int(m["classes"]): str(m.get("left_out") or "") for m in results["models"]}
        return FitTexts(results.get("reason", ""), list(results.get("warnings", [])),
                        left_out, None)  # fmt: skip

    def rendered(documents: list[dict[str, Any]], separator: str = " ") -> str:
        messages = [Message.from_json(document) for document in documents]
        return render_all(messages, language, catalogue(language), separator)

    return FitTexts(
        reason=rendered(results["reason_messages"]),
        warnings=[rendered([note]) for note in results.get("warning_messages", [])],
        left_out={
            int(m["classes"]): rendered(m.get("left_out_messages", []), "; ")
            for m in results["models"]
        },
        language=language,
    )


def segment_counts(fit: Fit) -> list[int]:
    """Return the respondents in each segment of the chosen K, largest first."""
    sizes = segment_sizes(profile_table(fit, exact=True))
    return [sizes.get(k, 0) for k in range(1, (fit.chosen or 0) + 1)]


def _sizes_shown(fit: Fit, *, exact: bool) -> tuple[list[int | str], list[float | None]]:
    """Return each segment's respondents and share as the person may see them: hidden
    segments read "<5" (or ".." when hidden only to protect another) and have no share."""
    counts = segment_counts(fit)
    shares = next(m["sizes"] for m in fit.results["models"] if m["classes"] == fit.chosen)
    if exact:
        return list(counts), list(shares)
    below = settings.SUPPRESS_BELOW
    hidden = hidden_segments(dict(enumerate(counts, start=1)), below)
    shown: list[int | str] = [
        (small_marker(below) if n < below else COMPLEMENT_MARKER) if k in hidden else n
        for k, n in enumerate(counts, start=1)
    ]
    return shown, [None if k in hidden else s for k, s in enumerate(shares, start=1)]


def cards(fit: Fit, *, exact: bool) -> list[Card]:
    """Return the chosen K's profile cards, descriptions in the interface language, built
    only from what the person may see: without exact figures, no places on the card of a
    hidden segment, and no count of the answers behind a place line."""
    table = profile_table(fit, exact=exact)
    counts, sizes = _sizes_shown(fit, exact=exact)
    names = [fit.name(k) or f"Segment {k}" for k in range(1, len(sizes) + 1)]
    texts = describe(table, sizes, names)
    places = card_places(fit, exact=exact)
    column = "description_da" if (get_language() or "da").startswith("da") else "description_en"
    return [
        Card(
            segment=k,
            name=fit.name(k),
            count=counts[k - 1],
            share=sizes[k - 1],
            description=str(texts.iloc[k - 1][column]),
            differences=_shown(_differences(table[table["segment"] == k])),
            rows=_shown(table[table["segment"] == k].to_dict("records")),
            # A hidden segment's places would tell how many answered: none are shown.
            places=places.get(k) if exact or isinstance(counts[k - 1], int) else None,
        )
        for k in range(1, len(sizes) + 1)
    ]


AGE_NAMES = {"age", "alder"}


def card_places(fit: Fit, *, exact: bool) -> dict[int, CardPlaces]:
    """Return per segment where its respondents came from or went to, when the survey asks it
    (a question whose answers name municipalities), with the published moves between the
    municipality and those places in the segment's typical age band; cached per fit and K."""
    key = f"segments-places-{fit.pk}-{fit.chosen}-{int(exact)}"
    found = cache.get(key)
    if found is None:
        found = _card_places(fit, exact=exact)
        cache.set(key, found, CACHE_SECONDS)
    return dict(found)


def _card_places(fit: Fit, *, exact: bool) -> dict[int, CardPlaces]:
    _, answers, segments = _read(fit)
    question = place_question(answers)
    if question is None:
        return {}
    below = None if exact else settings.SUPPRESS_BELOW
    mover = direction_question(answers)
    ways: list[str | None] = [None] if mover is None else [IN, OUT]
    way_of = None if mover is None else directions(answers, mover).to_numpy()
    per_way = {
        way: segment_places(
            answers, question,
            segments if way is None else segments.where(way_of == way),
            suppress_below=below,
        )
        for way in ways
    }  # fmt: skip
    ages = _median_ages(answers, segments)
    item = answers.codebook[question]
    project = fit.survey.project
    folder, code = Path(settings.PUBLIC_FACTS_DIR), project.municipality.code
    found = {}
    for segment in sorted(int(s) for s in segments.dropna().unique()):
        lines = []
        for way in ways:
            places = per_way[way].get(segment)
            if places is None or not places.places:
                continue
            codes = [p.municipality for p in places.places if p.municipality is not None]
            flows = flows_with(folder, code, codes, ages.get(segment), direction=way)
            lines.append(PlaceLine(way, places, flows))
        if lines:
            found[segment] = CardPlaces(item.question or item.name, tuple(lines), counted=exact)
    return found


def _median_ages(answers: Survey, segments: pd.Series) -> dict[int, float]:
    """Return each segment's median age, when the survey has a numeric age question."""
    name = next(
        (i.name for i in answers.codebook.items
         if i.name.casefold() in AGE_NAMES and i.kind == "numeric"),
        None,
    )  # fmt: skip
    if name is None:
        return {}
    ages = pd.to_numeric(answers.answers[name], errors="coerce")
    medians = ages.groupby(segments.to_numpy()).median()
    return {int(k): float(v) for k, v in medians.items() if not pd.isna(v)}


def _differences(rows: pd.DataFrame) -> list[dict[str, Any]]:
    notable = rows[rows["notable"].astype(bool)].copy()
    notable["distance"] = (notable["index"].astype(float) - 100).abs()
    return notable.sort_values("distance", ascending=False).head(MAX_DIFFERENCES).to_dict("records")


def _shown(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows with their figures written for the page ("–" where hidden)."""
    for row in rows:
        share = row["statistic"] == "share"
        for column in ("segment_value", "total_value"):
            row[column.replace("value", "shown")] = _figure(row[column], share=share)
        row["index_shown"] = _number(row["index"], 0)
    return rows


def _figure(value: Any, *, share: bool) -> str:
    return _number(value * 100, 0) + " %" if share and _present(value) else _number(value, 2)


def _number(value: Any, places: int) -> str:
    return rounded(value, places) if _present(value) else "–"


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
