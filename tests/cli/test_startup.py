"""The command line answers at once: building its parser imports no heavy library.

`samskab --help` and `samskab facts --help` only build the parser; the libraries a command
needs (Ibis, DuckDB, pandas, scikit-learn, Django …) are imported when that command runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ["altair", "django", "duckdb", "ibis", "numpy", "pandas", "pyarrow", "scipy", "sklearn",
         "stepmix", "vl_convert", "openpyxl", "pyreadstat", "shapely"]  # fmt: skip


def _imported_after(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    return sorted({name.split(".")[0] for name in modules} & set(HEAVY))


def test_building_the_parser_imports_no_heavy_library() -> None:
    assert _imported_after("from samskab.cli import build_parser; build_parser()") == []


@pytest.mark.parametrize("args", [["--help"], ["facts", "--help"], ["segments", "--help"]])
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    code = f"from samskab.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass"
    assert _imported_after(code) == []


def test_a_command_still_finds_what_it_needs(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from samskab.cli import main; sys.exit(main())",
         "facts", "net-migration", "--moves", str(tmp_path / "none.csv"), "--areas",
         str(tmp_path / "a.csv"), "--population", str(tmp_path / "p.csv"),
         "--from", "2020", "--to", "2021"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "file not found" in done.stderr
