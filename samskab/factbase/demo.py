"""The demo project's fact base: the demo data folder imported as its dataset; and the public
fact base, built from the demo's StatBank files, which a new project of the demo shows."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

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


def seed_public_facts(data_dir: Path) -> Path:
    """Build the public fact base from the demo's StatBank files (data_dir/statbank) into
    settings.PUBLIC_FACTS_DIR; return that folder."""
    from samskab.facts.demo import STATBANK
    from samskab.facts.demo_people import FIRST_YEAR, LAST_YEAR
    from samskab.facts.public import build_public, public_fact_base

    folder = Path(settings.PUBLIC_FACTS_DIR)
    build_public(public_fact_base(data_dir / STATBANK, FIRST_YEAR, LAST_YEAR), folder)
    return folder
