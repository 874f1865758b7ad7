"""Import the contract's files with Spark itself: read, checked and typed on the cluster.

The files — CSV or Parquet, at a local path or any path Spark reads (`s3a://`, `abfss://`,
`hdfs://`) — are read by Spark, never through DuckDB, into tables of text as sources.py stages
them (names lower-cased, values trimmed, empty → NULL, `_row` numbered as a spreadsheet numbers
the records: the header is row 1). The same checks as on DuckDB then run on them through
`spark_sql.SparkSQL`, with the same messages (file, row, column; the CPR rule first), and only a
register that passes them all becomes the typed tables. The result is a `Dataset` of Ibis tables
on the session, which every analysis reads as it reads DuckDB's.

Row numbers follow the file: Spark reads one file's parts in order, and each record is numbered
by its part's place and its place in the part. A register is one file; a folder of part files
is read too, but its rows are then numbered across the parts in the order Spark lists them.
"""

from __future__ import annotations

import uuid
from pathlib import Path, PurePosixPath

import ibis
from py4j.protocol import Py4JJavaError
from pyspark.errors import AnalysisException, PySparkException
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType

from samskab.common.texts import part
from samskab.facts import cpr
from samskab.facts.checks import required_columns
from samskab.facts.errors import InputError, Problem
from samskab.facts.importer import file_specs, ignored, validate
from samskab.facts.moves_file import WRITTEN
from samskab.facts.problem_texts import PROBLEMS
from samskab.facts.sources import ROW, check_header, cpr_problems, header_names
from samskab.facts.spark_sql import SparkSQL, spark_sql
from samskab.facts.store import Dataset
from samskab.facts.typed import counted, create_side_tables, moves_select, register_values

_PARTITION_SHIFT = 33  # monotonically_increasing_id = partition << 33 | place in the partition
_EXPECTED = "a UTF-8 CSV file with a header row, or a Parquet file"


def import_with_spark(
    session: SparkSession,
    *,
    areas: str,
    population: str,
    moves: str | None = None,
    flows: str | None = None,
) -> Dataset:
    """Return the dataset of these files (paths or URLs Spark reads) as tables on `session`.

    Raises InputError with every problem found, as the DuckDB import does; then nothing is kept
    on the session."""
    if (moves is None) == (flows is None):
        raise InputError([Problem.of("moves.csv", "moves_or_flows")])
    individual = moves is not None
    register = moves if moves is not None else flows
    assert register is not None
    staged = file_specs(areas, population, register, individual=individual)
    sql = SparkSQL(session)
    try:
        return _import(sql, staged, individual)
    except BaseException:
        sql.close()
        raise


def _import(
    sql: SparkSQL, staged: dict[str, tuple[str, tuple[str, ...], list[str]]], individual: bool
) -> Dataset:
    files = {table: file_name(path) for table, (path, _, _) in staged.items()}
    found: dict[str, list[str]] = {}
    warnings: list[str] = []
    problems: list[Problem] = []
    for table, (path, known, required) in staged.items():
        try:
            names = _stage(sql, path, table)
        except InputError as error:  # every file's CPR and header problems at once
            problems += error.problems
            continue
        missing = required_columns(files[table], names, required)
        problems += missing
        found[table] = names
        warnings += ignored(files[table], names, known)
    if problems:
        raise InputError(problems)
    problems = validate(sql, found, individual, files)
    if problems:
        raise InputError(problems)
    create_side_tables(sql)
    values = register_values(found["register_text"], individual=individual)
    rows = f"(SELECT {ROW}, {values} FROM register_text WHERE {counted(individual)})"
    typed = sql.session.sql(spark_sql(moves_select(rows, extra=f", r.{ROW} AS seq")))
    prefix = f"samskab_{uuid.uuid4().hex[:12]}"
    tables = {
        "moves": sql.keep(typed.select("seq", *WRITTEN), f"{prefix}_moves"),
        "areas": sql.keep(sql.session.table("areas"), f"{prefix}_areas"),
        "population": sql.keep(sql.session.table("population"), f"{prefix}_population"),
    }
    has_persons = tables["moves"].where(F.col("person_id").isNotNull()).limit(1).count() > 0
    sql.close(keep=tuple(tables.values()))
    backend = ibis.pyspark.connect(sql.session)
    roles = {"areas_text": "areas", "population_text": "population"}
    roles["register_text"] = "moves" if individual else "flows"
    return Dataset(
        moves=backend.table(f"{prefix}_moves"),
        areas=backend.table(f"{prefix}_areas"),
        population=backend.table(f"{prefix}_population"),
        individual=individual,
        has_persons=has_persons,
        warnings=tuple(warnings),
        files={roles[table]: name for table, name in files.items()},
    )


def file_name(path: str) -> str:
    """Return the file's name as messages name it: the last part of a path or URL."""
    return PurePosixPath(path.rstrip("/")).name or path


def _stage(sql: SparkSQL, path: str, table: str) -> list[str]:
    """Read the file into the kept view `table` of text columns and `_row`; return its column
    names. Raises InputError for a file that cannot be read or holds a CPR-shaped value."""
    name = file_name(path)
    suffix = Path(name).suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        reason = part(PROBLEMS["spark_reads_csv_and_parquet"])
        raise InputError([Problem.of(name, "unreadable", reason=reason, expected=_EXPECTED)])
    try:
        if suffix == ".parquet":
            names, frame = _parquet(sql.session, path)
        else:
            names, frame = _csv(sql.session, path, name)
        lowered = [column.strip().lower() for column in names]
        check_header(name, lowered)
        tidy = [
            F.nullif(F.trim(frame[i].cast("string")), F.lit("")).alias(lowered[i])
            for i in range(len(names))
        ]
        sql.keep(_numbered(frame.select(*tidy)), table).count()  # read it now, or refuse
    except AnalysisException as error:
        if "PATH_NOT_FOUND" in str(error) or "does not exist" in str(error):
            raise InputError([Problem.of(name, "file_not_found_at", path=path)]) from error
        raise InputError([_unreadable(name, error)]) from error
    except (PySparkException, Py4JJavaError, ValueError) as error:
        raise InputError([_unreadable(name, error)]) from error
    problems = cpr_problems(sql, table, name, lowered, remedy=cpr.REGISTER_REMEDY)
    if problems:
        raise InputError(problems)
    return lowered


def _csv(session: SparkSession, path: str, name: str) -> tuple[list[str], DataFrame]:
    """Return the header's names and the records, every column read as text by position."""
    first = session.read.text(path).limit(1).collect()
    delimiter, names = header_names(
        name, first[0][0].lstrip("\ufeff").rstrip("\r") if first else ""
    )
    schema = StructType([StructField(f"c{i}", StringType()) for i in range(len(names))])
    frame = session.read.csv(
        path, schema=schema, header=True, sep=delimiter, quote='"', escape='"',
        mode="FAILFAST", encoding="UTF-8", enforceSchema=True,
        ignoreLeadingWhiteSpace=False, ignoreTrailingWhiteSpace=False,
    )  # fmt: skip
    return names, frame


def _parquet(session: SparkSession, path: str) -> tuple[list[str], DataFrame]:
    frame = session.read.parquet(path)
    return list(frame.columns), frame


def _numbered(frame: DataFrame) -> DataFrame:
    """Return the frame with `_row` first: 2 for its first record, in the order of the file."""
    # Checkpointed: read once, so the ids and the counts below are of the same reading, and the
    # ids are plain values to the queries that follow (Spark refuses checks on a random column).
    tagged = (
        frame.withColumn("_part", F.spark_partition_id())
        .withColumn("_id", F.monotonically_increasing_id())
        .localCheckpoint(eager=True)
    )
    counts = sorted(tuple(row) for row in tagged.groupBy("_part").count().collect())
    offsets: list[Column] = []
    start = 2
    for partition, count in counts:
        offsets += [F.lit(partition), F.lit(start)]
        start += count
    offset = F.create_map(*offsets) if offsets else F.create_map().cast("map<int,bigint>")
    place = F.col("_id") - F.shiftleft(F.col("_part").cast("long"), _PARTITION_SHIFT)
    row = (offset[F.col("_part")] + place).cast("long").alias(ROW)
    return tagged.select(row, *frame.columns)


def _unreadable(file: str, error: Exception) -> Problem:
    text = str(error).strip()
    reason = text.splitlines()[0][:200] if text else type(error).__name__
    return Problem.of(file, "unreadable", reason=reason, expected=_EXPECTED)
