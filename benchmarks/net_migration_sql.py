"""The net-migration table written by hand in DuckDB SQL: the reference the product is held to.

The same query runs on the product's stored tables (from_store) or straight on the CSV files
(from_csv: DuckDB reads them with its own type detection, and the query computes the table in
the same pass), so a run of the product can be compared with plain DuckDB doing the same work.
"""

from __future__ import annotations

from typing import Any

NET_MIGRATION_SQL = """
WITH period AS (
    SELECT from_area, to_area, weight::BIGINT AS w,
           from_municipality = to_municipality AS internal
    FROM moves
    WHERE year BETWEEN $first AND $last
      AND NOT same_area
),
ends AS (
    SELECT to_area AS area,
           CASE WHEN internal THEN w ELSE 0 END AS internal_in, 0 AS internal_out,
           CASE WHEN internal THEN 0 ELSE w END AS external_in, 0 AS external_out
    FROM period WHERE to_area IS NOT NULL
    UNION ALL
    SELECT from_area, 0, CASE WHEN internal THEN w ELSE 0 END,
           0, CASE WHEN internal THEN 0 ELSE w END
    FROM period WHERE from_area IS NOT NULL
),
counts AS (
    SELECT area, sum(internal_in)::BIGINT AS internal_in, sum(internal_out)::BIGINT AS internal_out,
           sum(external_in)::BIGINT AS external_in, sum(external_out)::BIGINT AS external_out
    FROM ends GROUP BY area
),
base AS (
    SELECT a.area, sum(p.population)::BIGINT AS base_population
    FROM population p JOIN areas a USING (parish)
    WHERE p.year = $first
    GROUP BY a.area
),
nets AS (
    SELECT l.area, l.area_order,
           coalesce(c.internal_in, 0) - coalesce(c.internal_out, 0) AS net_internal,
           coalesce(c.external_in, 0) - coalesce(c.external_out, 0) AS net_external,
           b.base_population
    FROM (SELECT area, min(area_order) AS area_order FROM areas GROUP BY area) l
    LEFT JOIN counts c USING (area)
    LEFT JOIN base b USING (area)
)
SELECT area, net_internal, net_external, net_internal + net_external AS net_total,
       CASE WHEN base_population > 0 THEN
           sign(net_internal + net_external)
           * ((abs(net_internal + net_external) * 2000 + base_population)
              // (base_population * 2)) / 10
       END::DOUBLE AS pct_of_base_population
FROM nets
ORDER BY area_order
"""


def from_store(con: Any, first: int, last: int) -> Any:
    """Return the table (a DataFrame) computed from a store's moves, areas and population."""
    return con.execute(NET_MIGRATION_SQL, {"first": first, "last": last}).df()


def from_csv(con: Any, files: dict[str, str], first: int, last: int) -> Any:
    """Return the table computed straight from the CSV files, in the connection `con`."""
    areas, moves, population = (_literal(files[n]) for n in ("areas", "moves", "population"))
    con.execute(
        f"""CREATE TEMP VIEW areas AS
        SELECT parish, area, row_number() OVER () AS area_order FROM read_csv({areas})"""
    )
    con.execute(
        f"""CREATE TEMP VIEW moves AS
        SELECT year(m.move_date) AS year, m.from_municipality, m.to_municipality,
               fa.area AS from_area, ta.area AS to_area, 1 AS weight,
               coalesce(fa.area = ta.area, false) AS same_area
        FROM read_csv({moves}) m
        LEFT JOIN areas fa ON fa.parish = m.from_parish
        LEFT JOIN areas ta ON ta.parish = m.to_parish"""
    )
    con.execute(f"CREATE TEMP VIEW population AS SELECT * FROM read_csv({population})")
    return from_store(con, first, last)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
