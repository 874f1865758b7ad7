"""Row checks on a staged table, run in one scan however many checks there are.

A check is a SQL condition that is true for a bad row and a message template. The runner counts
every check's bad rows in a single query (the common case, a clean file, costs one scan), then
fetches the first few rows of each failing check so the user sees file, row, column and value.
Staging (sources.py) has refused any file holding a CPR-shaped value before a check runs, so a
value quoted here is never one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from samskab.facts.errors import EXAMPLE_ROWS, Problem, more_rows
from samskab.facts.sources import ROW, ident
from samskab.facts.sql import Connection

MAX_PROBLEMS = 60


@dataclass(frozen=True)
class Check:
    """A bad-row condition on one column and the problem it reports: a code of
    problem_texts.PROBLEMS, whose template may use {value} for the cell's text, and the
    template's other parameters."""

    column: str
    bad: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def run_checks(con: Connection, table: str, file: str, checks: list[Check]) -> list[Problem]:
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


def _examples(con: Connection, table: str, file: str, check: Check, count: int) -> list[Problem]:
    value = ident(check.column) if check.column else "NULL"
    rows = con.execute(
        f"SELECT {ROW}, CAST({value} AS VARCHAR) FROM {table} WHERE {check.bad} "
        f"ORDER BY {ROW} LIMIT {EXAMPLE_ROWS}"
    ).fetchall()
    problems = [
        Problem.of(
            file, check.code, row=int(row), column=check.column, value=_show(text), **check.params
        )
        for row, text in rows
    ]
    if count > len(rows):
        more = count - len(rows)
        problems.append(more_rows(file, more, check.column))
    return problems


def _show(text: str | None) -> str:
    if text is None:
        return ""
    return text if len(text) <= 40 else text[:37] + "..."


def required_columns(file: str, columns: list[str], required: list[str]) -> list[Problem]:
    """Return a problem for each required column the header lacks."""
    found = ", ".join(columns)
    code = "missing_column" if found else "missing_column_no_header"
    return [
        Problem.of(file, code, row=1, column=name, name=name, found=found)
        for name in required
        if name not in columns
    ]
