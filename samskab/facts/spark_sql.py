"""The import's SQL, written in DuckDB's dialect, run on a Spark session.

`SparkSQL` is a `sql.Connection`: each statement is translated with sqlglot, and the few
functions Spark spells differently are rewritten so they mean the same:

- `regexp_full_match(x, p)` → `x RLIKE '^(?:p)$'` (Spark's RLIKE matches anywhere);
- `try_strptime(x, '%Y-%m-%d')` → `try_to_timestamp(x, 'yyyy-MM-dd')` (NULL for 2023-02-30 in both);
- `list(x ORDER BY y)` → the sorted `collect_list` of (y, x) pairs, keeping x (Spark's
  `collect_list` has no order);
- `CREATE TABLE t AS SELECT …` → a temporary view `t` over the query's rows, kept (persisted)
  so that every later statement reads the same rows.

- the CPR rule, a Python function on DuckDB (`cpr.is_cpr_shaped`), → the same rule in Spark's
  SQL (`cpr_rule`): Spark would call a Python function on every value, the CASE that guards it
  notwithstanding, and a cluster's workers would need samskab installed.
"""

from __future__ import annotations

import re
from typing import Any

import sqlglot
from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from sqlglot import exp

from samskab.facts import cpr

_CREATE = re.compile(
    r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?(?:TABLE|VIEW)\s+(\w+)\s+AS\s+(.*)",
    re.IGNORECASE | re.DOTALL,
)
_STRFTIME_TO_JAVA = {"%Y": "yyyy", "%m": "MM", "%d": "dd"}


class _Result:
    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._rows


class SparkSQL:
    """DuckDB-dialect statements run on `session`; tables it creates are kept until `close`."""

    def __init__(self, session: SparkSession) -> None:
        self.session = session
        self._kept: list[DataFrame] = []

    def execute(self, query: str, /) -> _Result:
        created = _CREATE.fullmatch(query)
        if created:
            self.keep(self.session.sql(spark_sql(created[2])), created[1])
            return _Result([])
        return _Result([tuple(row) for row in self.session.sql(spark_sql(query)).collect()])

    def keep(self, frame: DataFrame, name: str) -> DataFrame:
        """Keep the frame's rows (in memory, else on disk) as the temporary view `name`."""
        kept = frame.persist(StorageLevel.MEMORY_AND_DISK)
        kept.createOrReplaceTempView(name)
        self._kept.append(kept)
        return kept

    def close(self, *, keep: tuple[DataFrame, ...] = ()) -> None:
        """Let go of every kept frame but those in `keep`."""
        for frame in self._kept:
            if not any(frame is kept for kept in keep):
                frame.unpersist()
        self._kept = [frame for frame in self._kept if any(frame is k for k in keep)]


def spark_sql(query: str) -> str:
    """Return the DuckDB-dialect `query` in Spark's dialect, with the same meaning."""
    tree = sqlglot.parse_one(query, read="duckdb")
    return tree.transform(_to_spark).sql(dialect="spark")


def _to_spark(node: exp.Expr) -> exp.Expr:
    if isinstance(node, exp.RegexpFullMatch):
        return exp.RegexpLike(this=node.this, expression=_anchored(node.expression))
    if isinstance(node, exp.Anonymous) and str(node.this).lower() == "try_strptime":
        value, layout = node.expressions
        return exp.Anonymous(
            this="try_to_timestamp", expressions=[value, exp.Literal.string(_java(layout))]
        )
    if isinstance(node, exp.ArrayAgg) and isinstance(node.this, exp.Order):
        return _sorted_list(node.this)
    if isinstance(node, exp.Anonymous) and str(node.this).lower() == cpr.FUNCTION:
        (value,) = node.expressions
        return sqlglot.parse_one(cpr_rule(value.sql("spark")), read="spark")
    return node


def _text(value: str) -> str:
    """Return `value` as a Spark SQL string literal."""
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    for char, escape in (("\t", "\\t"), ("\r", "\\r"), ("\n", "\\n")):
        escaped = escaped.replace(char, escape)
    return "'" + escaped + "'"


def _ddmmyy_is_a_date(digits: str) -> str:
    """Return Spark SQL: the six digits `digits` (an expression) are a date DDMMYY, the year
    taken as 2000 + YY (see cpr._is_date)."""
    day, month, year = (f"CAST(substr({digits}, {i}, 2) AS INT)" for i in (1, 3, 5))
    last = f"day(last_day(make_date(2000 + {year}, {month}, 1)))"
    valid = f"{day} <= {last}"
    return f"(CASE WHEN {month} BETWEEN 1 AND 12 AND {day} >= 1 THEN {valid} ELSE false END)"


def cpr_rule(value: str) -> str:
    """Return Spark SQL for cpr.is_cpr_shaped of the text expression `value`: a match of its
    ten-digit pattern anywhere whose DDMMYY is a date, or the whole value (trimmed) nine digits
    whose 0DMMYY is one."""
    ten = cpr.TEN.pattern
    nine = f"^(?:{cpr.NINE.pattern})$"
    trimmed = f"trim(BOTH {_text(cpr.BLANK)} FROM {value})"
    five = f"regexp_extract({trimmed}, {_text(nine)}, 1)"
    return f"""coalesce(
        exists(regexp_extract_all({value}, {_text(ten)}, 1), g -> {_ddmmyy_is_a_date("g")})
        OR (CASE WHEN length({five}) = 5 THEN {_ddmmyy_is_a_date(f"concat('0', {five})")}
            ELSE false END), false)"""


def _anchored(pattern: exp.Expr) -> exp.Expr:
    if not isinstance(pattern, exp.Literal) or not pattern.is_string:
        raise ValueError(f"a pattern must be a string literal: {pattern.sql()}")
    return exp.Literal.string(f"^(?:{pattern.this})$")


def _java(layout: exp.Expr) -> str:
    text = str(layout.this) if isinstance(layout, exp.Literal) else ""
    java = text
    for strftime, pattern in _STRFTIME_TO_JAVA.items():
        java = java.replace(strftime, pattern)
    if "%" in java or not text:
        raise ValueError(f"a date layout Spark cannot read: {layout.sql()}")
    return java


def _sorted_list(order: exp.Order) -> exp.Expr:
    """Return `list(x ORDER BY y)` (y ascending) as Spark computes it."""
    (key,) = order.expressions
    if key.args.get("desc"):
        raise ValueError(f"only ascending lists are translated: {order.sql()}")
    value, by = order.this, key.this
    if isinstance(value, exp.Distinct):
        (inner,) = value.expressions
        if inner != by:
            raise ValueError(f"a distinct list must be ordered by itself: {order.sql()}")
        return exp.func("array_sort", exp.func("collect_set", inner))
    if value == by:
        return exp.func("array_sort", exp.func("collect_list", value))
    pairs = f"named_struct('k', {by.sql('spark')}, 'v', {value.sql('spark')})"
    return sqlglot.parse_one(
        f"transform(array_sort(collect_list({pairs})), e -> e.v)", read="spark"
    )
