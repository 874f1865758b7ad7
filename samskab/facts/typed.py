"""The typed tables made from the staged text of files that passed every check (importer.py).

All codes become integers (municipality 0 = abroad); the moves table gets each end's area from
the typed areas table, so an analysis never converts text again.
"""

from __future__ import annotations

from samskab.facts import columns as col
from samskab.facts.sources import ROW, ident
from samskab.facts.sql import Connection


def create_side_tables(con: Connection) -> None:
    """Create `areas` and `population` from the staged `areas_text` and `population_text`."""
    con.execute(
        f"""CREATE TABLE areas AS
        SELECT CAST(parish AS INTEGER) AS parish, area,
               {col.municipality_code("municipality")} AS municipality,
               CAST(dense_rank() OVER (ORDER BY first_row) AS INTEGER) AS area_order
        FROM (SELECT *, min({ROW}) OVER (PARTITION BY area) AS first_row FROM areas_text)
        ORDER BY area_order, parish"""
    )
    con.execute(
        """CREATE TABLE population AS
        SELECT CAST(year AS INTEGER) AS year, CAST(parish AS INTEGER) AS parish,
               CAST(sum(CAST(population AS BIGINT)) AS BIGINT) AS population
        FROM population_text GROUP BY ALL ORDER BY year, parish"""
    )


def register_values(names: list[str], *, individual: bool) -> str:
    """Return the select list that converts a row of register text with columns `names`
    (moves.csv when `individual`, else flows.csv) into typed values: year, move_date,
    from_municipality, to_municipality, from_parish, to_parish, from_area and to_area (as
    flows.csv gives them), person_id, age, age_band, household_type, sex, weight."""
    values = _moves_values(names) if individual else _flows_values(names)
    household = _optional(names, "household_type", "lower(household_type)")
    v = values
    return f"""CAST({v["year"]} AS INTEGER) AS year, CAST({v["move_date"]} AS DATE) AS move_date,
        {col.municipality_code("from_municipality")} AS from_municipality,
        {col.municipality_code("to_municipality")} AS to_municipality,
        {_optional(names, "from_parish", col.parish_code("from_parish"))} AS from_parish,
        {_optional(names, "to_parish", col.parish_code("to_parish"))} AS to_parish,
        CAST({v["from_area"]} AS VARCHAR) AS from_area,
        CAST({v["to_area"]} AS VARCHAR) AS to_area,
        CAST({v["person_id"]} AS VARCHAR) AS person_id, CAST({v["age"]} AS INTEGER) AS age,
        CAST({v["age_band"]} AS VARCHAR) AS age_band,
        CAST({household} AS VARCHAR) AS household_type,
        CAST({v["sex"]} AS VARCHAR) AS sex, CAST({v["weight"]} AS INTEGER) AS weight"""


def counted(individual: bool) -> str:
    """Return the condition for a row of register text that is kept: a count of 0 is no move."""
    return "TRUE" if individual else "CAST(moves AS BIGINT) > 0"


def moves_select(rows: str, *, extra: str = "") -> str:
    """Return the SELECT of the moves table's columns but seq (moves_file.WRITTEN) from `rows`
    (typed values as `register_values` makes them, aliased `r`), each end's area from the areas
    table (joined as `fa` and `ta`), then the select items `extra`, in no particular order."""
    from_area, to_area = "coalesce(fa.area, r.from_area)", "coalesce(ta.area, r.to_area)"
    return f"""SELECT r.year, r.move_date, r.from_municipality, r.to_municipality,
        r.from_parish, r.to_parish, {from_area} AS from_area, {to_area} AS to_area,
        r.person_id, r.age, r.age_band, r.household_type, r.sex, r.weight,
        coalesce({from_area} = {to_area}, false) AS same_area{extra}
    FROM {rows} r
    LEFT JOIN areas fa ON fa.parish = r.from_parish
    LEFT JOIN areas ta ON ta.parish = r.to_parish"""


def _optional(names: list[str], name: str, expression: str | None = None) -> str:
    if name not in names:
        return "NULL"
    return expression if expression is not None else ident(name)


def _moves_values(names: list[str]) -> dict[str, str]:
    return {
        "year": "year(CAST(move_date AS DATE))",
        "move_date": "move_date",
        "from_area": "NULL",
        "to_area": "NULL",
        "person_id": _optional(names, "person_id"),
        "age": _optional(names, "age"),
        "age_band": "NULL",
        "sex": _optional(names, "sex", "upper(sex)"),
        "weight": "1",
    }


def _flows_values(names: list[str]) -> dict[str, str]:
    return {
        "year": "year",
        "move_date": "NULL",
        "from_area": _optional(names, "from_area"),
        "to_area": _optional(names, "to_area"),
        "person_id": "NULL",
        "age": "NULL",
        "age_band": _optional(names, "age_band"),
        "sex": "NULL",
        "weight": "moves",
    }
