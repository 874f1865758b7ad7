"""Import the contract's files into typed DuckDB tables, or refuse them with every problem found.

Tables written (all integer codes; municipality 0 = abroad):
- `areas(parish, area, municipality, area_order)`: area_order is the order areas first appear.
- `population(year, parish, population)`: summed over any age/sex split.
- `moves(seq, year, move_date, from_municipality, to_municipality, from_parish, to_parish,
  from_area, to_area, person_id, age, age_band, household_type, sex, weight, same_area)`: one
  row per move (weight 1) from moves.csv, or one row per count (weight = moves) from
  flows.csv, so every analysis that does not follow a person reads both the same way.
  `same_area` is true for a move inside one area (both parishes in it): no migration there;
  `seq` is the move's place in the register (moves_file.py). A view over the Parquet file the
  moves are written to.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import duckdb

from samskab.facts import columns as col
from samskab.facts import cpr, moves_file, one_pass
from samskab.facts.checks import Check, required_columns, run_checks
from samskab.facts.errors import FactsError, InputError, Problem
from samskab.facts.sources import ROW, csv_records, is_csv, stage
from samskab.facts.sql import Connection
from samskab.facts.typed import counted, create_side_tables, moves_select, register_values
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


Spec = tuple[Path, tuple[str, ...], list[str]]  # a file, its known and its required columns
P = TypeVar("P")
SIDE_FILES = ("areas_text", "population_text")


def import_files(
    con: duckdb.DuckDBPyConnection,
    *,
    areas: Path,
    population: Path,
    written: Path,
    moves: Path | None = None,
    flows: Path | None = None,
) -> list[str]:
    """Create the typed tables in `con` from the files, the moves written to the Parquet file
    `written`; return warnings (ignored columns).

    Raises InputError with every problem found; then no typed table has been created and
    nothing is left at `written`.
    """
    register = moves if moves is not None else flows
    if register is None or (moves is not None and flows is not None):
        raise InputError([Problem.of("moves.csv", "moves_or_flows")])
    staged = file_specs(areas, population, register, individual=moves is not None)
    if moves is not None and is_csv(moves):
        warnings = _import_in_one_pass(con, staged, written)
        if warnings is not None:
            return warnings
    return _import_precisely(con, staged, written, individual=moves is not None)


def file_specs(
    areas: P, population: P, register: P, *, individual: bool
) -> dict[str, tuple[P, tuple[str, ...], list[str]]]:
    """Return, per staged table, its file (a path, or a URL for Spark), the columns the import
    knows and those it requires: of moves.csv when `individual`, else of flows.csv."""
    known, required = (
        (MOVES_COLUMNS, list(MOVES_COLUMNS[:3]))
        if individual
        else (FLOWS_COLUMNS, ["year", *FLOWS_COLUMNS[1:3], "moves"])
    )
    return {
        "areas_text": (areas, AREAS_COLUMNS, ["parish", "area", "municipality"]),
        "population_text": (population, POPULATION_COLUMNS, ["year", "parish", "population"]),
        "register_text": (register, known, required),
    }


def _import_in_one_pass(
    con: duckdb.DuckDBPyConnection, staged: dict[str, Spec], written: Path
) -> list[str] | None:
    """Import clean files with moves.csv read, checked, converted and written in one scan
    (one_pass.py); return the warnings, or None (having created nothing) when the precise path
    must decide."""
    cpr.register_rule(con)  # outside the transaction: a rollback would forget it
    con.begin()
    try:
        warnings = _one_pass_in_transaction(con, staged, written)
    except (FactsError, duckdb.Error, ValueError, OSError):
        warnings = None
    if warnings is None:
        con.rollback()
        written.unlink(missing_ok=True)
        return None
    con.commit()
    return warnings


def _one_pass_in_transaction(
    con: duckdb.DuckDBPyConnection, staged: dict[str, Spec], written: Path
) -> list[str] | None:
    """Stage, check and create areas and population, then write the moves; return the
    warnings, or None when anything needs the precise path."""
    path, known, required = staged["register_text"]
    names, records = csv_records(path, tidy=False)
    if required_columns(path.name, names, required):
        return None  # the precise path says which
    warnings: list[str] = []
    found = {name: _stage(con, name, *staged[name], warnings) for name in SIDE_FILES}
    files = _file_names(staged)
    if _side_problems(con, found, files):
        return None
    create_side_tables(con)
    if not one_pass.write_moves(con, names, records, written):
        return None
    moves_file.create_view(con, written)
    return warnings + ignored(path.name, names, known)


def _import_precisely(
    con: duckdb.DuckDBPyConnection,
    staged: dict[str, Spec],
    written: Path,
    *,
    individual: bool,
) -> list[str]:
    """Stage every file as text, check it, and only then create the typed tables."""
    warnings: list[str] = []
    found: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for name, spec in staged.items():
        try:
            found[name] = _stage(con, name, *spec, warnings)
        except InputError as error:  # every file's CPR and header problems at once
            problems += error.problems
    if problems:
        raise InputError(problems)
    problems = validate(con, found, individual, _file_names(staged))
    if problems:
        raise InputError(problems)
    create_side_tables(con)
    values = register_values(found["register_text"], individual=individual)
    rows = f"(SELECT {ROW}, {values} FROM register_text WHERE {counted(individual)})"
    ordered = moves_select(rows, extra=f", r.{ROW} AS {ROW}")
    written_columns = ", ".join(moves_file.WRITTEN)
    select = f"SELECT {ROW} AS seq, {written_columns} FROM ({ordered}) ORDER BY {ROW}"
    moves_file.write(con, select, written)
    moves_file.create_view(con, written)
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
    warnings.extend(ignored(path.name, names, known))
    return names


def _file_names(staged: dict[str, Spec]) -> dict[str, str]:
    return {table: spec[0].name for table, spec in staged.items()}


def ignored(file: str, names: list[str], known: tuple[str, ...]) -> list[str]:
    """Return a warning for each column of the file the import does not use."""
    return [
        f"{file}: the column '{name}' is not used and was ignored"
        for name in names
        if name not in known
    ]


def validate(
    con: Connection, found: dict[str, list[str]], individual: bool, files: dict[str, str]
) -> list[Problem]:
    """Return every problem of the staged files (named `files` by their staged tables) whose
    columns are `found`: each file's rows, then the register's rows against areas.csv."""
    problems = _side_problems(con, found, files)
    names = found["register_text"]
    register_checks = _moves_checks(names) if individual else _flows_checks(names)
    register_problems = run_checks(con, "register_text", files["register_text"], register_checks)
    register_problems = register_problems or _emptiness(con, files["register_text"], individual)
    if not problems and not register_problems:
        # Only rows whose codes are well-formed can be held against areas.csv.
        placement = placement_checks(names, individual=individual)
        register_problems = run_checks(con, "register_text", files["register_text"], placement)
    return problems + register_problems


def _side_problems(
    con: Connection, found: dict[str, list[str]], files: dict[str, str]
) -> list[Problem]:
    """Return the problems of areas.csv and population.csv."""
    problems = run_checks(con, "areas_text", files["areas_text"], _areas_checks())
    if not problems:
        problems += area_problems(con, "areas_text", files["areas_text"])
    problems += run_checks(
        con, "population_text", files["population_text"], _population_checks(found)
    )
    if not problems:
        problems += population_problems(con, "population_text", files["population_text"], found)
    return problems


def _emptiness(con: Connection, file: str, individual: bool) -> list[Problem]:
    """Return a problem when the register holds no move at all: a file with only its header,
    or counts that are all 0 (a figure of zeros would look like a real answer)."""
    moves = "COUNT(*)" if individual else "coalesce(sum(CAST(moves AS BIGINT)), 0)"
    rows, total = con.execute(f"SELECT COUNT(*), {moves} FROM register_text").fetchone() or (0, 0)
    if rows == 0:
        return [Problem.of(file, "no_rows")]
    if total == 0:
        return [Problem.of(file, "no_moves", count=rows)]
    return []


def _areas_checks() -> list[Check]:
    return [
        *col.parish_checks("parish", required=True),
        Check("area", "area IS NULL", "empty_area"),
        *col.municipality_checks("municipality", allow_abroad=False),
    ]


MAX_RESIDENTS = 10_000_000  # in one parish, one year (and one age)


def _population_checks(found: dict[str, list[str]]) -> list[Check]:
    checks = [
        *col.whole_number_checks("year", low=1900, high=2100, required=True, what="a year"),
        *col.parish_checks("parish", required=True),
        # Denmark has 6 million residents: a parish's count above 10 million is an error, and
        # counts within it cannot overflow when a parish's rows (by age) are added up.
        *col.whole_number_checks(
            "population", low=0, high=MAX_RESIDENTS, required=True, what="a number of residents"
        ),
    ]
    if "age" in found["population_text"]:
        checks += col.whole_number_checks(
            "age", low=0, high=col.MAX_AGE, required=False, what="an age"
        )
    return checks


def _moves_checks(names: list[str]) -> list[Check]:
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


def _flows_checks(names: list[str]) -> list[Check]:
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
