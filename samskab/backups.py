"""`samskab backup` and `samskab restore`: the database, uploads and fact-base stores in one file.

A backup is a gzipped tar file holding
- `manifest.json`: samskab's version, when it was made, the database engine, the migrations applied,
  and every other member's size and SHA-256;
- `database/samskab.sqlite3` (SQLite's online backup, consistent while the app runs) or
  `database/samskab.pgdump` (`pg_dump --format=custom`);
- `files/uploads/…` and `files/facts-cache/…`: the data folder's uploaded files and stores.

A restore checks every member against the manifest before it changes anything, refuses a target
that holds data unless forced, puts the files in place through a temporary folder, loads the
database, and migrates it (a backup of an older release is upgraded)."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

FOLDERS = ("uploads", "facts-cache")
# A local installation's generated secret key (settings.py): sessions and signed links need it.
KEY_FILE = "secret_key"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def make_backup(out: Path) -> dict[str, Any]:
    """Write a backup of the configured database and data folder to `out`; return its manifest."""
    with tempfile.TemporaryDirectory(prefix="samskab-backup-") as tmp:
        staging = Path(tmp)
        database = _dump_database(staging / "database")
        files = [database]
        for folder in FOLDERS:
            source = Path(settings.DATA_DIR) / folder
            if source.is_dir():
                shutil.copytree(source, staging / "files" / folder, ignore=_skip_temporary)
        key = Path(settings.DATA_DIR) / KEY_FILE
        if key.is_file():
            (staging / "files").mkdir(exist_ok=True)
            shutil.copy2(key, staging / "files" / KEY_FILE)
        files += sorted(p for p in (staging / "files").rglob("*") if p.is_file())
        manifest = _manifest(staging, files)
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(staging / "manifest.json", arcname="manifest.json")
            for path in files:
                tar.add(path, arcname=str(path.relative_to(staging)))
        partial.replace(out)
    return manifest


def _skip_temporary(_folder: str, names: list[str]) -> list[str]:
    # A store being written has a temporary name until it is complete (see facts.store).
    return [name for name in names if name.endswith((".partial", ".tmp", ".wal"))]


def _dump_database(folder: Path) -> Path:
    folder.mkdir(parents=True)
    if connection.vendor == "sqlite":
        target = folder / "samskab.sqlite3"
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        try:
            with sqlite3.connect(str(target)) as copy:
                source.backup(copy)
        finally:
            source.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "samskab.pgdump"
        _pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}")
        return target
    raise BackupError(f"backups of a {connection.vendor} database are not supported")


def _pg(program: str, *args: str) -> None:
    """Run a PostgreSQL client program on the configured database."""
    if shutil.which(program) is None:
        raise BackupError(f"{program} was not found; install Debian's postgresql-client")
    db = settings.DATABASES["default"]
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    target = [f"--host={db.get('HOST') or 'localhost'}", f"--username={db.get('USER') or ''}"]
    if db.get("PORT"):
        target.append(f"--port={db['PORT']}")
    done = subprocess.run(
        [program, *target, f"--dbname={db['NAME']}", *args],
        env={**_path_env(), **env}, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()[-500:]}")


def _path_env() -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}


def _manifest(staging: Path, files: list[Path]) -> dict[str, Any]:
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connection).applied_migrations()
    latest: dict[str, str] = {}
    for app, name in sorted(applied):
        latest[app] = max(latest.get(app, ""), name)
    return {
        "format": FORMAT,
        "samskab": version("samskab"),
        "made": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "migrations": latest,
        "files": {
            str(p.relative_to(staging)): {"bytes": p.stat().st_size, "sha256": _sha256(p)}
            for p in files
        },
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def restore_backup(backup: Path, *, force: bool = False) -> dict[str, Any]:
    """Put a backup's database and files in place of the configured ones; return its manifest.

    Nothing is changed until every member has been checked; a target holding data is refused
    unless `force`."""
    with tempfile.TemporaryDirectory(prefix="samskab-restore-") as tmp:
        staging = Path(tmp)
        manifest = _unpack(backup, staging)
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"{backup.name} holds a {manifest['database']} database; this installation uses "
                f"{connection.vendor}"
            )
        if not force:
            _refuse_if_in_use()
        _load_database(staging / "database", manifest["database"])
        _put_files(staging / "files")
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return manifest


def _unpack(backup: Path, staging: Path) -> dict[str, Any]:
    try:
        with tarfile.open(backup, "r:gz") as tar:
            tar.extractall(staging, filter="data")
        manifest: dict[str, Any] = json.loads((staging / "manifest.json").read_text())
    except (OSError, tarfile.TarError, ValueError, KeyError) as error:
        raise BackupError(f"{backup.name} is not a samskab backup ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{backup.name}: unknown backup format {manifest.get('format')!r}")
    listed = set(manifest["files"])
    present = {str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file()}
    if present - {"manifest.json"} != listed:
        raise BackupError(f"{backup.name}: the files differ from its manifest")
    for name, expected in manifest["files"].items():
        if _sha256(staging / name) != expected["sha256"]:
            raise BackupError(f"{backup.name}: {name} is damaged (its checksum differs)")
    return manifest


def _refuse_if_in_use() -> None:
    """Raise when the database has accounts or the data folder has files."""
    tables = connection.introspection.table_names()
    if "auth_user" in tables:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM auth_user")
            if cursor.fetchone()[0]:
                raise BackupError(
                    "the database already holds accounts; restore with --force to replace it"
                )
    for folder in FOLDERS:
        path = Path(settings.DATA_DIR) / folder
        if path.is_dir() and any(path.iterdir()):
            raise BackupError(f"{path} is not empty; restore with --force to replace it")


def _load_database(folder: Path, vendor: str) -> None:
    connection.close()
    if vendor == "sqlite":
        target = Path(settings.DATABASES["default"]["NAME"])
        incoming = target.with_name(target.name + ".restoring")
        shutil.copyfile(folder / "samskab.sqlite3", incoming)
        for stale in (
            target.with_name(target.name + "-wal"),
            target.with_name(target.name + "-shm"),
        ):
            stale.unlink(missing_ok=True)
        incoming.replace(target)
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    connection.close()
    _pg("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
        str(folder / "samskab.pgdump"))  # fmt: skip


def _put_files(files: Path) -> None:
    data = Path(settings.DATA_DIR)
    for folder in FOLDERS:
        target = data / folder
        if target.exists():
            shutil.rmtree(target)
        if (files / folder).is_dir():
            shutil.copytree(files / folder, target)
    if (files / KEY_FILE).is_file():
        shutil.copy2(files / KEY_FILE, data / KEY_FILE)
