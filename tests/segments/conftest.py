"""Shared helpers for the segments tests: the poLCA reference data, small surveys, the CLI."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from samskab.cli import main

POLCA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polca"


@pytest.fixture(scope="session")
def polca() -> Callable[[str], Path]:
    """Return a function giving a poLCA example file from ../shared/data/polca; it skips the
    test when the file is absent."""

    def find(name: str) -> Path:
        path = POLCA / name
        if not path.is_file():
            pytest.skip(
                f"reference data {path} not present (it lives in ../shared beside the repo)"
            )
        return path

    return find


def write(folder: Path, name: str, text: str) -> Path:
    """Write dedented text to folder/name and return the path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@dataclass
class Result:
    status: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Return a function that runs `samskab ARGS…` in-process and returns status and output."""
    # The command line speaks the locale's language: English unless a test sets LANG.
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

    def run(*args: str | Path) -> Result:
        try:
            status = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse refusing the arguments
            status = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run
