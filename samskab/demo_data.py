"""The demo municipality's files: the fact base's register and the settlement survey, written
side by side. Composed here so that the fact base and the segments need not know each other."""

from __future__ import annotations

from pathlib import Path

from samskab.facts.demo import FILES, write_register_data
from samskab.segments.demo_survey import write_demo_survey

__all__ = ["FILES", "write_demo_data"]


def write_demo_data(out_dir: Path, *, seed: int = 2016) -> dict[str, Path]:
    """Write every file of the fictional municipality into out_dir; return them by kind."""
    paths = write_register_data(out_dir, seed=seed)
    write_demo_survey(paths["survey"], seed=seed)
    return paths
