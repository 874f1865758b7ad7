"""A synthetic survey of people who moved into or out of the demo municipality, with four
planted segments resembling the handbook's (the family- and housing-driven, young people
leaving for education and city life, seniors seeking nature and care, job movers).

Segments differ on their key items by 20–30 percentage points and share the rest, so they
overlap as real segments do. The generating parameters are returned too, so an evaluation can
compare a fitted model with the best possible assignment.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

SEGMENTS = ("family_housing", "young_leavers", "seniors_nature", "job_movers")
SHARES = (0.38, 0.27, 0.20, 0.15)
IMPORTANCE = ("Meget uvigtigt", "Uvigtigt", "Hverken eller", "Vigtigt", "Meget vigtigt")
LIKELIHOOD = ("Meget usandsynligt", "Usandsynligt", "Måske", "Sandsynligt", "Meget sandsynligt")
TRIGGERS = ("Den rette bolig", "Job", "Uddannelse", "Familie eller partner", "Natur og ro", "Andet")
# Chance of answering 4 or 5 on an item the segment rates low, average or high.
_HIGH_SHARE = {-1: 0.22, 0: 0.45, 1: 0.70}
# Per importance item: the segment's tilt (family, young, senior, job).
_TILTS = {
    "imp_housing": (1, -1, 0, 0), "imp_plot_price": (1, -1, 0, 0),
    "imp_childcare": (1, -1, -1, 0), "imp_school": (1, -1, -1, 0),
    "imp_social_services": (1, 0, 1, -1), "imp_nature": (1, -1, 1, 0),
    "imp_quiet": (0, -1, 1, 0), "imp_job": (0, 0, -1, 1), "imp_commute": (0, 0, -1, 1),
    "imp_education": (-1, 1, -1, 0), "imp_city_life": (-1, 1, -1, 0),
    "imp_culture": (0, 1, 0, -1), "imp_shopping": (0, 1, 0, 0),
    "imp_public_transport": (-1, 1, 1, 0), "imp_broadband": (0, 0, -1, 1),
    "imp_associations": (1, -1, 0, 0), "imp_community": (1, -1, 1, -1),
    "imp_family_nearby": (0, 0, 1, -1), "imp_health_services": (0, -1, 1, 0),
    "imp_elderly_care": (-1, 0, 1, 0), "imp_sports": (1, 0, -1, 0),
    "imp_price_level": (1, 0, 0, 0),
}  # fmt: skip
# Each question as the survey asked it, shown wherever an item is named (cards, tables, forms).
QUESTIONS: dict[str, str] = {
    "mover": "Er du flyttet til eller fra kommunen?",
    "age": "Alder",
    "household": "Husstand",
    "town": "Hvor kom du fra, eller hvor flyttede du hen?",
    **{
        name: f"Hvor vigtig var {topic} for dit valg af bopæl?"
        for name, topic in {
            "imp_housing": "den rette bolig",
            "imp_plot_price": "prisen på en byggegrund",
            "imp_childcare": "børnepasning",
            "imp_school": "skolen",
            "imp_social_services": "de sociale tilbud",
            "imp_nature": "naturen",
            "imp_quiet": "roen",
            "imp_job": "et job",
            "imp_commute": "pendlingen",
            "imp_education": "uddannelse",
            "imp_city_life": "bylivet",
            "imp_culture": "kulturlivet",
            "imp_shopping": "indkøbsmulighederne",
            "imp_public_transport": "den offentlige transport",
            "imp_broadband": "bredbåndet",
            "imp_associations": "foreningslivet",
            "imp_community": "fællesskabet",
            "imp_family_nearby": "familie i nærheden",
            "imp_health_services": "sundhedstilbuddene",
            "imp_elderly_care": "ældreplejen",
            "imp_sports": "sportstilbuddene",
            "imp_price_level": "prisniveauet",
        }.items()
    },
    "home_type": "Hvilken type bolig ønsker du at bo i?",
    "rooms_wanted": "Hvor mange værelser ønsker du?",
    "price_band": "Hvad må boligen højst koste?",
    "trigger": "Hvad fik dig til at flytte?",
    "leave_within_5_years": "Hvor sandsynligt er det, at du flytter inden for fem år?",
}
_LEAVE_TILT = (-1, 1, -1, 0)  # "how likely are you to move within five years?"
_TRIGGER_CHANCES = np.array(
    [
        [0.50, 0.10, 0.02, 0.20, 0.13, 0.05],
        [0.10, 0.20, 0.45, 0.15, 0.02, 0.08],
        [0.25, 0.02, 0.01, 0.20, 0.45, 0.07],
        [0.15, 0.55, 0.05, 0.15, 0.05, 0.05],
    ]
)
_IN_MOVER = (0.85, 0.25, 0.65, 0.55)
_AGES = ((36, 6), (24, 4), (67, 6), (42, 10))
_HOUSEHOLDS = ("couple_with_children", "couple_no_children", "single_no_children",
               "single_with_children", "other")  # fmt: skip
_HOUSEHOLD_CHANCES = np.array(
    [
        [0.62, 0.26, 0.04, 0.06, 0.02],
        [0.05, 0.25, 0.60, 0.02, 0.08],
        [0.02, 0.63, 0.33, 0.00, 0.02],
        [0.30, 0.30, 0.30, 0.05, 0.05],
    ]
)
# The home wanted, per segment (family, young, senior, job): the families want a house, a
# terraced house or a plot with 4 rooms under 2 mio. kr., the seniors a flat or a terraced house
# with 2 rooms under 1,5 mio. kr. (the demo's target groups, read from the survey).
HOME_TYPES = ("Parcelhus", "Rækkehus", "Lejlighed", "Landejendom", "Byggegrund")
_HOME_CHANCES = np.array(
    [
        [0.42, 0.26, 0.03, 0.03, 0.26],
        [0.08, 0.20, 0.66, 0.02, 0.04],
        [0.10, 0.36, 0.46, 0.04, 0.04],
        [0.44, 0.16, 0.26, 0.10, 0.04],
    ]
)
ROOMS_WANTED = ("1 værelse", "2 værelser", "3 værelser", "4 værelser", "5 værelser eller flere")
_ROOMS_CHANCES = np.array(
    [
        [0.01, 0.04, 0.15, 0.46, 0.34],
        [0.22, 0.48, 0.22, 0.06, 0.02],
        [0.08, 0.56, 0.28, 0.06, 0.02],
        [0.04, 0.16, 0.36, 0.30, 0.14],
    ]
)
PRICE_BANDS = ("Under 1 mio. kr.", "1-1,5 mio. kr.", "1,5-2 mio. kr.", "2-3 mio. kr.",
               "Over 3 mio. kr.")  # fmt: skip
_PRICE_CHANCES = np.array(
    [
        [0.06, 0.16, 0.40, 0.28, 0.10],
        [0.62, 0.24, 0.08, 0.04, 0.02],
        [0.22, 0.44, 0.20, 0.10, 0.04],
        [0.14, 0.26, 0.30, 0.20, 0.10],
    ]
)
NEARBY = ("Herning", "Holstebro", "Ikast", "Varde", "Lemvig")
CITIES = ("Aarhus", "København", "Odense", "Aalborg", "Esbjerg")
_NEARBY_SHARE = (0.90, 0.20, 0.50, 0.45)
MISSING = 0.05


@dataclass(frozen=True)
class SimulatedSurvey:
    """Answers as a survey tool exports them (labelled text, empty when missing), the planted
    segment of each respondent (0-based), and the parameters that generated the answers:
    `probabilities[item]` has shape (segments, categories) over the codes 1, 2, …"""

    header: tuple[str, ...]
    rows: list[tuple[object, ...]]
    segment: npt.NDArray[np.int64]
    shares: npt.NDArray[np.float64]
    probabilities: dict[str, npt.NDArray[np.float64]]

    @property
    def segmenting_items(self) -> list[str]:
        """Return the items the segments were planted on."""
        return list(self.probabilities)


def item_probabilities() -> dict[str, npt.NDArray[np.float64]]:
    """Return per segmenting item the answer probabilities, shape (segments, categories)."""
    tables = {name: _likert(tilts) for name, tilts in _TILTS.items()}
    tables["trigger"] = _TRIGGER_CHANCES
    tables["leave_within_5_years"] = _likert(_LEAVE_TILT)
    return tables


def _likert(tilts: tuple[int, ...]) -> npt.NDArray[np.float64]:
    rows = []
    for tilt in tilts:
        high = _HIGH_SHARE[tilt]
        low = 1 - high
        rows.append([0.25 * low, 0.35 * low, 0.40 * low, 0.55 * high, 0.45 * high])
    return np.array(rows)


def simulate_survey(respondents: int = 1500, *, seed: int = 2016) -> SimulatedSurvey:
    """Return a simulated movers' survey; the same seed gives the same answers."""
    rng = np.random.default_rng(seed)
    shares = np.array(SHARES)
    segment = rng.choice(len(shares), size=respondents, p=shares)
    tables = item_probabilities()
    codes = {name: _draw(rng, table[segment]) for name, table in tables.items()}
    texts = {name: _labelled(name, column, rng) for name, column in codes.items()}
    descriptive = _descriptive(rng, segment)
    descriptive |= _home_wanted(np.random.default_rng([seed, 1]), segment)
    header = ("respondent", *descriptive, *texts)
    columns = [
        [f"R{i + 1:05d}" for i in range(respondents)],
        *descriptive.values(),
        *texts.values(),
    ]
    return SimulatedSurvey(header, list(zip(*columns, strict=True)), segment, shares, tables)


def _draw(rng: np.random.Generator, chances: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Return one code 1, 2, … per row of `chances` (shape (n, categories))."""
    cumulative = chances.cumsum(axis=1)
    picks = (rng.random(len(chances))[:, None] > cumulative).sum(axis=1)
    codes: npt.NDArray[np.int64] = np.minimum(picks, chances.shape[1] - 1) + 1
    return codes


def _labelled(name: str, codes: npt.NDArray[np.int64], rng: np.random.Generator) -> list[str]:
    labels = (
        TRIGGERS if name == "trigger" else LIKELIHOOD if name.startswith("leave") else IMPORTANCE
    )
    missing = rng.random(len(codes)) < MISSING
    return [
        "" if gone else f"{code} {labels[code - 1]}"
        for code, gone in zip(codes, missing, strict=True)
    ]


def _descriptive(
    rng: np.random.Generator, segment: npt.NDArray[np.int64]
) -> dict[str, list[object]]:
    n = len(segment)
    inward = rng.random(n) < np.array(_IN_MOVER)[segment]
    mean, spread = np.array(_AGES).T
    age = np.clip(np.rint(rng.normal(mean[segment], spread[segment])), 18, 95).astype(int)
    household = _draw(rng, _HOUSEHOLD_CHANCES[segment]) - 1
    nearby = rng.random(n) < np.array(_NEARBY_SHARE)[segment]
    town = np.where(nearby, rng.choice(NEARBY, n), rng.choice(CITIES, n))
    return {
        "mover": ["in" if flag else "out" for flag in inward],
        "age": age.tolist(),
        "household": [_HOUSEHOLDS[h] for h in household],
        "town": town.tolist(),  # where in-movers came from, or out-movers went
    }


def _home_wanted(
    rng: np.random.Generator, segment: npt.NDArray[np.int64]
) -> dict[str, list[object]]:
    """Return the answers on the home wanted, drawn with their own generator so that the other
    answers stay those of the same seed without them."""
    found: dict[str, list[object]] = {}
    for name, labels, chances in (
        ("home_type", HOME_TYPES, _HOME_CHANCES),
        ("rooms_wanted", ROOMS_WANTED, _ROOMS_CHANCES),
        ("price_band", PRICE_BANDS, _PRICE_CHANCES),
    ):
        codes = _draw(rng, chances[segment])
        missing = rng.random(len(codes)) < MISSING
        found[name] = ["" if gone else f"{code} {labels[code - 1]}"
                       for code, gone in zip(codes, missing, strict=True)]  # fmt: skip
    return found


def write_demo_survey(path: Path, *, seed: int = 2016) -> Path:
    """Return the path of a movers' survey CSV written for the demo municipality."""
    survey = simulate_survey(seed=seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(survey.header)
        writer.writerows(survey.rows)
    return path
