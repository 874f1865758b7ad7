"""The moves table kept as a Parquet file, and the `moves` view that reads it.

Writing 10 million typed moves into a DuckDB database file costs about as much as reading the
register; writing them as Parquet costs about half of that and they read back as fast. The
store keeps the small tables in its DuckDB file and `moves` as a view over the Parquet file.

Each move's `seq` is its row in the register, numbered as a spreadsheet numbers the records of a
CSV file (the first record is 2), written beside it: the rows of a file read in one pass are
joined with the areas on every core, which does not keep their order, so the file's own order
says nothing (the precise path writes them in order all the same).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from samskab.facts.sources import literal

# The moves table's columns (see importer.py) but seq, which is written first.
WRITTEN = (
    "year",
    "move_date",
    "from_municipality",
    "to_municipality",
    "from_parish",
    "to_parish",
    "from_area",
    "to_area",
    "person_id",
    "age",
    "age_band",
    "household_type",
    "sex",
    "weight",
    "same_area",
)


def write(con: duckdb.DuckDBPyConnection, select: str, file: Path) -> None:
    """Write the rows of `select` (seq and the WRITTEN columns, maybe more) to `file`.

    Its joins are with small tables (areas, codes): DuckDB is told to build their hash tables on
    those, which its estimate of a CSV file's rows may get the wrong way round."""
    con.execute("SET disabled_optimizers = 'build_side_probe_side'")
    try:
        con.execute(f"COPY ({select}) TO {literal(file)} (FORMAT parquet)")
    finally:
        con.execute("RESET disabled_optimizers")


def create_view(con: duckdb.DuckDBPyConnection, file: Path) -> None:
    """Create the view `moves` over the moves written to `file`."""
    con.execute(
        f"""CREATE VIEW moves AS
        SELECT CAST(seq AS BIGINT) AS seq, {", ".join(WRITTEN)}
        FROM read_parquet({literal(file.resolve())})"""
    )


def materialise(con: duckdb.DuckDBPyConnection) -> None:
    """Replace the view `moves` by a table of its rows, so that its file can go."""
    con.execute("CREATE TABLE moves_read AS SELECT * FROM moves")
    con.execute("DROP VIEW moves")
    con.execute("ALTER TABLE moves_read RENAME TO moves")
