"""`--engine spark`: whether Spark can run here, and the dataset read by it.

PySpark is an optional install (`pip install 'samskab[spark]'`) and needs Java 17 or later; a
user who asks for the engine without them is told which is missing, not shown a traceback.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from samskab.facts.errors import FactsError

if TYPE_CHECKING:
    from samskab.facts.store import Dataset


def spark_missing() -> FactsError | None:
    """Return why Spark cannot run here (no Java 17, no PySpark), or None."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home, "bin", "java")) if home else shutil.which("java")
    if java is None or not Path(java).exists():
        return FactsError.of("spark_no_java")
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    major = re.search(r'version "(\d+)', version)
    if major is None or int(major.group(1)) < 17:
        return FactsError.of("spark_old_java", version=version.strip()[:80])
    if importlib.util.find_spec("pyspark") is None:
        return FactsError.of("spark_no_pyspark")
    return None


def load_with_spark(
    *,
    areas: str,
    population: str,
    moves: str | None,
    flows: str | None,
    master: str,
    conf: Mapping[str, str],
) -> Dataset:
    """Return the dataset of the files, read and checked by Spark on `master`.

    Raises FactsError when Spark cannot run or start, InputError when the files do not pass."""
    missing = spark_missing()
    if missing is not None:
        raise missing
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    from samskab.facts.spark import spark_session
    from samskab.facts.spark_import import import_with_spark

    try:
        session = spark_session(master=master, conf=conf)
    except (PySparkException, Py4JError, RuntimeError) as error:
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        raise FactsError.of("spark_did_not_start", master=master, reason=reason) from error
    return import_with_spark(session, areas=areas, population=population, moves=moves, flows=flows)
