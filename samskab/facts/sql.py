"""What the import's checks need of an engine: SQL in DuckDB's dialect, and rows back.

A DuckDB connection is one; `spark_sql.SparkSQL` is another, which runs the same statements on a
Spark session. So the checks, their messages and the typed tables are written once.
"""

from __future__ import annotations

from typing import Any, Protocol


class Rows(Protocol):
    """The result of a statement."""

    def fetchone(self) -> tuple[Any, ...] | None: ...

    def fetchall(self) -> list[tuple[Any, ...]]: ...


class Connection(Protocol):
    """An engine that runs SQL in DuckDB's dialect."""

    def execute(self, query: str, /) -> Rows: ...
