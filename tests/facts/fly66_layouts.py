"""FLY66 in every layout StatBank gives it in, generated from one set of counts (no stored files).

`COUNTS` holds moves between five municipalities by year, single-year age and sex, made by a
seeded generator. `api_long` writes them as the API's long format (one count a line: the
reference), and `LAYOUTS` writes the same counts as statistikbanken.dk downloads do: with any
variable in the stub (the labels on the left) or across the columns, with or without title and
heading lines, split over several files by sex and age, in ISO-8859-1 or UTF-8.

In a download, every combination of the stub's variables is a line; a label the web interface
shows only once (an outer variable's) is left empty on the lines below it, as it writes them.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

MUNICIPALITIES = [
    ("101", "København"),
    ("147", "Frederiksberg"),
    ("657", "Herning"),
    ("661", "Holstebro"),
    ("760", "Ringkøbing-Skjern"),
]
YEARS = ["2023", "2024"]
AGES = [(str(a), f"{a} år") for a in range(20)]
SEXES = [("1", "Mænd"), ("2", "Kvinder")]
TITLE = (
    "Flytninger mellem kommuner efter tilflytningskommune, fraflytningskommune, alder, køn og tid"
)
UNIT = "Enhed: antal"


def _counts() -> dict[tuple[str, str, str, str, str], int]:
    """Return moves by (year, to code, from code, age code, sex code); 0 from a place to itself."""
    rng = random.Random(66)
    counts = {}
    for year, (to, _), (source, _), (age, _), (sex, _) in itertools.product(
        YEARS, MUNICIPALITIES, MUNICIPALITIES, AGES, SEXES
    ):
        big = {to, source} == {"101", "147"}  # København and Frederiksberg trade many people
        moves = 0 if to == source else rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 40 if big else 21])
        counts[(year, to, source, age, sex)] = moves * (30 if big else 1)
    return counts


COUNTS = _counts()
TO = {code: f"Til {name}" for code, name in MUNICIPALITIES}
FROM = {code: f"Fra {name}" for code, name in MUNICIPALITIES}
NAMES = dict(MUNICIPALITIES)

# A variable of FLY66: its values as (code, web label) pairs.
VARIABLES: dict[str, list[tuple[str, str]]] = {
    "to": [(code, TO[code]) for code, _ in MUNICIPALITIES],
    "from": [(code, FROM[code]) for code, _ in MUNICIPALITIES],
    "year": [(y, y) for y in YEARS],
    "age": AGES,
    "sex": SEXES,
}
_KEY_ORDER = ("year", "to", "from", "age", "sex")
STUB_NAMES = {
    "to": "tilflytningskommune", "from": "fraflytningskommune", "year": "tid", "age": "alder",
    "sex": "køn",
}  # fmt: skip


def count(values: dict[str, str]) -> int:
    """Return the moves of one combination of codes, summed over the variables not given."""
    keys = [[values[v]] if v in values else [c for c, _ in VARIABLES[v]] for v in _KEY_ORDER]
    return sum(COUNTS[key] for key in itertools.product(*keys))  # type: ignore[index]


def api_long(labels: bool = False, bulk: bool = False) -> str:
    """Return the API's long format: TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;INDHOLD, codes or labels;
    BULK leaves out the lines with nothing."""
    lines = ["TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;INDHOLD"]
    for (year, to, source, age, sex), moves in sorted(COUNTS.items()):
        if bulk and moves == 0:
            continue
        if labels:
            cells = [NAMES[to], NAMES[source], f"{age} år", dict(SEXES)[sex], year]
        else:
            cells = [to, source, age, sex, year]
        lines.append(";".join([*cells, str(moves)]))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Download:
    """How one statistikbanken.dk download was asked for and saved."""

    stub: Sequence[str]  # the variables on the left, outermost first
    across: Sequence[str] = ()  # the variables across the columns, outermost first
    headings: bool = True  # the heading lines above the counts (the "med overskrift" choice)
    title: bool = False  # the table's title and unit above, the source below
    quote: bool = True  # labels in double quotes, as the web interface writes them
    repeat: bool = False  # every label written on every line (not left empty below the first)
    total_age: bool = False  # "Alder i alt" next to the single ages
    only: Sequence[tuple[str, Sequence[str]]] = ()  # (variable, codes): a part of the table
    total_sex: bool = False  # the sexes' total ("I alt") next to Mænd and Kvinder
    names: bool = False  # the last heading line names the stub's variables above their labels

    def values(self, variable: str) -> list[tuple[str, str]]:
        chosen = dict(self.only).get(variable)
        values = [v for v in VARIABLES[variable] if chosen is None or v[0] in chosen]
        if variable == "age" and self.total_age:
            values = [("IALT", "Alder i alt"), *values]
        if variable == "sex" and self.total_sex:
            values = [("TOT", "I alt"), *values]
        return values

    def text(self) -> str:
        """Return the file as the web interface writes it."""
        label = (lambda s: f'"{s}"') if self.quote else (lambda s: s)
        columns = list(itertools.product(*(self.values(v) for v in self.across)))
        lines = []
        if self.title:
            lines += [label(TITLE), label(UNIT)]
        if self.headings:
            for depth in range(len(self.across)):
                cells = [""] * len(self.stub)
                if self.names and depth == len(self.across) - 1:
                    cells = [label(STUB_NAMES[v]) for v in self.stub]
                previous = None
                for column in columns:
                    # An outer variable's label stands above the first column of its block only.
                    outer = tuple(v[1] for v in column[: depth + 1])
                    shown = outer != previous or depth == len(self.across) - 1
                    cells.append(label(column[depth][1]) if shown else "")
                    previous = outer
                lines.append(";".join(label("") if c == "" else c for c in cells))
        previous_stub: tuple[str, ...] = ()
        for combination in itertools.product(*(self.values(v) for v in self.stub)):
            shown = []
            for i, (_, text) in enumerate(combination):
                same = [c[1] for c in combination[: i + 1]] == list(previous_stub[: i + 1])
                shown.append("" if same and not self.repeat else text)
            previous_stub = tuple(c[1] for c in combination)
            given = {v: c[0] for v, c in zip(self.stub, combination, strict=True)}
            counts = [
                self._count({**given, **{v: c[0] for v, c in zip(self.across, col, strict=True)}})
                for col in columns
            ]
            lines.append(";".join([*(label(s) for s in shown), *map(str, counts)]))
        if self.title:
            lines.append(label("Kilde: Danmarks Statistik"))
        return "\r\n".join(lines) + "\r\n"

    def _count(self, codes: dict[str, str]) -> int:
        given = {v: c for v, c in codes.items() if c not in ("IALT", "TOT")}
        for variable, chosen in self.only:
            if variable not in codes:
                return sum(count({**given, variable: c}) for c in chosen)
        return count(given)


@dataclass(frozen=True)
class Layout:
    """A layout: its files (name, the download, encoding)."""

    name: str
    files: list[tuple[str, Download, str]]

    def write(self) -> Iterable[tuple[str, bytes]]:
        for name, download, encoding in self.files:
            yield name, download.text().encode(encoding)


def _split(
    name: str, make: Callable[[str, list[str]], Download], encoding: str
) -> list[tuple[str, Download, str]]:
    """Return one file per sex and block of ten ages, as a download too large for one file."""
    blocks = [[c for c, _ in AGES[:10]], [c for c, _ in AGES[10:]]]
    return [
        (f"{name}_{sex_name.lower()}_{block[0]}-{block[-1]}.csv", make(sex, block), encoding)
        for sex, sex_name in SEXES
        for block in blocks
    ]


def _by_sex_and_age(
    stub: Sequence[str], headings: bool, title: bool, repeat: bool = False
) -> Callable[[str, list[str]], Download]:
    return lambda sex, block: Download(
        stub,
        ("age",),
        headings=headings,
        title=title,
        repeat=repeat,
        only=(("sex", [sex]), ("age", block)),
    )


LAYOUTS = [
    Layout("stub-all-latin1", [("fly66.csv", Download(("to", "from", "age", "sex", "year"), title=True), "latin-1")]),
    Layout("stub-all-repeated-utf8", [("fly66.csv", Download(("year", "sex", "age", "to", "from"), headings=False, repeat=True, quote=False), "utf-8")]),
    Layout("stub-totals-of-age-and-sex", [("fly66.csv", Download(("to", "from", "sex", "age", "year"), total_age=True, total_sex=True), "utf-8-sig")]),
    Layout("years-across", [("fly66.csv", Download(("to", "from", "age", "sex"), ("year",), title=True), "latin-1")]),
    Layout("years-across-stub-named", [("fly66.csv", Download(("to", "from", "sex", "age"), ("year",), names=True, quote=False), "utf-8")]),
    Layout("sexes-across", [("fly66.csv", Download(("year", "to", "from", "age"), ("sex",)), "utf-8")]),
    Layout("sexes-across-with-total", [("fly66.csv", Download(("year", "to", "from", "age"), ("sex",), total_sex=True), "latin-1")]),
    Layout("ages-across-with-total", [("fly66.csv", Download(("sex", "year", "to", "from"), ("age",), total_age=True, title=True), "utf-8")]),
    Layout("years-over-sexes-across", [("fly66.csv", Download(("to", "from", "age"), ("year", "sex"), title=True), "latin-1")]),
    Layout("to-municipalities-across", [("fly66.csv", Download(("from", "year", "sex", "age"), ("to",)), "utf-8")]),
    Layout("sexes-across-no-heading", [("fly66.csv", Download(("year", "to", "from", "age"), ("sex",), headings=False), "latin-1")]),
    Layout("ages-across-no-heading-split-latin1", _split("fly66", _by_sex_and_age(("sex", "year", "to", "from"), False, False, repeat=True), "latin-1")),
    Layout("ages-across-no-heading-split-titled-utf8", _split("fly66", _by_sex_and_age(("sex", "year", "to", "from"), False, True), "utf-8")),
    Layout("ages-across-headed-split-titled-utf8", _split("fly66", _by_sex_and_age(("sex", "year", "to", "from"), True, True), "utf-8-sig")),
    Layout("ages-across-headed-split-latin1", _split("fly66", _by_sex_and_age(("to", "from", "sex", "year"), True, False), "latin-1")),
    Layout("age-and-sex-summed-by-statbank", [("fly66.csv", Download(("to", "from", "year"), headings=False, quote=False), "latin-1")]),
]  # fmt: skip
