"""The demo project's housing register has real gaps against two target groups."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import translation

from samskab.housing.match import match_table
from samskab.segmentation.demo import DEMO_NAMES

TODAY = datetime.date(2026, 3, 2)


def _demo(tmp_path: Path):
    from samskab.housing.demo import seed_demo_housing
    from samskab.projects.demo import seed_demo_project

    rows = ["area,parish"] + [f"Område {n},{7000 + n}" for n in range(1, 8)]
    (tmp_path / "areas.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    project = seed_demo_project(tmp_path)
    seed_demo_housing(project, TODAY)
    seed_demo_housing(project, TODAY)  # a second run rewrites, it does not add
    return project


def test_the_demo_families_and_seniors_find_homes_in_few_villages(tmp_path, db):
    project = _demo(tmp_path)
    assert project.villages.get(name="Område 1 by").homes.count() == 3
    offered = {demand.segment: [cell.offered for cell in cells]
               for demand, cells in match_table(project)}  # fmt: skip
    # Villages 1–7, then the cluster, counted by hand from the demo's register.
    assert offered == {
        DEMO_NAMES[0]: [0, 2, 1, 0, 0, 0, 0, 3],
        DEMO_NAMES[2]: [2, 0, 0, 0, 0, 0, 0, 2],
    }


def test_the_demo_names_the_families_gap_in_the_fifth_village(tmp_path, db):
    project = _demo(tmp_path)
    with translation.override("da"):
        families = dict(match_table(project))[project.housing_demands.get(segment=DEMO_NAMES[0])]
        gap = str(families[4].gap)
    assert gap == (
        "Ingen parcelhuse eller rækkehuse med mindst 4 værelser, eller byggegrunde, under "
        "2.000.000 kr. udbudt i Område 5 by."
    )
