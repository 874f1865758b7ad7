"""The import graph keeps its shape: the Django apps depend downwards only, and the fact base
and the segments import no Django (the contracts in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def test_every_import_contract_is_kept():
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True) == 0
