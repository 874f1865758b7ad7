"""`samskab backup` and `samskab restore`, round trip, on SQLite or on the PostgreSQL server of
DATABASE_URL (in a database of the test's own)."""

from __future__ import annotations

import io
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .installation import SAMSKAB, own_database, run, shell

MAKE_DATA = """
from django.contrib.auth.models import User
from samskab.projects.models import Municipality, Project
User.objects.create_user("anna", "anna@example.org", "a-long-test-password")
Project.objects.create(municipality=Municipality.objects.get(code=760), name="Bosætning i Vest")
"""
SHOW_DATA = """
from django.contrib.auth.models import User
from samskab.projects.models import Project
print(sorted(User.objects.values_list("username", flat=True)), list(Project.objects.values_list("name", flat=True)))
"""


@pytest.fixture
def database_url() -> Iterator[str | None]:
    with own_database("samskab_backup_test") as url:
        yield url


@pytest.fixture
def installation(tmp_path: Path, database_url: str | None) -> Path:
    """A data folder with a migrated database, an account, a project, an upload and a store."""
    data = tmp_path / "data"
    done = run([sys.executable, "-m", "django", "migrate", "-v0"], data, database_url)
    assert done.returncode == 0, done.stderr
    shell(MAKE_DATA, data, database_url)
    (data / "uploads" / "7").mkdir(parents=True)
    (data / "uploads" / "7" / "moves.csv").write_text("move_date,from_municipality\n")
    (data / "facts-cache").mkdir()
    (data / "facts-cache" / "store.duckdb").write_bytes(b"\x00store\x01" * 100)
    return data


def test_a_backup_restores_the_database_and_the_files(
    installation: Path, tmp_path: Path, database_url: str | None
) -> None:
    backup = tmp_path / "samskab.tar.gz"
    made = run([*SAMSKAB, "backup", "--data-dir", str(installation), "--out", str(backup)],
                installation, database_url)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "database and 3 file(s)" in made.stdout  # the upload, the store, the secret key

    # Everything is lost …
    shell("from samskab.projects.models import Project; Project.objects.all().delete()",
            installation, database_url)  # fmt: skip
    (installation / "uploads" / "7" / "moves.csv").unlink()
    (installation / "facts-cache" / "store.duckdb").write_bytes(b"broken")

    # … and a restore without --force refuses to overwrite what is there.
    refused = run([*SAMSKAB, "restore", str(backup), "--data-dir", str(installation)],
                   installation, database_url)  # fmt: skip
    assert refused.returncode == 2
    assert "already holds accounts; restore with --force" in refused.stderr

    restored = run([*SAMSKAB, "restore", str(backup), "--data-dir", str(installation), "--force"],
                    installation, database_url)  # fmt: skip
    assert restored.returncode == 0, restored.stderr
    assert shell(SHOW_DATA, installation, database_url) == "['anna'] ['Bosætning i Vest']"
    assert (installation / "uploads/7/moves.csv").read_text() == "move_date,from_municipality\n"
    assert (installation / "facts-cache/store.duckdb").read_bytes() == b"\x00store\x01" * 100


def test_a_damaged_backup_changes_nothing(
    installation: Path, tmp_path: Path, database_url: str | None
) -> None:
    backup = tmp_path / "samskab.tar.gz"
    made = run([*SAMSKAB, "backup", "--data-dir", str(installation), "--out", str(backup)],
                installation, database_url)  # fmt: skip
    assert made.returncode == 0, made.stderr
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(backup) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read() if member.isfile() else b""  # type: ignore[union-attr]
            if member.name.endswith("store.duckdb"):
                content = b"X" + content[1:]
            target.addfile(member, io.BytesIO(content))
    shell("from samskab.projects.models import Project; Project.objects.all().delete()",
            installation, database_url)  # fmt: skip

    done = run([*SAMSKAB, "restore", str(damaged), "--data-dir", str(installation), "--force"],
                installation, database_url)  # fmt: skip
    assert done.returncode == 2
    assert "files/facts-cache/store.duckdb is damaged (its checksum differs)" in done.stderr
    assert shell(SHOW_DATA, installation, database_url) == "['anna'] []"
