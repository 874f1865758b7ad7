"""Writing result tables: CSV, JSON or a terminal table on a stream, and CSV + Parquet files."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # imported where used: the command line starts without them
    import pandas as pd
    import pyarrow as pa

FORMATS = ("csv", "json", "table")


def print_table(
    frame: pd.DataFrame,
    fmt: str = "table",
    *,
    title: str | None = None,
    note: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Write `frame` to `stream` (standard output): plain CSV with a header and nothing else,
    a JSON array of objects, or a table for a person to read (with `note` below it)."""
    out = stream if stream is not None else sys.stdout
    if fmt == "csv":
        frame.to_csv(out, index=False, lineterminator="\n")
    elif fmt == "json":
        json.dump(records(frame), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_rich(frame, title, note, out)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Return the rows as JSON-ready dicts (NaN and NA become None, numpy scalars plain)."""
    rows = []
    for row in frame.to_dict(orient="records"):
        rows.append({str(k): _plain(v) for k, v in row.items()})
    return rows


def _plain(value: object) -> object:
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _print_rich(frame: pd.DataFrame, title: str | None, note: str | None, out: TextIO) -> None:
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, caption=note, caption_justify="left", show_lines=False)
    for name in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[name])
        table.add_column(str(name), justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*["" if _plain(v) is None else str(v) for v in row])
    Console(file=out, width=max(100, Console(file=out).width)).print(table)


def write_files(table: pa.Table, out_dir: Path, name: str) -> list[Path]:
    """Write `table` as out_dir/name.csv and out_dir/name.parquet; return both paths."""
    import duckdb
    import pyarrow.parquet as pq

    csv_path = out_dir / f"{name}.csv"
    parquet_path = out_dir / f"{name}.parquet"
    # DuckDB writes CSV fast and plainly: quotes only where needed, 0.5 as 0.5, NULL as empty.
    with duckdb.connect() as con:
        con.register("result", table)
        con.execute(f"COPY result TO '{_path(csv_path)}' (HEADER, DELIMITER ',')")
    pq.write_table(table, parquet_path)
    return [csv_path, parquet_path]


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """Return `frame` as an Arrow table; columns that mix numbers and suppression markers
    become text."""
    import pyarrow as pa

    mixed = [c for c in frame.columns if frame[c].dtype == object]
    typed = frame.astype(dict.fromkeys(mixed, "string"))
    return pa.Table.from_pandas(typed, preserve_index=False)


def _path(path: Path) -> str:
    return str(path).replace("'", "''")


# Object stores the tables can be written to, by the scheme of their address; Hadoop's and
# Spark's names (s3a://, abfss://) as well as Arrow's.
_STORE_SCHEMES = {"s3": "s3", "s3a": "s3", "s3n": "s3", "gs": "gs", "gcs": "gs",
                  "abfs": "abfs", "abfss": "abfss", "hdfs": "hdfs", "file": "file"}  # fmt: skip


def is_url(text: str) -> bool:
    """Return True for an object store's address (s3://bucket/folder, file:///folder …)."""
    scheme, found, _ = text.partition("://")
    return bool(found) and scheme.lower() in _STORE_SCHEMES


def publish(folder: Path, url: str) -> list[str]:
    """Copy every file of `folder` to the folder at `url` in an object store (S3, Azure, Google
    Cloud Storage, HDFS, or file:// for a local one), replacing files of the same names; return
    their addresses. The store's credentials come from its usual environment variables."""
    import pyarrow.fs as pafs

    from samskab.facts.errors import FactsError

    scheme, _, rest = url.partition("://")
    address = f"{_STORE_SCHEMES[scheme.lower()]}://{rest}"
    try:
        store, root = pafs.FileSystem.from_uri(address)
        root = root.rstrip("/")
        store.create_dir(root, recursive=True)
        written = []
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            with store.open_output_stream(f"{root}/{path.name}") as stream:
                stream.write(path.read_bytes())
            written.append(f"{url.rstrip('/').split('?')[0]}/{path.name}")
        return written
    except (OSError, ValueError) as error:
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        raise FactsError.of("store_not_written", url=url.split("?")[0], reason=reason) from error
