"""Age bands: parsing a band list such as "0-17,18-29,30-44,45-64,65+" and banding ages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: parsing bands needs no Ibis
    import ibis.expr.types as ir

from samskab.facts.errors import InputError, Problem

DEFAULT_AGE_BANDS = "0-17,18-29,30-44,45-64,65+"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class AgeBand:
    label: str
    low: int
    high: int | None  # None: open-ended ("65+")


def parse_age_bands(text: str = DEFAULT_AGE_BANDS) -> tuple[AgeBand, ...]:
    """Return the bands of a comma-separated list; they must be ordered and must not overlap."""
    bands: list[AgeBand] = []
    for part in (p.strip() for p in text.split(",")):
        match = re.fullmatch(r"(\d{1,3})(?:-(\d{1,3})|(\+))", part)
        if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
            raise _bad(text, "bad_age_band", part=part)
        high = None if match.group(3) else int(match.group(2))
        band = AgeBand(part, int(match.group(1)), high)
        if bands and (bands[-1].high is None or band.low <= bands[-1].high):
            raise _bad(text, "age_band_overlaps", part=part, previous=bands[-1].label)
        bands.append(band)
    return tuple(bands)


def _bad(text: str, code: str, **params: Any) -> InputError:
    return InputError([Problem.of("--age-bands", code, text=text, **params)])


def age_band(moves: ir.Table, bands: tuple[AgeBand, ...]) -> ir.StringValue:
    """Return each move's band: from its age when known, else the age_band it came with
    (counted flows), else "unknown"."""
    import ibis

    banded = ibis.cases(
        *[
            (
                moves.age.between(b.low, b.high) if b.high is not None else moves.age >= b.low,
                ibis.literal(b.label),
            )
            for b in bands
        ],
        else_=ibis.null("string"),
    )
    return banded.coalesce(moves.age_band, ibis.literal(UNKNOWN))


def household(moves: ir.Table) -> ir.StringValue:
    """Return each move's household type, "unknown" when not given."""
    return moves.household_type.fill_null(UNKNOWN)
