"""An installation of samskab in a folder of its own, driven through subprocesses, as an
administrator would: `python -m django …` and `samskab …` with the installation's environment.

On SQLite its database is a file in the folder; when the tests run on PostgreSQL
(DATABASE_URL), a database of its own on that server, dropped at the end."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
SAMSKAB = [sys.executable, "-c", "import sys; from samskab.cli import main; sys.exit(main())"]


@contextmanager
def own_database(name: str) -> Iterator[str | None]:
    """Yield None on SQLite; on PostgreSQL, the URL of a new database `name`, dropped after."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield None
        return
    import psycopg

    server = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name}")
        db.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as db:
            db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def environment(data: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMSKAB_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        SAMSKAB_DATA_DIR=str(data), SAMSKAB_HTTPS="0", DJANGO_SETTINGS_MODULE="samskab.settings"
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run(args: list[str], data: Path, database_url: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, env=environment(data, database_url), cwd=ROOT, capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip


def django(args: list[str], data: Path, database_url: str | None) -> str:
    """Run `python -m django ARGS…`; return its output, failing on a non-zero status."""
    done = run([sys.executable, "-m", "django", *args], data, database_url)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def shell(code: str, data: Path, database_url: str | None) -> str:
    return django(["shell", "-v", "0", "-c", code], data, database_url)
