"""The analyses on PySpark: a local Spark session and a dataset copied into it.

Every analysis takes a Dataset of Ibis tables, so the same expressions run on Spark once the three
tables live there. `to_spark` copies them from any Ibis backend (DuckDB, usually) through Arrow
into temporary views of the session, with the same Ibis schema.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Mapping

import ibis
import ibis.expr.types as ir
from ibis.backends.pyspark import Backend
from ibis.backends.pyspark.datatypes import PySparkSchema
from pyspark.sql import SparkSession

from samskab.facts.errors import FactsError
from samskab.facts.store import Dataset

LOOPBACK = "127.0.0.1"
# Local mode for registers of a few municipalities: a small heap with the serial collector, and
# the JVM's quick compiler only (C1), which halves the time of the short queries the analyses run.
LOCAL_SETTINGS = {
    "spark.driver.host": LOOPBACK,
    "spark.driver.bindAddress": LOOPBACK,
    "spark.driver.memory": "1g",
    "spark.driver.extraJavaOptions": "-XX:+UseSerialGC -XX:TieredStopAtLevel=1",
}
# Every session: no UI, quiet, UTC, few shuffle partitions (the tables are small once grouped).
SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.log.level": "ERROR",
}


def spark_session(
    *,
    app_name: str = "samskab",
    cores: int = 2,
    master: str | None = None,
    conf: Mapping[str, str] | None = None,
) -> SparkSession:
    """Return a Spark session: local mode on 127.0.0.1 with `cores` cores when no `master` is
    given, else on that master (spark://host:7077, yarn, k8s://…); `conf` overrides any setting.
    No UI, 4 shuffle partitions, UTC, quiet."""
    settings = dict(SETTINGS)
    if master is None or master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)
        settings.update(LOCAL_SETTINGS)
    settings.update(conf or {})
    builder = SparkSession.builder.master(master or f"local[{cores}]").appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def to_spark(data: Dataset, session: SparkSession) -> Dataset:
    """Return the dataset with its three tables copied into an Ibis PySpark backend on `session`."""
    backend = ibis.pyspark.connect(session)
    prefix = f"samskab_{uuid.uuid4().hex[:12]}"
    return dataclasses.replace(
        data,
        moves=_copy(session, backend, data.moves, f"{prefix}_moves"),
        areas=_copy(session, backend, data.areas, f"{prefix}_areas"),
        population=_copy(session, backend, data.population, f"{prefix}_population"),
    )


def _copy(session: SparkSession, backend: Backend, table: ir.Table, name: str) -> ir.Table:
    """Return `table` copied through Arrow into the session's temporary view `name`."""
    schema = table.schema()
    frame = session.createDataFrame(table.to_pyarrow(), schema=PySparkSchema.from_ibis(schema))
    frame.createOrReplaceTempView(name)
    copied = backend.table(name)
    if copied.schema() != schema:
        raise FactsError(f"{name}: Spark holds {copied.schema()}, not {schema}")
    return copied
