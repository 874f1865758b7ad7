"""The demo project's fact base: the demo data folder imported as its dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

from samskab.factbase.actions import import_demo_folder
from samskab.factbase.models import FactDataset
from samskab.projects.models import Project


def seed_demo_facts(project: Project, data_dir: Path) -> FactDataset:
    """Import the demo data in data_dir as the project's current dataset, replacing earlier
    demo imports (a re-run of `samskab demo` leaves one)."""
    dataset = import_demo_folder(project, data_dir, user=None)
    older = project.fact_datasets.filter(source=FactDataset.Source.DEMO).exclude(pk=dataset.pk)
    for stale in older:
        shutil.rmtree(stale.folder, ignore_errors=True)
    older.delete()
    return dataset
