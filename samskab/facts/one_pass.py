"""Import a plain, clean moves.csv in one pass: read, check, convert and write every row at once.

The precise path (importer.py) stages a register as text, runs each check of columns.py and
validation.py on it, then converts it: the file's text is held whole and read once per check.
Most registers are clean and plainly written, so this path reads the CSV file once, straight
into the moves file (moves_file.py), writing beside each move a flag that is false only when
every value is in its plain form, as the precise path would accept it with nothing around it
to trim, and passes the checks its typed values show. When no move is flagged the precise path
would accept the file and make the same table, and the file stands; otherwise the caller
discards it and the precise path decides, finding every problem with its file, row and column
(or accepting, slowly, a file that is valid but not plain).

Each check is one vectorised expression over the whole column, in the same SELECT that converts
it: a value is plain when it equals the plain spelling of the value it converts to (a date
spelled back as YYYY-MM-DD, a code as its digits with its leading zeros), which costs a cast
and a comparison instead of a regular expression.

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
from samskab.facts import cpr, moves_file
from samskab.facts.municipalities import ABROAD, municipality_codes
from samskab.facts.sources import ident, literal
from samskab.facts.typed import moves_select

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
_SIDES = ("from", "to")
_PROBLEM = "_problem"
_SHAPED = "_shaped"
_LINE = "_line"  # the record's place in the file


def write_moves(con: duckdb.DuckDBPyConnection, names: list[str], records: str, file: Path) -> bool:
    """Write the moves of the moves.csv whose column names and untidied records `csv_records`
    gave to the Parquet file `file`; return True when the precise path would accept them as
    they are, False when it must decide (then discard the file). The connection needs the
    `areas` table and cpr.register_rule.

    Raises duckdb.Error when the file cannot be read or converted as expected."""
    areas_agree = " OR ".join(
        f"coalesce({end}.municipality <> r.{side}_municipality, false)"
        for side, end in (("from", "fa"), ("to", "ta"))
    )
    # The joins with the areas do not keep the rows' order (they run on every core): each move
    # carries its row in the file as `seq` (the record's number from the scan, which is in order).
    flags = f", r.{_PROBLEM} OR {areas_agree} AS {_PROBLEM}, r.{_SHAPED}, r.{_LINE} + 1 AS seq"
    rows = f"(SELECT {_typed(names)}, {_LINE} FROM ({_texts(names, records)}))"
    ordered = moves_select(rows, extra=flags)
    moves_file.write(con, ordered, file)
    return _is_clean(con, file)


def _texts(names: list[str], records: str) -> str:
    """Return the SELECT of the file's text (`records`) under fixed names, `<column>_text`
    (NULL for an absent optional column), each checked column's converted value
    `<column>_value`, and the flag `ignored_shaped` (a CPR-shaped value in an ignored column)."""
    items = ["move_date AS move_date_text", "TRY_CAST(move_date AS DATE) AS move_date_value"]
    for side in _SIDES:
        municipality, parish = f"{side}_municipality", f"{side}_parish"
        items += [f"{municipality} AS {municipality}_text", f"{_code(municipality)} AS "]
        items[-1] += f"{municipality}_value"
        items += [f"{_optional(names, parish)} AS {parish}_text"]
        items += [f"TRY_CAST({_optional(names, parish)} AS INTEGER) AS {parish}_value"]
    age = _optional(names, "age")
    items += [f"{age} AS age_text", f"TRY_CAST({age} AS INTEGER) AS age_value"]
    items += [f"{_person(names)} AS person_id_text"]
    for name, choices in (("household_type", col.HOUSEHOLD_TYPES), ("sex", ("M", "F"))):
        items += [f"{_optional(names, name)} AS {name}_text"]
        items += [f"{_choice(_optional(names, name), choices)} AS {name}_value"]
    ignored = [name for name in names if name not in CHECKED_SHAPES | {"person_id"}]
    shaped = [cpr.shaped_sql(ident(name)) for name in ignored]
    items.append(f"{' OR '.join(shaped) or 'false'} AS ignored_shaped")
    # A scan of a CSV file gives its records in order, and so numbers them.
    items.append(f"row_number() OVER () AS {_LINE}")
    return f"SELECT {', '.join(items)} FROM ({records})"


def _typed(names: list[str]) -> str:
    """Return the select list, over the row `_texts` makes, of typed values as
    `register_values` makes them, and the flags `_problem` (a value not plain, or a check the
    typed row shows failing) and `_shaped` (a CPR-shaped person_id)."""
    shaped = cpr.shaped_sql("person_id_text") if "person_id" in names else "false"
    return f"""CAST(year(move_date_value) AS INTEGER) AS year, move_date_value AS move_date,
        from_municipality_value AS from_municipality, to_municipality_value AS to_municipality,
        from_parish_value AS from_parish, to_parish_value AS to_parish,
        CAST(NULL AS VARCHAR) AS from_area, CAST(NULL AS VARCHAR) AS to_area,
        person_id_text AS person_id, age_value AS age, CAST(NULL AS VARCHAR) AS age_band,
        household_type_value AS household_type, sex_value AS sex, 1 AS weight,
        coalesce({" OR ".join(_problems())}, true) AS {_PROBLEM}, {shaped} AS {_SHAPED}"""


def _problems() -> list[str]:
    """Return SQL conditions over the row `_texts` makes, each true (never NULL) where a value
    is not in its plain form or a check of the precise path fails (validation.py's rules but
    the areas')."""
    official = ", ".join(str(code) for code in sorted({ABROAD, *municipality_codes()}))
    date = "move_date_value AS VARCHAR) <> move_date_text"
    problems = [f"coalesce(length(move_date_text) <> 10 OR CAST({date}, true)"]
    for side in _SIDES:
        municipality, parish = f"{side}_municipality", f"{side}_parish"
        problems += [
            f"coalesce({municipality}_value NOT IN ({official}), true)",
            f"(length({municipality}_text) IN (3, 4) AND {_unspelled(municipality, 'length')})",
            f"({parish}_text IS NOT NULL AND {_unspelled(parish, '4')})",
            f"({parish}_text IS NOT NULL AND {municipality}_value = {ABROAD})",
        ]
    problems += [
        f"(age_text IS NOT NULL AND (length(age_text) > 3 OR {_unspelled('age', 'length')}))",
        f"coalesce(age_value > {col.MAX_AGE}, false)",
        "ignored_shaped",
    ]
    for name, choices in (("household_type", col.HOUSEHOLD_TYPES), ("sex", ("M", "F"))):
        listed = ", ".join(literal(choice) for choice in choices)
        problems.append(f"({name}_text IS NOT NULL AND {name}_value NOT IN ({listed}))")
    return problems


def _unspelled(name: str, width: str) -> str:
    """Return SQL that is true unless the text `<name>_text` is the value `<name>_value` spelled
    in digits, zero-padded to `width` (a number, or 'length': the text's own length)."""
    text, value = f"{name}_text", f"{name}_value"
    places = f"CAST(length({text}) AS INTEGER)" if width == "length" else width
    spelled = f"lpad(CAST({value} AS VARCHAR), {places}, '0') = {text} AND {value} >= 0"
    return f"coalesce(NOT ({spelled}), true)"


def _code(name: str) -> str:
    """Return SQL for a municipality column's code (0 = abroad): its number when it has 3 or 4
    characters, 0 for 'abroad' or 'udland' in any letter case, else NULL."""
    column = ident(name)
    return (
        f"(CASE WHEN length({column}) IN (3, 4) THEN TRY_CAST({column} AS INTEGER) "
        f"WHEN lower({column}) IN ('abroad', 'udland') THEN {ABROAD} END)"
    )


def _choice(column: str, choices: tuple[str, ...]) -> str:
    """Return SQL for a choice as the precise path converts it: in the letter case of
    `choices`, by which the plain value is already written most often."""
    listed = ", ".join(literal(choice) for choice in choices)
    case = "lower" if choices[0].islower() else "upper"
    return f"(CASE WHEN {column} IN ({listed}) THEN {column} ELSE {case}({column}) END)"


def _person(names: list[str]) -> str:
    """Return SQL for person_id as the precise path tidies it (trimmed; empty is NULL), trimming
    only the values that need it."""
    if "person_id" not in names:
        return "CAST(NULL AS VARCHAR)"
    padded = "starts_with(person_id, ' ') OR ends_with(person_id, ' ') OR person_id = ''"
    return f"(CASE WHEN {padded} THEN nullif(trim(person_id), '') ELSE person_id END)"


def _optional(names: list[str], name: str) -> str:
    return ident(name) if name in names else "CAST(NULL AS VARCHAR)"


def _is_clean(con: duckdb.DuckDBPyConnection, file: Path) -> bool:
    """Return True when the moves written to `file` are some, none flagged, and their
    CPR-shaped person_ids (if any) chance among numeric pseudonyms."""
    written = f"read_parquet({literal(file)})"
    counts = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {_PROBLEM}), "
        f"count(*) FILTER (WHERE {_SHAPED}) FROM {written}"
    ).fetchone()
    rows, problems, shaped = counts if counts else (0, 0, 0)
    if rows == 0 or problems:
        return False
    if not shaped:
        return True
    numbers = con.execute(f"SELECT {', '.join(cpr.number_counts_sql('person_id'))} FROM {written}")
    values, plain, wide = numbers.fetchone() or (0, 0, 0)
    return cpr.is_pseudonym_column(shaped, values, plain, wide)
