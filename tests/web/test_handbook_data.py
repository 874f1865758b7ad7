"""The handbook's open data: `samskab report --data` writes the aggregates behind every table,
suppressed as printed, with a Frictionless datapackage.json."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from samskab.handbook.cli import run_report
from samskab.initiatives.models import Initiative

from .evaluation_fixtures import answered_round_fixture  # noqa: F401  (fixture)
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401  (fixtures)
from .test_handbook import figures_of


def report(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, zipfile.ZipFile]:
    """Run `samskab report --data` on the test database; return the handbook's text and zip."""
    monkeypatch.setattr("samskab.web_commands.setup_django", lambda *a, **k: None)
    args = argparse.Namespace(data_dir=tmp_path, project=project.pk, out=tmp_path / "h.pdf",
                              html=None, data=tmp_path / "h.zip", lang="da")  # fmt: skip
    assert run_report(args) == 0
    text = subprocess.run(["pdftotext", "-layout", str(args.out), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    return text, zipfile.ZipFile(args.data)


def rows_of(bundle: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(bundle.read(name).decode("utf-8-sig"))))


def test_the_bundle_holds_every_table_and_its_data_package(
    project, facts, answered_round, tmp_path, monkeypatch
):
    initiative = Initiative.objects.create(project=project, title="Byggegrunde ved skolen",
                                           goal="Flere familier", target_age_band="30-44")  # fmt: skip
    initiative.target_areas.set(project.areas.filter(name="Nord"))
    _text, bundle = report(project, tmp_path, monkeypatch)
    assert sorted(bundle.namelist()) == [
        "data/evaluation-after-w4-answers.csv", "data/evaluation-after-w4-groups.csv",
        "data/flow-map.csv",
        f"data/initiative-{initiative.pk}-before-after.csv",
        "data/largest-flows.csv", "data/map.csv", "data/members.csv", "data/net-migration.csv",
        "data/ranking.csv", "data/retention.csv", "data/return-migration.csv",
        "data/trends-areas.csv", "data/where.csv", "datapackage.json",
    ]  # fmt: skip
    package = json.loads(bundle.read("datapackage.json"))
    assert package["name"] == f"samskab-handbook-{project.pk}"
    assert "et antal under 5 vises som „<5“" in package["description"]
    assert all(r["path"] in bundle.namelist() for r in package["resources"])
    members = next(r for r in package["resources"] if r["name"] == "members")
    assert members["title"] == "Medlemmer efter rolle og landsby"
    assert members["schema"] == {
        "fields": [{"name": "Rolle", "type": "string"}, {"name": "Landsby", "type": "string"},
                   {"name": "Medlemmer", "type": "integer"}],
        "missingValues": ["", "<5", ".."],
    }  # fmt: skip
    net = next(r for r in package["resources"] if r["name"] == "net-migration")
    assert net["schema"]["fields"][2] == {
        "name": "net_external",
        "type": "integer",
        "description": "Netto, andre steder",
    }
    answers = next(r for r in package["resources"] if r["name"] == "evaluation-after-w4-answers")
    assert [f["name"] for f in answers["schema"]["fields"]] == ["Spørgsmål", "Svar", "Svar 2"]
    trend = rows_of(bundle, f"data/initiative-{initiative.pk}-before-after.csv")
    assert trend[0] == ["År", "Tilflyttere", "Fraflyttere", "Netto"]
    assert rows_of(bundle, "data/members.csv") == [
        ["Rolle", "Landsby", "Medlemmer"], ["Deltager", "Hoven", "6"], ["Ekspert", "–", "<5"],
        ["Facilitator", "–", "<5"], ["Landsbyrepræsentant", "Vester", "5"],
    ]  # fmt: skip


def test_the_net_migration_figures_equal_those_printed(project, facts, tmp_path, monkeypatch):
    text, bundle = report(project, tmp_path, monkeypatch)
    rows = {row[0]: row[1:] for row in rows_of(bundle, "data/net-migration.csv")}
    assert rows["Syd"] == ["..", "-2", "..", "3500", ".."]
    for area in ("Syd", "Nord"):
        printed = next(figures_of(line) for line in text.splitlines()
                       if line.strip().startswith(area + " ") and figures_of(line))  # fmt: skip
        assert printed == [printed_as(value) for value in rows[area]], area


def printed_as(value: str) -> str:
    """Return a CSV figure as the Danish handbook prints it ("3500" as "3.500")."""
    return f"{int(value):,}".replace(",", ".") if value.lstrip("-").isdigit() else value
