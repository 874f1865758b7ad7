"""Shared helpers for the fact-base tests: small registers written from text, and the CLI."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from samskab.cli import main
from samskab.facts.store import Dataset, load_dataset

AREAS = """\
parish,area,municipality
7001,Nord,760
7002,Nord,760
7003,Syd,0760
7004,Syd,760
"""
# 7005 is a parish of 760 in no area.
POPULATION = """\
year,parish,population
2008,7001,1000
2008,7002,500
2008,7003,2000
2008,7004,1500
2009,7001,1001
2009,7002,500
2009,7003,2000
2009,7004,1500
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write dedented text to folder/name and return the path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Callable[..., Dataset]:
    """Return a function that loads a dataset from the given file texts (in memory)."""

    def load(
        moves: str | None = None,
        *,
        flows: str | None = None,
        areas: str = AREAS,
        population: str = POPULATION,
    ) -> Dataset:
        return load_dataset(
            areas=write(tmp_path, "areas.csv", areas),
            population=write(tmp_path, "population.csv", population),
            moves=write(tmp_path, "moves.csv", moves) if moves is not None else None,
            flows=write(tmp_path, "flows.csv", flows) if flows is not None else None,
            in_memory=True,
        )

    return load


@dataclass
class Result:
    status: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
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
