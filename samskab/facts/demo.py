"""Demo data: a fictional rural municipality's moves, areas, population and parish boundaries.

The files follow the data contract, so every analysis of the fact base can be tried without a
real (and personal) move register. The same seed always gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from samskab.facts.demo_people import FIRST_YEAR, LAST_YEAR, Move, Register
from samskab.facts.demo_places import AREAS, MUNICIPALITY, Parish, parish_features, parishes
from samskab.facts.demo_sim import simulate
from samskab.facts.municipalities import ABROAD, municipality_name

FILES = {
    "areas": "areas.csv",
    "population": "population.csv",
    "moves": "moves.csv",
    "parishes": "parishes.geojson",
    "survey": "survey.csv",
    "readme": "README.txt",
}
STATBANK = "statbank"  # the folder of StatBank files beside them
MOVE_COLUMNS = (
    "move_date", "from_municipality", "to_municipality", "from_parish", "to_parish",
    "person_id", "age", "household_type", "sex",
)  # fmt: skip

_README = """\
samskab demo data (seed {seed})

Everything in this folder is synthetic. The municipality borrows the code 760 and a place on
the Danish west coast, but its {parishes} parishes, {areas} areas, their names, parish codes
(9901-{last_code}), boundaries, residents and moves are invented by a simulation. No real person
is behind any row.

Files: areas.csv, population.csv (residents on 1 January {first}-{end}), moves.csv (moves
{first}-{last}), parishes.geojson (parish boundaries, WGS84), survey.csv (answers of in- and
out-movers to a settlement survey), statbank/ (what Statistics Denmark would publish of these
moves and residents: FLY66, BEV107, FOLK1A and KM1, as its API writes them). Made by: samskab
demo-data.

Alle data i denne mappe er opdigtede (syntetiske) og handler ikke om virkelige personer.
"""


def write_register_data(out_dir: Path, *, seed: int = 2016) -> dict[str, Path]:
    """Write the fact base's files of a fictional municipality into out_dir (areas, population,
    moves, parish boundaries, README); return every demo file's path by kind, the survey's
    too, which samskab.demo_data writes beside them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    places = parishes()
    register = simulate(places, seed=seed)
    paths = {kind: out_dir / name for kind, name in FILES.items()}
    _write_csv(paths["areas"], ("parish", "area", "municipality"), _area_rows(places))
    _write_csv(paths["population"], ("year", "parish", "population"), _population_rows(register))
    _write_csv(paths["moves"], MOVE_COLUMNS, _move_rows(register.moves))
    geojson = json.dumps(parish_features(), ensure_ascii=False, separators=(",", ":"))
    paths["parishes"].write_text(geojson + "\n", encoding="utf-8")
    paths["readme"].write_text(_readme(seed, places), encoding="utf-8")
    paths["statbank"] = out_dir / STATBANK
    write_statbank(paths["statbank"], register, places)
    return paths


def write_statbank(folder: Path, register: Register, places: tuple[Parish, ...]) -> None:
    """Write what Statistics Denmark would publish of the register, as its API writes it:
    FLY66 (moves between the municipality and the others, by age and sex), BEV107 (its moves
    in, out, immigration and emigration), FOLK1A (its population) and KM1 (its parishes')."""
    folder.mkdir(parents=True, exist_ok=True)
    fly66: Counter[tuple[int, int, int, int, int]] = Counter()
    bev107: Counter[tuple[int, str]] = Counter()
    for move in register.moves:
        year, source, to = move.date.year, move.from_municipality, move.to_municipality
        if source == to:
            continue
        if ABROAD not in (source, to):
            fly66[to, source, move.age, 2 if move.female else 1, year] += 1
        movement = _MOVEMENTS[source == ABROAD, to == ABROAD, to == MUNICIPALITY]
        bev107[year, movement] += 1
    _write_api(folder / "FLY66_demo.csv", ("TILKOMMUNE", "FRAKOMMUNE", "ALDER", "KØN", "TID"),
               sorted(fly66.items()))  # fmt: skip
    name = municipality_name(MUNICIPALITY)
    _write_api(folder / "BEV107_demo.csv", ("OMRÅDE", "BEVÆGELSE", "TID"),
               [((name, movement, year), count) for (year, movement), count
                in sorted(bev107.items())])  # fmt: skip
    years = sorted(register.population)
    residents = [((MUNICIPALITY, f"{y}K1"), int(register.population[y].sum())) for y in years]
    _write_api(folder / "FOLK1A_demo.csv", ("OMRÅDE", "TID"), residents)
    _write_api(folder / "KM1_demo.csv", ("SOGN", "TID"),
               [((f"{p.code} {p.name}", f"{y}K1"), int(register.population[y][p.index]))
                for y in years for p in places])  # fmt: skip


# BEV107's movement of a move between municipalities: (from abroad, to abroad, into the demo).
_MOVEMENTS = {
    (True, False, True): "Indvandrede",
    (False, True, False): "Udvandrede",
    (False, False, True): "Tilflyttede",
    (False, False, False): "Fraflyttede",
}


def _write_api(
    path: Path, variables: tuple[str, ...], rows: Iterable[tuple[tuple[object, ...], int]]
) -> None:
    """Write a StatBank API CSV answer: the variables' codes and INDHOLD, semicolon separated."""
    lines = [";".join((*variables, "INDHOLD"))]
    lines.extend(";".join([*map(str, keys), str(count)]) for keys, count in rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    """Write a UTF-8 CSV file with a header row and Unix line endings."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _area_rows(places: tuple[Parish, ...]) -> list[tuple[object, ...]]:
    """Return areas.csv rows, area by area."""
    return [(p.code, p.area.name, MUNICIPALITY) for p in places]


def _population_rows(register: Register) -> list[tuple[object, ...]]:
    """Return population.csv rows: residents per parish on 1 January of each year."""
    places = parishes()
    return [
        (year, place.code, int(counts[place.index]))
        for year, counts in sorted(register.population.items())
        for place in places
    ]


def _municipality_code(code: int) -> str:
    """Return a municipality as the contract writes it: its code, or "abroad"."""
    return "abroad" if code == ABROAD else str(code)


def _move_rows(moves: list[Move]) -> list[tuple[object, ...]]:
    """Return moves.csv rows in date order, then by person."""
    rows = [
        (
            move.date.isoformat(),
            _municipality_code(move.from_municipality),
            _municipality_code(move.to_municipality),
            "" if move.from_parish is None else move.from_parish,
            "" if move.to_parish is None else move.to_parish,
            f"P{move.person:06d}",
            move.age,
            move.household_type,
            "F" if move.female else "M",
        )
        for move in moves
    ]
    return sorted(rows, key=lambda row: (row[0], row[5]))


def _readme(seed: int, places: tuple[Parish, ...]) -> str:
    """Return the text of README.txt."""
    return _README.format(
        seed=seed,
        parishes=len(places),
        areas=len(AREAS),
        last_code=places[-1].code,
        first=FIRST_YEAR,
        last=LAST_YEAR,
        end=LAST_YEAR + 1,
    )
