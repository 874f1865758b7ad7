"""Checks that span rows or files: a parish in two areas, duplicate population rows, and a move
whose parish belongs to an area of another municipality than the move says."""

from __future__ import annotations

from samskab.facts import columns as col
from samskab.facts.checks import Check
from samskab.facts.errors import Problem
from samskab.facts.sources import ROW
from samskab.facts.sql import Connection

_LIMIT = 10


def area_problems(con: Connection, table: str, file: str) -> list[Problem]:
    """Return problems with areas.csv as a whole: parishes listed twice, areas across
    municipalities."""
    problems: list[Problem] = []
    twice = con.execute(
        f"""SELECT parish, list({ROW} ORDER BY {ROW}), list(area ORDER BY {ROW}),
                   min({ROW}) AS first_row
        FROM {table} GROUP BY parish HAVING count(*) > 1 ORDER BY first_row LIMIT {_LIMIT}"""
    ).fetchall()
    for parish, rows, areas, _ in twice:
        code = "parish_in_two_areas" if areas[0] != areas[1] else "parish_twice_in_area"
        problems.append(
            Problem.of(
                file,
                code,
                row=int(rows[1]),
                column="parish",
                parish=parish,
                area=areas[0],
                other=areas[1],
                first_row=int(rows[0]),
                second_row=int(rows[1]),
            )
        )
    code = col.municipality_code("municipality")
    spread = con.execute(
        f"""SELECT area, min({ROW}) FILTER (WHERE code <> first_code), any_value(first_code),
                   list(DISTINCT code ORDER BY code)
        FROM (SELECT *, {code} AS code,
                     first({code}) OVER (PARTITION BY area ORDER BY {ROW}) AS first_code
              FROM {table})
        GROUP BY area HAVING count(DISTINCT code) > 1
        ORDER BY 2 LIMIT {_LIMIT}"""
    ).fetchall()
    for area, row, first, codes in spread:
        listed = ", ".join(str(c) for c in codes)
        problems.append(
            Problem.of(
                file,
                "area_across_municipalities",
                row=int(row),
                column="municipality",
                area=area,
                listed=listed,
                first=first,
            )
        )
    return problems


def population_problems(
    con: Connection, table: str, file: str, found: dict[str, list[str]]
) -> list[Problem]:
    """Return a problem per parish and year given twice when no age or sex column splits them."""
    names = found["population_text"]
    if "age" in names or "sex" in names:
        return []
    duplicates = con.execute(
        f"""SELECT year, parish, list({ROW} ORDER BY {ROW}), min({ROW}) AS first_row FROM {table}
        GROUP BY year, parish HAVING count(*) > 1 ORDER BY first_row LIMIT {_LIMIT}"""
    ).fetchall()
    return [
        Problem.of(
            file,
            "two_populations",
            row=int(rows[1]),
            column="parish",
            parish=parish,
            year=year,
            first_row=int(rows[0]),
            second_row=int(rows[1]),
        )
        for year, parish, rows, _ in duplicates
    ]


def placement_checks(names: list[str], *, individual: bool) -> list[Check]:
    """Return checks that a row's parishes and areas agree with areas.csv."""
    checks: list[Check] = []
    for side in ("from", "to"):
        municipality = col.municipality_code(f"{side}_municipality")
        if f"{side}_parish" in names:
            checks.append(_parish_in_other_municipality(side, municipality))
        if not individual and f"{side}_area" in names:
            checks += _area_checks(side, municipality, has_parish=f"{side}_parish" in names)
    return checks


def _areas_of(condition: str) -> str:
    return f"EXISTS (SELECT 1 FROM areas_text a WHERE {condition})"


def _parish_in_other_municipality(side: str, municipality: str) -> Check:
    parish = col.parish_code(f"{side}_parish")
    area_municipality = col.municipality_code("municipality", table="a")
    return Check(
        f"{side}_parish",
        _areas_of(
            f"CAST(a.parish AS INTEGER) = {parish} AND {area_municipality} <> {municipality}"
        ),
        "parish_other_municipality",
        {"side": side},
    )


def _area_checks(side: str, municipality: str, *, has_parish: bool) -> list[Check]:
    column = f"{side}_area"
    area_municipality = col.municipality_code("municipality", table="a")
    checks = [
        Check(
            column,
            f"{column} IS NOT NULL AND NOT {_areas_of(f'a.area = {column}')}",
            "not_an_area",
        ),
        Check(
            column,
            _areas_of(f"a.area = {column} AND {area_municipality} <> {municipality}"),
            "area_other_municipality",
            {"side": side},
        ),
    ]
    if has_parish:
        parish = col.parish_code(f"{side}_parish")
        checks.append(
            Check(
                column,
                _areas_of(f"CAST(a.parish AS INTEGER) = {parish} AND a.area <> {column}"),
                "area_lacks_parish",
                {"side": side},
            )
        )
    return checks
