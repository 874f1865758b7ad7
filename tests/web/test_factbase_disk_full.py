"""A full disk during an import: the upload page or the import's page says so in words, and
nothing is left half-written (no kept file, no partial store, no dataset in the list)."""

from __future__ import annotations

import errno
from pathlib import Path

import duckdb
from django.urls import reverse

from samskab.factbase import actions
from samskab.factbase.models import FactDataset
from samskab.facts import store
from samskab.jobs.worker import run_pending

from .test_factbase_import import _uploads, storage_fixture, write_register  # noqa: F401

FULL = "Serverens disk var fuld under importen, så intet blev importeret."


def _files_left(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_disk_that_fills_while_the_files_are_kept_is_named_and_nothing_is_kept(
    client_for, facilitator, project, storage, monkeypatch
):
    def copy_until_full(source, target: Path, checksum) -> None:
        target.write_bytes(b"moved_on;from_code\n2019-0")  # the first bytes fitted
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(actions, "_copy", copy_until_full)
    paths = write_register(storage / "source")
    response = client_for(facilitator).post(
        reverse("factbase:upload", args=[project.pk]), _uploads(paths)
    )
    assert response.status_code == 400
    assert FULL in response.content.decode()
    assert _files_left(storage / "uploads") == []
    assert not FactDataset.objects.exclude(status="failed").exists()


def test_a_disk_that_fills_while_the_store_is_written_is_named_on_the_import_page(
    client_for, facilitator, project, storage, job_queue, monkeypatch
):
    def import_until_full(con, **files) -> list[str]:
        con.execute("CREATE TABLE moves AS SELECT 1 AS person_id")
        raise duckdb.IOException('IO Error: Could not write file "x": No space left on device')

    monkeypatch.setattr(store, "import_files", import_until_full)
    client = client_for(facilitator)
    paths = write_register(storage / "source")
    response = client.post(reverse("factbase:upload", args=[project.pk]), _uploads(paths))
    assert response.status_code == 302
    assert run_pending() == 1
    dataset = FactDataset.objects.get()
    assert dataset.status == "failed"
    assert FULL in client.get(response["Location"]).content.decode()
    assert _files_left(storage / "uploads") == []
    assert _files_left(storage / "cache") == []
    assert not project.areas.exists()
