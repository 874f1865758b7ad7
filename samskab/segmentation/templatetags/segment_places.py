"""`place_sentences`: a segment card's places in words — where its movers came from or went to,
beside the moves Statistics Denmark counted the same way."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.segmentation.services import CardPlaces, PlaceLine
from samskab.segments.places import IN, OUT

register = template.Library()


@register.filter
def place_sentences(where: CardPlaces) -> list[str]:
    """Return a sentence per line of places, and one for its published moves."""
    sentences = []
    for line in where.lines:
        sentences.append(_named(line, where.question, counted=where.counted))
        if line.flows is not None:
            sentences.append(_counted(line))
    return sentences


def _named(line: PlaceLine, question: str, *, counted: bool) -> str:
    """Return the line in words: with the count of its answers where it may be shown (see
    CardPlaces.counted), else the share of those who answered."""
    places = line.places
    values = {
        "percent": round(100 * places.share),
        "places": get_text_list([place.text for place in places.places], _("and")),
        "question": question,
    }
    if not counted:
        texts = {
            IN: _("In-movers: %(percent)s %% of those who answered “%(question)s” came from "
                  "%(places)s."),
            OUT: _("Out-movers: %(percent)s %% of those who answered “%(question)s” moved to "
                   "%(places)s."),
            None: _("%(percent)s %% of those who answered “%(question)s” named %(places)s."),
        }  # fmt: skip
        return texts[line.direction] % values
    count = number_format(places.answered, force_grouping=True)
    values["answers"] = ngettext(
        "%(count)s answer to “%(question)s”", "%(count)s answers to “%(question)s”",
        places.answered,
    ) % {"count": count, "question": question}  # fmt: skip
    texts = {
        IN: _("In-movers: %(percent)s %% came from %(places)s (%(answers)s)."),
        OUT: _("Out-movers: %(percent)s %% moved to %(places)s (%(answers)s)."),
        None: _("%(percent)s %% named %(places)s (%(answers)s)."),
    }
    return texts[line.direction] % values


def _counted(line: PlaceLine) -> str:
    flows = line.flows
    assert flows is not None
    values = {
        "moves": number_format(flows.moves, force_grouping=True),
        "municipality": flows.municipality,
        "first": flows.first_year,
        "last": flows.last_year,
        "band": flows.band,
        "percent": round(100 * flows.share),
    }
    texts = {
        (IN, True): _(
            "Statistics Denmark counted %(moves)s moves to %(municipality)s from these "
            "municipalities in %(first)s–%(last)s at the age of %(band)s, %(percent)s %% of its "
            "moves in from other municipalities at that age."
        ),
        (IN, False): _(
            "Statistics Denmark counted %(moves)s moves to %(municipality)s from these "
            "municipalities in %(first)s–%(last)s, %(percent)s %% of its moves in from other "
            "municipalities."
        ),
        (OUT, True): _(
            "Statistics Denmark counted %(moves)s moves from %(municipality)s to these "
            "municipalities in %(first)s–%(last)s at the age of %(band)s, %(percent)s %% of its "
            "moves out to other municipalities at that age."
        ),
        (OUT, False): _(
            "Statistics Denmark counted %(moves)s moves from %(municipality)s to these "
            "municipalities in %(first)s–%(last)s, %(percent)s %% of its moves out to other "
            "municipalities."
        ),
        (None, True): _(
            "Statistics Denmark counted %(moves)s moves between %(municipality)s and these "
            "municipalities in %(first)s–%(last)s at the age of %(band)s, %(percent)s %% of its "
            "moves with other municipalities at that age."
        ),
        (None, False): _(
            "Statistics Denmark counted %(moves)s moves between %(municipality)s and these "
            "municipalities in %(first)s–%(last)s, %(percent)s %% of its moves with other "
            "municipalities."
        ),
    }
    return texts[line.direction, flows.band is not None] % values
