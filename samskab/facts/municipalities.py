"""The official list of Danish municipalities, and the names other sources use for them.

Codes are Statistics Denmark's three-digit municipality codes (DAGI writes them with a leading
zero, "0760"); region codes are Statistics Denmark's (81 Nordjylland ... 85 Sjælland), which are
DAGI's REGIONKODE minus 1000. The table holds the 98 municipalities and Christiansø (411), as in
DAGI's municipality layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

ABROAD = 0
"""The code used for "abroad" in every table of the fact base."""


@dataclass(frozen=True)
class Municipality:
    code: int
    name: str
    region: int


_TABLE: tuple[tuple[int, str, int], ...] = (
    (101, "København", 84),
    (147, "Frederiksberg", 84),
    (151, "Ballerup", 84),
    (153, "Brøndby", 84),
    (155, "Dragør", 84),
    (157, "Gentofte", 84),
    (159, "Gladsaxe", 84),
    (161, "Glostrup", 84),
    (163, "Herlev", 84),
    (165, "Albertslund", 84),
    (167, "Hvidovre", 84),
    (169, "Høje Taastrup", 84),
    (173, "Lyngby-Taarbæk", 84),
    (175, "Rødovre", 84),
    (183, "Ishøj", 84),
    (185, "Tårnby", 84),
    (187, "Vallensbæk", 84),
    (190, "Furesø", 84),
    (201, "Allerød", 84),
    (210, "Fredensborg", 84),
    (217, "Helsingør", 84),
    (219, "Hillerød", 84),
    (223, "Hørsholm", 84),
    (230, "Rudersdal", 84),
    (240, "Egedal", 84),
    (250, "Frederikssund", 84),
    (253, "Greve", 85),
    (259, "Køge", 85),
    (260, "Halsnæs", 84),
    (265, "Roskilde", 85),
    (269, "Solrød", 85),
    (270, "Gribskov", 84),
    (306, "Odsherred", 85),
    (316, "Holbæk", 85),
    (320, "Faxe", 85),
    (326, "Kalundborg", 85),
    (329, "Ringsted", 85),
    (330, "Slagelse", 85),
    (336, "Stevns", 85),
    (340, "Sorø", 85),
    (350, "Lejre", 85),
    (360, "Lolland", 85),
    (370, "Næstved", 85),
    (376, "Guldborgsund", 85),
    (390, "Vordingborg", 85),
    (400, "Bornholm", 84),
    (410, "Middelfart", 83),
    (411, "Christiansø", 84),
    (420, "Assens", 83),
    (430, "Faaborg-Midtfyn", 83),
    (440, "Kerteminde", 83),
    (450, "Nyborg", 83),
    (461, "Odense", 83),
    (479, "Svendborg", 83),
    (480, "Nordfyns", 83),
    (482, "Langeland", 83),
    (492, "Ærø", 83),
    (510, "Haderslev", 83),
    (530, "Billund", 83),
    (540, "Sønderborg", 83),
    (550, "Tønder", 83),
    (561, "Esbjerg", 83),
    (563, "Fanø", 83),
    (573, "Varde", 83),
    (575, "Vejen", 83),
    (580, "Aabenraa", 83),
    (607, "Fredericia", 83),
    (615, "Horsens", 82),
    (621, "Kolding", 83),
    (630, "Vejle", 83),
    (657, "Herning", 82),
    (661, "Holstebro", 82),
    (665, "Lemvig", 82),
    (671, "Struer", 82),
    (706, "Syddjurs", 82),
    (707, "Norddjurs", 82),
    (710, "Favrskov", 82),
    (727, "Odder", 82),
    (730, "Randers", 82),
    (740, "Silkeborg", 82),
    (741, "Samsø", 82),
    (746, "Skanderborg", 82),
    (751, "Aarhus", 82),
    (756, "Ikast-Brande", 82),
    (760, "Ringkøbing-Skjern", 82),
    (766, "Hedensted", 82),
    (773, "Morsø", 81),
    (779, "Skive", 82),
    (787, "Thisted", 81),
    (791, "Viborg", 82),
    (810, "Brønderslev", 81),
    (813, "Frederikshavn", 81),
    (820, "Vesthimmerlands", 81),
    (825, "Læsø", 81),
    (840, "Rebild", 81),
    (846, "Mariagerfjord", 81),
    (849, "Jammerbugt", 81),
    (851, "Aalborg", 81),
    (860, "Hjørring", 81),
)

MUNICIPALITIES: tuple[Municipality, ...] = tuple(Municipality(*row) for row in _TABLE)

# Spellings other sources use for the same municipality: StatBank labels, older names, the
# names with "Kommune", and DAGI's "Høje Taastrup" against StatBank's "Høje-Taastrup".
_VARIANTS: dict[str, int] = {
    "Høje-Taastrup": 169,
    "Københavns": 101,
    "Bornholms Regionskommune": 400,
    "Bornholms": 400,
    "Århus": 751,
    "Brønderslev-Dronninglund": 810,
    "Lyngby Taarbæk": 173,
    "Aeroe": 492,
    "Aero": 492,
    "Copenhagen": 101,
}


def _key(label: str) -> str:
    """Return a spelling-insensitive key: case, hyphens, "Kommune", and aa/å folded."""
    text = label.casefold().strip()
    text = re.sub(r"\b(regions)?kommune\b", "", text)
    text = text.replace("-", " ").replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
    return " ".join(text.split())


@cache
def _by_key() -> dict[str, int]:
    keys = {_key(m.name): m.code for m in MUNICIPALITIES}
    keys.update({_key(label): code for label, code in _VARIANTS.items()})
    return keys


@cache
def _by_code() -> dict[int, Municipality]:
    return {m.code: m for m in MUNICIPALITIES}


def municipality_codes() -> frozenset[int]:
    """Return the set of official municipality codes (99, Christiansø included)."""
    return frozenset(_by_code())


def municipality(code: int) -> Municipality:
    """Return the municipality with this code; KeyError when there is none."""
    return _by_code()[code]


def municipality_name(code: int) -> str:
    """Return the official name for a code, "abroad" for ABROAD, or the code itself if unknown."""
    if code == ABROAD:
        return "abroad"
    found = _by_code().get(code)
    return found.name if found else str(code)


def resolve_municipality(label: str) -> int | None:
    """Return the code of a municipality named by any known spelling, or None.

    Accepts official names and their variants ("Høje Taastrup", "Høje-Taastrup", "Aarhus",
    "Århus Kommune"), StatBank's prefixed labels ("Til Herning", "Fra Herning"), and codes
    ("760", "0760", "760 Ringkøbing-Skjern").
    """
    text = label.strip()
    text = re.sub(r"^(til|fra)\s+", "", text, flags=re.IGNORECASE)
    code_match = re.match(r"^0?(\d{3})\b", text)
    if code_match:
        code = int(code_match.group(1))
        return code if code in _by_code() else None
    return _by_key().get(_key(text))
