"""Import a plain, clean moves.csv in one pass: read, check and convert every row in one scan.

The precise path (importer.py) stages a register as text, runs each check of columns.py and
validation.py on it, then converts it: the file's text is held whole and read once per check.
Most registers are clean and plainly written, so this path reads the CSV file once, into the
typed moves table, keeping beside each row a flag that is false only when every value is in
its plain form: as the precise path would accept it, with nothing around it to trim. When no
row is flagged the precise path would accept the file and make the same table, and the table
stands; otherwise the caller rolls back and the precise path decides, finding every problem
with its file, row and column (or accepting, slowly, a file that is valid but not plain).

CPR-shaped values: no plain value of a column in CHECKED_SHAPES (a date, a municipality or parish
code, an age from 0 to 125, one of a few words) is CPR-shaped, so only the other columns are
scanned. A CPR-shaped value in a column the import ignores sends the file to the precise path;
in person_id, a column of numeric pseudonyms is told from CPR numbers by the precise path's own
rule (cpr.is_pseudonym_column).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from samskab.facts import columns as col
from samskab.facts import cpr
from samskab.facts.checks import required_columns
from samskab.facts.municipalities import ABROAD, municipality_codes
from samskab.facts.sources import csv_records, ident
from samskab.facts.typed import moves_select, register_values

CHECKED_SHAPES = frozenset(
    {
        "move_date",
        "from_municipality",
        "to_municipality",
        "from_parish",
        "to_parish",
        "age",
        "household_type",
        "sex",
    }
)
_PLAIN_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_PLAIN_AGE = "[0-9]{1,3}"
_PARISH = "[0-9]{4}"
_SIDES = (("from", "fa"), ("to", "ta"))  # each end of a move, and the alias of its area
_ROWS = "register_typed"
_UNCLEAN = "_unclean"
_SHAPED = "_shaped"


def read_rows(con: duckdb.DuckDBPyConnection, path: Path, required: list[str]) -> list[str] | None:
    """Read the moves.csv at `path` once into a temporary table of typed, flagged rows and
    return its column names; or None when it lacks a required column (the precise path says
    so). Call it outside a transaction: only a committed table's rowid is its row in the file.
    The connection needs cpr.register_rule.

    Raises duckdb.Error, InputError or ValueError when the file cannot be read as expected."""
    names, records = csv_records(path, tidy=False)
    if required_columns(path.name, names, required):
        return None
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_ROWS} AS {_typed_rows(names, records)}")
    return names


def create_moves(con: duckdb.DuckDBPyConnection) -> bool:
    """Create the `moves` table from the rows `read_rows` read, once the `areas` table exists;
    return False, creating nothing, when the file needs the precise path."""
    if not _is_clean(con):
        return False
    con.execute(f"CREATE TABLE moves AS {moves_select(_ROWS, seq='r.rowid + 2')}")
    return True


def discard_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the table of rows `read_rows` made, if any."""
    con.execute(f"DROP TABLE IF EXISTS {_ROWS}")


def _typed_rows(names: list[str], records: str) -> str:
    """Return the SELECT of the file's rows as typed values, with the flags `_unclean` (a value
    not in its plain form, or a CPR-shaped value in an ignored column) and `_shaped` (in
    person_id)."""
    person = "nullif(trim(person_id), '') AS person_id"
    kept = ", ".join(person if name == "person_id" else ident(name) for name in names)
    shaped = cpr.shaped_sql("person_id") if "person_id" in names else "false"
    return (
        f"SELECT {register_values(names, individual=True)}, {_unclean(names)} AS {_UNCLEAN}, "
        f"{shaped} AS {_SHAPED} FROM (SELECT {kept} FROM ({records})) AS r"
    )


def _is_clean(con: duckdb.DuckDBPyConnection) -> bool:
    """Return True when the typed rows hold moves, none flagged, and pass the checks that the
    typed values show: official municipality codes, no parish abroad, ages up to MAX_AGE, and
    every parish given in no area or in one of the row's municipality (validation.py's rule)."""
    counts = con.execute(
        f"""SELECT count(*), count(*) FILTER (WHERE {_UNCLEAN} OR {_typed_problem()}),
        count(*) FILTER (WHERE {_SHAPED})
        FROM {_ROWS} r
        LEFT JOIN areas fa ON fa.parish = r.from_parish
        LEFT JOIN areas ta ON ta.parish = r.to_parish
        LEFT JOIN (SELECT unnest($codes) AS code) fm ON fm.code = r.from_municipality
        LEFT JOIN (SELECT unnest($codes) AS code) tm ON tm.code = r.to_municipality""",
        {"codes": sorted({ABROAD, *municipality_codes()})},
    ).fetchone()
    rows, unclean, shaped = counts if counts else (0, 0, 0)
    if rows == 0 or unclean:
        return False
    return not shaped or _pseudonyms(con, shaped)


def _typed_problem() -> str:
    """Return SQL over a typed row `r`, the areas `fa`, `ta` of its parishes and the official
    codes `fm`, `tm` its municipalities match, true when a check of the precise path fails."""
    parts = [f"coalesce(r.age > {col.MAX_AGE}, false)"]
    for side, area in _SIDES:
        municipality, parish = f"r.{side}_municipality", f"r.{side}_parish"
        parts += [
            f"{side[0]}m.code IS NULL",
            f"({parish} IS NOT NULL AND {municipality} = {ABROAD})",
            f"coalesce({area}.municipality <> {municipality}, false)",
        ]
    return "(" + " OR ".join(parts) + ")"


def _unclean(names: list[str]) -> str:
    """Return SQL, over a row `r` of the file's text, that is false only when every value is
    in its plain form (a date, a code, an age, a choice), which the typed value alone cannot
    show, and no ignored column holds a CPR-shaped value."""
    parts = [f"NOT regexp_full_match(move_date, '{_PLAIN_DATE}')"]
    for side, _ in _SIDES:
        if f"{side}_parish" in names:
            parish = ident(f"{side}_parish")
            parts.append(f"{parish} IS NOT NULL AND NOT regexp_full_match({parish}, '{_PARISH}')")
    if "age" in names:
        parts.append(f"age IS NOT NULL AND NOT regexp_full_match(age, '{_PLAIN_AGE}')")
    if "household_type" in names:
        parts += [check.bad for check in col.choice_checks("household_type", col.HOUSEHOLD_TYPES)]
    if "sex" in names:
        parts += [check.bad for check in col.choice_checks("sex", ("m", "f"))]
    ignored = [name for name in names if name not in CHECKED_SHAPES | {"person_id"}]
    parts += [cpr.shaped_sql(f"r.{ident(name)}") for name in ignored]
    return "coalesce(" + " OR ".join(f"({part})" for part in parts) + ", true)"


def _pseudonyms(con: duckdb.DuckDBPyConnection, shaped: int) -> bool:
    """Return True when the CPR-shaped person_ids are chance among numeric pseudonyms."""
    counts = con.execute(
        f"SELECT {', '.join(cpr.number_counts_sql('person_id'))} FROM {_ROWS}"
    ).fetchone()
    values, numbers, wide = counts if counts else (0, 0, 0)
    return cpr.is_pseudonym_column(shaped, values, numbers, wide)
