"""Row checks on a staged table, run in one scan however many checks there are.

A check is a SQL condition that is true for a bad row and a message template. The runner counts
every check's bad rows in a single query (the common case, a clean file, costs one scan), then
fetches the first few rows of each failing check so the user sees file, row, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from samskab.facts.errors import Problem
from samskab.facts.sources import ROW, ident

EXAMPLES_PER_CHECK = 3
MAX_PROBLEMS = 60

# A CPR number: DDMMYY, an optional hyphen, four digits, not inside a longer run of digits;
# DDMMYY must be a real date. %y reads 00 as 2000, a leap year, so 29 February is accepted for
# every year divisible by four.
_CPR = r"(^|[^0-9])((0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2})-?[0-9]{4}([^0-9]|$)"


@dataclass(frozen=True)
class Check:
    """A bad-row condition on one column; `message` may use {value} for the cell's text."""

    column: str
    bad: str
    message: str


def run_checks(
    con: duckdb.DuckDBPyConnection, table: str, file: str, checks: list[Check]
) -> list[Problem]:
    """Return the problems the checks find in `table`, in check order, first rows first."""
    if not checks:
        return []
    counts_sql = ", ".join(f"count(*) FILTER (WHERE {c.bad})" for c in checks)
    row = con.execute(f"SELECT {counts_sql} FROM {table}").fetchone()
    counts = list(row) if row else [0] * len(checks)
    problems: list[Problem] = []
    for check, count in zip(checks, counts, strict=True):
        if count and len(problems) < MAX_PROBLEMS:
            problems.extend(_examples(con, table, file, check, int(count)))
    return problems


def _examples(
    con: duckdb.DuckDBPyConnection, table: str, file: str, check: Check, count: int
) -> list[Problem]:
    value = ident(check.column) if check.column else "NULL"
    rows = con.execute(
        f"SELECT {ROW}, CAST({value} AS VARCHAR) FROM {table} WHERE {check.bad} "
        f"ORDER BY {ROW} LIMIT {EXAMPLES_PER_CHECK}"
    ).fetchall()
    problems = [
        Problem(file, check.message.format(value=_show(text)), row=int(row), column=check.column)
        for row, text in rows
    ]
    if count > len(rows):
        more = count - len(rows)
        problems.append(
            Problem(file, f"… and {more:,} more rows with the same problem", column=check.column)
        )
    return problems


def _show(text: str | None) -> str:
    if text is None:
        return ""
    return text if len(text) <= 40 else text[:37] + "..."


def cpr_checks(columns: list[str]) -> list[Check]:
    """Return checks that refuse a value shaped like a CPR number in any of the columns."""
    message = (
        "holds a value shaped like a CPR number (DDMMYY-XXXX); registers must be "
        "pseudonymised: replace CPR numbers by pseudonymous ids before importing"
    )
    checks = []
    for name in columns:
        column = ident(name)
        # CASE keeps the date parsing to the rare values the pattern matches: parsing every
        # value would cost more than all other checks together.
        bad = (
            f"CASE WHEN regexp_matches({column}, '{_CPR}') THEN "
            f"try_strptime(regexp_extract({column}, '{_CPR}', 2), '%d%m%y') IS NOT NULL "
            "ELSE false END"
        )
        # The value itself is never echoed back: it may be a real person's number.
        checks.append(Check(name, bad, message))
    return checks


def required_columns(file: str, columns: list[str], required: list[str]) -> list[Problem]:
    """Return a problem for each required column the header lacks."""
    found = ", ".join(columns) or "none"
    return [
        Problem(
            file,
            f"the required column '{name}' is missing (the header has: {found})",
            row=1,
            column=name,
        )
        for name in required
        if name not in columns
    ]
