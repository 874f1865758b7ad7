"""Read an input file (CSV, XLSX or Parquet) into a DuckDB table of text columns.

Every staged table has the file's columns as VARCHAR (trimmed, empty → NULL, header names
lower-cased) and a column `_row` with the row number a user sees in a spreadsheet or editor:
the header is row 1, the first record row 2. Validation works on these tables, so one set of
checks serves every file format.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import pandas as pd

from samskab.facts.errors import InputError, Problem

ROW = "_row"


def stage(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> list[str]:
    """Create `table` from the file at `path`; return its column names (without `_row`)."""
    if not path.is_file():
        raise InputError([Problem(path.name, f"file not found: {path}")])
    suffix = path.suffix.lower()
    try:
        if suffix in {".xlsx", ".xlsm"}:
            _stage_excel(con, path, table)
        elif suffix == ".parquet":
            _stage_parquet(con, path, table)
        else:
            _stage_csv(con, path, table)
    except (duckdb.Error, ValueError, OSError) as error:
        raise InputError([Problem(path.name, _reading_message(error))]) from error
    columns = [c for c in _columns(con, table) if c != ROW]
    _check_header(path, columns)
    return columns


def _reading_message(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"could not be read ({text}); expected a UTF-8 CSV file with a header row"


def _stage_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    delimiter = _sniff_delimiter(path)
    relation = (
        f"read_csv({literal(path)}, all_varchar = true, header = true, delim = '{delimiter}', "
        "quote = '\"', escape = '\"', strict_mode = true, null_padding = false, "
        "auto_detect = false, columns = " + _csv_columns(path, delimiter) + ")"
    )
    # rowid follows insertion order, which DuckDB keeps equal to file order for a CSV scan.
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table}_text AS SELECT * FROM {relation}")
    _normalise(con, f"{table}_text", table, row_expr="rowid + 2")
    con.execute(f"DROP TABLE {table}_text")


def _csv_columns(path: Path, delimiter: str) -> str:
    header = _first_line(path)
    names = [name.strip().strip('"') for name in header.split(delimiter)]
    if not any(names):
        raise ValueError("the file is empty")
    return "{" + ", ".join(f"{literal(name)}: 'VARCHAR'" for name in names) + "}"


def _first_line(path: Path) -> str:
    with path.open("rb") as handle:
        raw = handle.readline()
    try:
        return raw.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise ValueError("the header row is not UTF-8 text") from error


def _sniff_delimiter(path: Path) -> str:
    """Return ',' as the contract says, or ';' for a Danish spreadsheet export without commas."""
    header = _first_line(path)
    return ";" if ";" in header and "," not in header else ","


def _stage_excel(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    frame = pd.read_excel(path, sheet_name=0, dtype=object, keep_default_na=False)
    frame = frame.apply(lambda column: column.map(_excel_text)).astype(object)
    frame.insert(0, ROW, range(2, len(frame) + 2))
    # A row left blank in a spreadsheet is not a record.
    frame = frame[frame.drop(columns=ROW).ne("").any(axis=1)]
    con.register(f"{table}_frame", frame)
    _normalise(con, f"{table}_frame", table, row_expr=ROW)
    con.unregister(f"{table}_frame")


def _excel_text(value: object) -> str:
    """Return a cell as the text a CSV would hold: dates as YYYY-MM-DD, 760.0 as 760."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _stage_parquet(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table}_text AS SELECT * FROM read_parquet({literal(path)})"
    )
    _normalise(con, f"{table}_text", table, row_expr="rowid + 2")
    con.execute(f"DROP TABLE {table}_text")


def _normalise(con: duckdb.DuckDBPyConnection, source: str, table: str, *, row_expr: str) -> None:
    """Copy `source` into `table`: names lower-cased, values trimmed text, empty → NULL."""
    names = [c for c in _columns(con, source) if c != ROW]
    selects = [f"CAST({row_expr} AS BIGINT) AS {ROW}"]
    for name in names:
        value = f"trim(CAST({ident(name)} AS VARCHAR))"
        selects.append(f"nullif({value}, '') AS {ident(name.strip().lower())}")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {', '.join(selects)} FROM {source}"
    )


def _check_header(path: Path, columns: list[str]) -> None:
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise InputError(
                [Problem(path.name, f"the column '{name}' appears twice in the header", row=1)]
            )
        seen.add(name)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def literal(value: object) -> str:
    """Return `value` as a SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def ident(name: str) -> str:
    """Return `name` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'
