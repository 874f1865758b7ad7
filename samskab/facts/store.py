"""The analytics store: a DuckDB file per dataset, opened as Ibis tables.

A dataset is the set of input files (areas, population, and moves or flows). Its DuckDB file is
named by a fingerprint of the files (path, size, modification time) and the store's schema
version, so a re-run with unchanged files opens the file instead of reading the CSVs again. The
moves are a Parquet file beside it, which its view `moves` reads (moves_file.py). The DuckDB
file is written under a temporary name and renamed when complete, after its Parquet file: an
import that fails leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import ibis
import ibis.expr.types as ir

from samskab.facts import moves_file
from samskab.facts.errors import AnalysisUnavailable, FactsError
from samskab.facts.importer import import_files

SCHEMA_VERSION = 5  # 4: the moves in a Parquet file; 5: in the order of the register (seq)


@dataclass(frozen=True)
class Dataset:
    """The three tables every analysis reads, on any Ibis backend.

    `individual` is True when the moves come from moves.csv (one row per move), False for
    counted flows; `has_persons` is True when moves carry a person_id.
    """

    moves: ir.Table
    areas: ir.Table
    population: ir.Table
    individual: bool
    has_persons: bool
    warnings: tuple[str, ...] = field(default=())
    files: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def require_persons(self, analysis: str) -> None:
        """Raise AnalysisUnavailable unless moves follow persons (moves.csv with person_id)."""
        if not self.individual:
            raise AnalysisUnavailable.of("needs_moves", what=analysis)
        if not self.has_persons:
            raise AnalysisUnavailable.of("needs_person_id", what=analysis)


def default_cache_dir() -> Path:
    """Return the folder for dataset files: $SAMSKAB_CACHE_DIR, else the user's cache folder."""
    configured = os.environ.get("SAMSKAB_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "samskab" / "datasets"


def load_dataset(
    *,
    areas: Path,
    population: Path,
    moves: Path | None = None,
    flows: Path | None = None,
    cache_dir: Path | None = None,
    in_memory: bool = False,
) -> Dataset:
    """Return the dataset for these files, importing them only when no stored copy is current.

    Raises InputError (every problem found, nothing stored) when the files do not validate.
    """
    files = {"areas": areas, "population": population, "moves": moves, "flows": flows}
    if in_memory:
        con = _connect(":memory:")
        with tempfile.TemporaryDirectory(prefix="samskab-") as folder:
            _import(con, files, Path(folder) / "moves.parquet")
            moves_file.materialise(con)
        return _open(con, None)
    target = (cache_dir or default_cache_dir()) / f"{_fingerprint(files)}.duckdb"
    if not target.exists():
        _write(target, files)
    return _open(_connect(str(target), read_only=True), target)


def stored_copies(
    *,
    areas: Path,
    population: Path,
    moves: Path | None = None,
    flows: Path | None = None,
    cache_dir: Path | None = None,
) -> list[Path]:
    """Return the files load_dataset keeps for these files in the cache folder (the DuckDB file
    and its moves' Parquet file), to delete with them; none when a file is gone already."""
    files = {"areas": areas, "population": population, "moves": moves, "flows": flows}
    try:
        fingerprint = _fingerprint(files)
    except FactsError:
        return []
    return sorted((cache_dir or default_cache_dir()).glob(f"{fingerprint}.*"))


def _connect(database: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Return a connection without DuckDB's own progress bar (the CLI shows its own)."""
    con = duckdb.connect(database, read_only=read_only)
    con.execute("SET enable_progress_bar = false")
    return con


def _import(con: duckdb.DuckDBPyConnection, files: dict[str, Path | None], written: Path) -> None:
    """Import the files, the moves written to `written`, and record what the analyses need to
    know about them in `meta`."""
    warnings = import_files(con, written=written, **files)  # type: ignore[arg-type]
    row = con.execute("SELECT EXISTS (SELECT 1 FROM moves WHERE person_id IS NOT NULL)").fetchone()
    meta = {
        "warnings": warnings,
        "individual": files["moves"] is not None,
        "has_persons": bool(row and row[0]),
        "files": {role: path.name for role, path in files.items() if path is not None},
    }
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])


def _write(target: Path, files: dict[str, Path | None]) -> None:
    """Write the dataset's DuckDB file `target` and its moves' Parquet file, named for this
    process so that two processes writing the same dataset never write the same file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    written = target.with_suffix(f".moves-{os.getpid()}.parquet")
    partial.unlink(missing_ok=True)
    try:
        with _connect(str(partial)) as con:
            _import(con, files, written)
        os.replace(partial, target)
    except BaseException:
        written.unlink(missing_ok=True)
        raise
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}.wal").unlink(missing_ok=True)


def _fingerprint(files: dict[str, Path | None]) -> str:
    parts: list[object] = [SCHEMA_VERSION]
    for role, path in sorted(files.items()):
        if path is None:
            parts.append((role, None))
            continue
        try:
            stat = path.stat()
        except OSError as error:
            raise FactsError(f"{path.name}: file not found: {path}") from error
        parts.append((role, str(path.resolve()), stat.st_size, stat.st_mtime_ns))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def _open(con: duckdb.DuckDBPyConnection, path: Path | None) -> Dataset:
    meta = {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM meta").fetchall()}
    backend = ibis.duckdb.from_connection(con)
    return Dataset(
        moves=backend.table("moves"),
        areas=backend.table("areas"),
        population=backend.table("population"),
        individual=bool(meta["individual"]),
        has_persons=bool(meta["has_persons"]),
        warnings=tuple(meta["warnings"]),
        files=dict(meta["files"]),
        path=path,
    )
