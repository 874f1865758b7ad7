"""The demo municipality passes the importer and gives a full fact base."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd


def test_the_demo_files_import_and_give_seven_areas(tmp_path, cli):
    assert cli("demo-data", tmp_path / "data", "--seed", "3").status == 0
    data = tmp_path / "data"
    result = cli(
        "facts",
        "net-migration",
        "--moves",
        data / "moves.csv",
        "--areas",
        data / "areas.csv",
        "--population",
        data / "population.csv",
        "--from",
        "2008",
        "--to",
        "2013",
        "--format",
        "csv",
        "--cache-dir",
        tmp_path / "cache",
    )
    assert result.status == 0, result.err
    assert result.err == ""  # no ignored columns, no warnings
    lines = result.out.splitlines()
    assert len(lines) == 8
    nets = [int(line.split(",")[1]) for line in lines[1:]]
    # Internal nets cancel, except for moves inside the municipality with an unknown parish.
    moves = pd.read_csv(data / "moves.csv", dtype=str)
    inside = moves[(moves.from_municipality == "760") & (moves.to_municipality == "760")]
    inside = inside[inside.move_date.between("2008-01-01", "2013-12-31")]
    unknown_origin = (inside.from_parish.isna() & inside.to_parish.notna()).sum()
    unknown_destination = (inside.to_parish.isna() & inside.from_parish.notna()).sum()
    assert sum(nets) == unknown_origin - unknown_destination


def test_samskab_demo_builds_the_fact_base_and_prints_the_headline_tables(tmp_path):
    # A real process: the demo also sets up the web application's own database.
    result = subprocess.run(
        [sys.executable, "-m", "samskab.cli", "demo", "--dir", str(tmp_path / "demo"), "--no-serve"],
        capture_output=True, text=True, timeout=300, check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "SAMSKAB"))},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Net migration per area, 2008–2013" in result.stdout
    assert "In-movers who had lived in the municipality before" in result.stdout
    assert "facilitator  password demo-facilitator" in result.stdout
    retention = pd.read_csv(tmp_path / "demo" / "factbase" / "retention.csv")
    assert set(retention.years_after) == {1, 2, 3, 5}
