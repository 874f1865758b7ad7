"""Read an input file (CSV, XLSX or Parquet) into a DuckDB table of text columns.

Every staged table has the file's columns as VARCHAR (trimmed, empty → NULL, header names
lower-cased) and a column `_row` with the row number a user sees in a spreadsheet or editor:
the header is row 1, the first record row 2. Validation works on these tables, so one set of
checks serves every file format.

Staging refuses a file with a CPR-shaped value (see cpr.py) in any cell or column name before
anything else reads it, so no later message (a column's own error, a warning) can quote one.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from samskab.common import workbooks
from samskab.common.texts import part
from samskab.facts import cpr
from samskab.facts.errors import EXAMPLE_ROWS, InputError, Problem, more_rows
from samskab.facts.problem_texts import PROBLEMS
from samskab.facts.sql import Connection

ROW = "_row"


def stage(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> list[str]:
    """Create `table` from the file at `path`; return its column names (without `_row`).

    Raises InputError naming file, row and column of every CPR-shaped value (never the value)
    before any other check of the file."""
    if not path.is_file():
        raise InputError([Problem.of(path.name, "file_not_found_at", path=str(path))])
    suffix = path.suffix.lower()
    try:
        if suffix in {".xlsx", ".xlsm"}:
            _stage_excel(con, path, table)
        elif suffix == ".parquet":
            _stage_parquet(con, path, table)
        else:
            _stage_csv(con, path, table)
    except (duckdb.Error, ValueError, OSError) as error:
        raise InputError([_reading_problem(path.name, error, suffix)]) from error
    columns = [c for c in _columns(con, table) if c != ROW]
    problems = cpr_problems(con, table, path.name, columns, remedy=cpr.REGISTER_REMEDY)
    if problems:
        raise InputError(problems)
    check_header(path.name, columns)
    return columns


def is_csv(path: Path) -> bool:
    """Return True for a file `stage` reads as CSV (any name but Excel's and Parquet's)."""
    return path.suffix.lower() not in EXPECTED


def cpr_problems(
    con: Connection,
    table: str,
    file: str,
    columns: Sequence[str],
    *,
    remedy: str,
    labels: Sequence[str] | None = None,
    header_row: int | None = 1,
) -> list[Problem]:
    """Return a problem for each CPR-shaped column name and for the first rows of each column
    with CPR-shaped values (see cpr.py), in a table with a `_row` column. `labels` are the
    names a user knows the columns by, where they differ from the table's."""
    names = list(labels if labels is not None else columns)
    return cpr_header_problems(file, names, remedy=remedy, row=header_row) + _cpr_cell_problems(
        con, table, file, list(columns), names, remedy
    )


def cpr_header_problems(
    file: str, names: Sequence[str], *, remedy: str, row: int | None = 1
) -> list[Problem]:
    """Return a problem for each CPR-shaped column name, naming the column by its position."""
    return [
        Problem.of(file, cpr.header_code(remedy), row=row, column=str(position), position=position)
        for position in cpr.header_positions([str(name) for name in names])
    ]


def _cpr_cell_problems(
    con: Connection,
    table: str,
    file: str,
    columns: list[str],
    labels: list[str],
    remedy: str,
) -> list[Problem]:
    if not columns:
        return []
    cpr.register_rule(con)
    quoted = [ident(name) for name in columns]
    shaped = _aggregate(
        con, table, [f"count(*) FILTER (WHERE {cpr.shaped_sql(q)})" for q in quoted]
    )
    found = [i for i, count in enumerate(shaped) if count]
    if not found:  # the common case: one scan, and the rule itself never called
        return []
    numbers = _aggregate(con, table, [a for i in found for a in cpr.number_counts_sql(quoted[i])])
    problems: list[Problem] = []
    for k, i in enumerate(found):
        if cpr.is_pseudonym_column(shaped[i], *numbers[3 * k : 3 * k + 3]):
            continue
        rows = con.execute(
            f"SELECT {ROW} FROM {table} WHERE {cpr.shaped_sql(quoted[i])} "
            f"ORDER BY {ROW} LIMIT {EXAMPLE_ROWS}"
        ).fetchall()
        code = cpr.cell_code(remedy)
        problems += [Problem.of(file, code, row=int(r), column=labels[i]) for (r,) in rows]
        if shaped[i] > len(rows):
            problems.append(more_rows(file, shaped[i] - len(rows), labels[i]))
    return problems


def _aggregate(con: Connection, table: str, aggregates: list[str]) -> list[int]:
    (row,) = con.execute(f"SELECT {', '.join(aggregates)} FROM {table}").fetchall()
    return [int(value or 0) for value in row]


def cpr_frame_problems(
    file: str,
    frame: pd.DataFrame,
    rows: Sequence[int],
    *,
    remedy: str,
    header_row: int | None = 1,
) -> list[Problem]:
    """Return cpr_problems for a DataFrame of text cells (None when empty) whose records are
    the rows `rows` of the file."""
    names = [str(name) for name in frame.columns]
    if not names:
        return []
    # Columns numbered, not named: a file's names may repeat or be anything at all.
    columns = [f"c{i}" for i in range(len(names))]
    texts = pd.DataFrame(
        {c: frame.iloc[:, i].astype(object).to_numpy() for i, c in enumerate(columns)}
    )
    texts.insert(0, ROW, list(rows))
    typed = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in columns)
    with duckdb.connect() as con:
        con.register("cpr_frame", texts)
        con.execute(f"CREATE TEMP TABLE cpr_texts AS SELECT {ROW}, {typed} FROM cpr_frame")
        return cpr_problems(
            con, "cpr_texts", file, columns, remedy=remedy, labels=names, header_row=header_row
        )


EXPECTED = {
    ".xlsx": "an Excel workbook (.xlsx) whose first sheet has a header row",
    ".xlsm": "an Excel workbook (.xlsm) whose first sheet has a header row",
    ".parquet": "a Parquet file",
}


def _reading_problem(file: str, error: Exception, suffix: str) -> Problem:
    expected = EXPECTED.get(suffix, "a UTF-8 CSV file with a header row")
    if isinstance(error, workbooks.WorkbookRefused):
        reason: Any = part(PROBLEMS[error.code], **error.params)
    else:
        text = str(error).strip()
        reason = text.splitlines()[0] if text else type(error).__name__
    return Problem.of(file, "unreadable", reason=reason, expected=expected)


def _stage_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    """Read and tidy the file in one pass into `{table}_data`; `table` is a view adding `_row`.

    rowid follows insertion order, which DuckDB keeps equal to file order for a CSV scan, so
    the view numbers the records as a user sees them (the header is row 1)."""
    _, tidied = csv_records(path)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table}_data AS {tidied}")
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {table} AS "
        f"SELECT CAST(rowid + 2 AS BIGINT) AS {ROW}, * FROM {table}_data"
    )


def csv_records(path: Path, *, tidy: bool = True) -> tuple[list[str], str]:
    """Return the CSV file's column names (lower-cased) and a SELECT that reads it under those
    names: tidied (see `stage`), or with `tidy=False` every value as the file spells it.

    Raises InputError for a CPR-shaped or repeated column name, ValueError for a header that
    cannot be read, before DuckDB reads the file (its errors may quote the header)."""
    delimiter, names = header_names(path.name, _first_line(path))
    lowered = [name.strip().lower() for name in names]
    check_header(path.name, lowered)
    columns = "{" + ", ".join(f"{literal(name)}: 'VARCHAR'" for name in names) + "}"
    relation = (
        f"read_csv({literal(path)}, all_varchar = true, header = true, delim = '{delimiter}', "
        "quote = '\"', escape = '\"', strict_mode = true, null_padding = false, "
        f"auto_detect = false, columns = {columns})"
    )
    if tidy:
        return lowered, f"SELECT {_tidy(names)} FROM {relation}"
    renamed = ", ".join(f"{ident(a)} AS {ident(b)}" for a, b in zip(names, lowered, strict=True))
    return lowered, f"SELECT {renamed} FROM {relation}"


def _tidy(names: list[str]) -> str:
    """Return the select list that trims values, makes empty ones NULL and lower-cases names."""
    return ", ".join(
        f"nullif(trim(CAST({ident(name)} AS VARCHAR)), '') AS {ident(name.strip().lower())}"
        for name in names
    )


def header_names(file: str, header: str) -> tuple[str, list[str]]:
    """Return the delimiter of a CSV file's header line and its column names as written.

    The delimiter is ',' as the contract says, or ';' for a Danish spreadsheet export without
    commas. Raises ValueError for an empty header, InputError for a CPR-shaped name, before the
    file is parsed (a parser's errors may quote the header)."""
    delimiter = ";" if ";" in header and "," not in header else ","
    names = [name.strip().strip('"') for name in header.split(delimiter)]
    if not any(names):
        raise ValueError("the file is empty")
    problems = cpr_header_problems(file, names, remedy=cpr.REGISTER_REMEDY)
    if problems:
        raise InputError(problems)
    return delimiter, names


def _first_line(path: Path) -> str:
    with path.open("rb") as handle:
        raw = handle.readline()
    try:
        return raw.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise ValueError("the header row is not UTF-8 text") from error


def _stage_excel(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    workbooks.check_workbook(path)
    try:
        frame = pd.read_excel(path, sheet_name=0, dtype=object, keep_default_na=False,
                              nrows=workbooks.MAX_ROWS + 1)  # fmt: skip
    except Exception as error:  # a damaged zip, no workbook inside, broken XML: not readable
        raise ValueError(f"not a workbook that can be opened: {type(error).__name__}") from error
    workbooks.check_rows(len(frame))
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
    selects = f"CAST({row_expr} AS BIGINT) AS {ROW}, {_tidy(names)}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {selects} FROM {source}")


def check_header(file: str, columns: list[str]) -> None:
    """Raise InputError for a column name the file's header gives twice."""
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise InputError([Problem.of(file, "column_twice", row=1, name=name)])
        seen.add(name)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def literal(value: object) -> str:
    """Return `value` as a SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def ident(name: str) -> str:
    """Return `name` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'
