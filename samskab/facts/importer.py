"""Import the contract's files into typed DuckDB tables, or refuse them with every problem found.

Tables written (all integer codes; municipality 0 = abroad):
- `areas(parish, area, municipality, area_order)`: area_order is the order areas first appear.
- `population(year, parish, population)`: summed over any age/sex split.
- `moves(seq, year, move_date, from_municipality, to_municipality, from_parish, to_parish,
  from_area, to_area, person_id, age, age_band, household_type, sex, weight, same_area)`: one
  row per move (weight 1) from moves.csv, or one row per count (weight = moves) from
  flows.csv, so every analysis that does not follow a person reads both the same way.
  `same_area` is true for a move inside one area (both parishes in it): no migration there.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from samskab.facts import columns as col
from samskab.facts.checks import Check, required_columns, run_checks
from samskab.facts.errors import InputError, Problem
from samskab.facts.sources import ROW, ident, stage
from samskab.facts.validation import area_problems, placement_checks, population_problems

MOVES_COLUMNS = (
    "move_date",
    "from_municipality",
    "to_municipality",
    "from_parish",
    "to_parish",
    "person_id",
    "age",
    "household_type",
    "sex",
)
FLOWS_COLUMNS = (
    "year",
    "from_municipality",
    "to_municipality",
    "from_parish",
    "to_parish",
    "from_area",
    "to_area",
    "age_band",
    "household_type",
    "moves",
)
AREAS_COLUMNS = ("parish", "area", "municipality")
POPULATION_COLUMNS = ("year", "parish", "population", "age", "sex")


def import_files(
    con: duckdb.DuckDBPyConnection,
    *,
    areas: Path,
    population: Path,
    moves: Path | None = None,
    flows: Path | None = None,
) -> list[str]:
    """Create the typed tables in `con` from the files; return warnings (ignored columns).

    Raises InputError with every problem found; then no typed table has been created.
    """
    if (moves is None) == (flows is None):
        raise InputError([Problem("moves.csv", "give either a moves file or a flows file")])
    warnings: list[str] = []
    staged = {
        "areas_text": (areas, AREAS_COLUMNS, ["parish", "area", "municipality"]),
        "population_text": (population, POPULATION_COLUMNS, ["year", "parish", "population"]),
    }
    if moves is not None:
        staged["register_text"] = (moves, MOVES_COLUMNS, list(MOVES_COLUMNS[:3]))
    if flows is not None:
        staged["register_text"] = (flows, FLOWS_COLUMNS, ["year", *FLOWS_COLUMNS[1:3], "moves"])
    found: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for name, spec in staged.items():
        try:
            found[name] = _stage(con, name, *spec, warnings)
        except InputError as error:  # every file's CPR and header problems at once
            problems += error.problems
    if problems:
        raise InputError(problems)
    problems = _validate(con, found, moves is not None, staged)
    if problems:
        raise InputError(problems)
    _create_typed(con, found, individual=moves is not None)
    return warnings


def _stage(
    con: duckdb.DuckDBPyConnection,
    table: str,
    path: Path,
    known: tuple[str, ...],
    required: list[str],
    warnings: list[str],
) -> list[str]:
    names = stage(con, path, table)
    missing = required_columns(path.name, names, required)
    if missing:
        raise InputError(missing)
    warnings.extend(
        f"{path.name}: the column '{name}' is not used and was ignored"
        for name in names
        if name not in known
    )
    return names


def _validate(
    con: duckdb.DuckDBPyConnection,
    found: dict[str, list[str]],
    individual: bool,
    staged: dict[str, tuple[Path, tuple[str, ...], list[str]]],
) -> list[Problem]:
    files = {table: spec[0].name for table, spec in staged.items()}
    problems = run_checks(con, "areas_text", files["areas_text"], _areas_checks())
    if not problems:
        problems += area_problems(con, "areas_text", files["areas_text"])
    problems += run_checks(
        con, "population_text", files["population_text"], _population_checks(found)
    )
    if not problems:
        problems += population_problems(con, "population_text", files["population_text"], found)
    register_checks = _moves_checks(found) if individual else _flows_checks(found)
    register_problems = run_checks(con, "register_text", files["register_text"], register_checks)
    register_problems = register_problems or _emptiness(con, files["register_text"], individual)
    if not problems and not register_problems:
        # Only rows whose codes are well-formed can be held against areas.csv.
        placement = placement_checks(found["register_text"], individual=individual)
        register_problems = run_checks(con, "register_text", files["register_text"], placement)
    return problems + register_problems


def _emptiness(con: duckdb.DuckDBPyConnection, file: str, individual: bool) -> list[Problem]:
    """Return a problem when the register holds no move at all: a file with only its header,
    or counts that are all 0 (a figure of zeros would look like a real answer)."""
    moves = "COUNT(*)" if individual else "coalesce(sum(CAST(moves AS BIGINT)), 0)"
    rows, total = con.execute(f"SELECT COUNT(*), {moves} FROM register_text").fetchone() or (0, 0)
    if rows == 0:
        return [Problem(file, "has a header but no rows; expected one row per move or count")]
    if total == 0:
        return [Problem(file, f"holds no moves: the column moves is 0 in all {rows:,} row(s)")]
    return []


def _areas_checks() -> list[Check]:
    return [
        *col.parish_checks("parish", required=True),
        Check("area", "area IS NULL", "is empty; expected the name of an area"),
        *col.municipality_checks("municipality", allow_abroad=False),
    ]


def _population_checks(found: dict[str, list[str]]) -> list[Check]:
    checks = [
        *col.whole_number_checks("year", low=1900, high=2100, required=True, what="a year"),
        *col.parish_checks("parish", required=True),
        *col.whole_number_checks(
            "population", low=0, high=None, required=True, what="a number of residents"
        ),
    ]
    if "age" in found["population_text"]:
        checks += col.whole_number_checks(
            "age", low=0, high=col.MAX_AGE, required=False, what="an age"
        )
    return checks


def _moves_checks(found: dict[str, list[str]]) -> list[Check]:
    names = found["register_text"]
    checks = [
        *col.date_checks("move_date"),
        *col.municipality_checks("from_municipality"),
        *col.municipality_checks("to_municipality"),
    ]
    checks += _optional_checks(names)
    if "age" in names:
        checks += col.whole_number_checks(
            "age", low=0, high=col.MAX_AGE, required=False, what="an age in whole years"
        )
    if "sex" in names:
        checks += col.choice_checks("sex", ("m", "f"))
    return checks


def _flows_checks(found: dict[str, list[str]]) -> list[Check]:
    names = found["register_text"]
    checks = [
        *col.whole_number_checks("year", low=1900, high=2100, required=True, what="a year"),
        *col.municipality_checks("from_municipality"),
        *col.municipality_checks("to_municipality"),
        # The typed table keeps a count as a 32-bit integer.
        *col.whole_number_checks("moves", low=0, high=2**31 - 1, required=True, what="a count"),
    ]
    checks += _optional_checks(names)
    if "age_band" in names:
        checks += col.age_band_checks("age_band")
    return checks


def _optional_checks(names: list[str]) -> list[Check]:
    checks: list[Check] = []
    for side in ("from", "to"):
        if f"{side}_parish" in names:
            checks += col.parish_checks(f"{side}_parish", municipality=f"{side}_municipality")
    if "household_type" in names:
        checks += col.choice_checks("household_type", col.HOUSEHOLD_TYPES)
    return checks


def _create_typed(
    con: duckdb.DuckDBPyConnection, found: dict[str, list[str]], *, individual: bool
) -> None:
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
    select = (
        _moves_select(found["register_text"])
        if individual
        else _flows_select(found["register_text"])
    )
    con.execute(f"CREATE TABLE moves AS {select}")


def _optional(names: list[str], name: str, expression: str | None = None) -> str:
    if name not in names:
        return "NULL"
    return expression if expression is not None else ident(name)


def _placement(names: list[str]) -> str:
    return f"""{col.municipality_code("from_municipality")} AS from_municipality,
        {col.municipality_code("to_municipality")} AS to_municipality,
        {_optional(names, "from_parish", col.parish_code("from_parish"))} AS from_parish,
        {_optional(names, "to_parish", col.parish_code("to_parish"))} AS to_parish"""


def _moves_select(names: list[str]) -> str:
    return _register_select(
        names,
        year="year(CAST(r.move_date AS DATE))",
        move_date="CAST(r.move_date AS DATE)",
        from_area="fa.area",
        to_area="ta.area",
        person_id=_optional(names, "person_id"),
        age=_optional(names, "age"),
        age_band="NULL",
        sex=_optional(names, "sex", "upper(sex)"),
        weight="1",
        where="TRUE",
    )


def _flows_select(names: list[str]) -> str:
    return _register_select(
        names,
        year="r.year",
        move_date="NULL",
        from_area=f"coalesce(fa.area, {_optional(names, 'from_area')})",
        to_area=f"coalesce(ta.area, {_optional(names, 'to_area')})",
        person_id="NULL",
        age="NULL",
        age_band=_optional(names, "age_band"),
        sex="NULL",
        weight="r.moves",
        where="CAST(r.moves AS BIGINT) > 0",
    )


def _register_select(names: list[str], *, where: str, **values: str) -> str:
    """Return the SELECT that makes the typed moves table from either register file."""
    household = _optional(names, "household_type", "lower(household_type)")
    from_parish = _optional(names, "from_parish", col.parish_code("from_parish"))
    to_parish = _optional(names, "to_parish", col.parish_code("to_parish"))
    v = values
    return f"""SELECT *, coalesce(from_area = to_area, false) AS same_area FROM (
    SELECT CAST(r.{ROW} AS BIGINT) AS seq,
        CAST({v["year"]} AS INTEGER) AS year, CAST({v["move_date"]} AS DATE) AS move_date,
        {_placement(names)},
        CAST({v["from_area"]} AS VARCHAR) AS from_area, CAST({v["to_area"]} AS VARCHAR) AS to_area,
        CAST({v["person_id"]} AS VARCHAR) AS person_id, CAST({v["age"]} AS INTEGER) AS age,
        CAST({v["age_band"]} AS VARCHAR) AS age_band,
        CAST({household} AS VARCHAR) AS household_type,
        CAST({v["sex"]} AS VARCHAR) AS sex, CAST({v["weight"]} AS INTEGER) AS weight
    FROM register_text r
    LEFT JOIN areas fa ON fa.parish = {from_parish}
    LEFT JOIN areas ta ON ta.parish = {to_parish}
    WHERE {where}
    ) ORDER BY seq"""
