"""`samskab facts build --out URL` writes the fact base to an object store: the same files, byte
for byte, as a build into a local folder. S3 is a local emulator (moto's server): no test
touches the network."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import pytest

from .conftest import Result
from .test_cli_facts import files


@pytest.fixture(scope="module")
def s3() -> Iterator[str]:
    """Return the address of a local S3 with a bucket "factbase"."""
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


def _store(endpoint: str) -> pafs.S3FileSystem:
    return pafs.S3FileSystem(
        access_key="test", secret_key="test", region="us-east-1", scheme="http",
        endpoint_override=endpoint.removeprefix("http://"), allow_bucket_creation=True,
    )  # fmt: skip


def _local_build(tmp_path: Path, cli: Callable[..., Result]) -> Path:
    out = tmp_path / "local"
    result = cli("facts", "build", *files(tmp_path), "--from", 2008, "--to", 2009, "--out", out)
    assert result.status == 0, result.err
    return out


def test_a_build_to_s3_writes_the_files_of_a_local_build(
    tmp_path: Path, cli: Callable[..., Result], s3: str, credentials: Any
) -> None:
    local = _local_build(tmp_path, cli)
    store = _store(s3)
    store.create_dir("factbase")
    query = f"?endpoint_override={s3.removeprefix('http://')}&scheme=http&region=us-east-1"
    result = cli("facts", "build", *files(tmp_path), "--from", 2008, "--to", 2009,
                 "--out", f"s3a://factbase/vest/2008-2009{query}")  # fmt: skip
    assert result.status == 0, result.err
    assert "Wrote 14 tables to s3a://factbase/vest/2008-2009:" in result.out
    stored = store.get_file_info(pafs.FileSelector("factbase/vest/2008-2009"))
    names = sorted(info.base_name for info in stored)
    assert names == sorted(path.name for path in local.iterdir())
    assert "manifest.json" in names and "net_migration.parquet" in names
    for name in names:
        with store.open_input_stream(f"factbase/vest/2008-2009/{name}") as stream:
            assert stream.read() == (local / name).read_bytes(), name


def test_a_build_to_a_file_url_is_a_local_build(tmp_path: Path, cli: Callable[..., Result]) -> None:
    local = _local_build(tmp_path, cli)
    target = tmp_path / "store" / "tables"
    result = cli("facts", "build", *files(tmp_path), "--from", 2008, "--to", 2009,
                 "--out", f"file://{target}")  # fmt: skip
    assert result.status == 0, result.err
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in local.iterdir())
    for path in local.iterdir():
        assert (target / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_store_that_cannot_be_written_is_a_clear_error(
    tmp_path: Path, cli: Callable[..., Result], s3: str, credentials: Any
) -> None:
    query = f"?endpoint_override={s3.removeprefix('http://')}&scheme=http&region=us-east-1"
    result = cli("facts", "build", *files(tmp_path), "--from", 2008, "--to", 2009,
                 "--out", f"s3://no-such-bucket/tables{query}")  # fmt: skip
    assert result.status != 0
    assert result.err.startswith(
        "samskab: could not write the tables to s3://no-such-bucket/tables:"
    )
    assert "AWS_ACCESS_KEY_ID" in result.err and "Traceback" not in result.err
    assert "endpoint_override" not in result.err
