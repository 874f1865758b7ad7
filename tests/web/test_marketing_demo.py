"""The demo project's marketing plan: two target groups linked to the demo's initiatives."""

from __future__ import annotations

import datetime
from pathlib import Path

from samskab.segmentation.demo import DEMO_NAMES

TODAY = datetime.date(2026, 3, 2)


def test_the_demo_plans_for_the_families_and_the_seniors(tmp_path: Path, db):
    from samskab.ideas.demo import seed_demo_workshops
    from samskab.initiatives.demo import seed_demo_initiatives
    from samskab.marketing.demo import seed_demo_marketing
    from samskab.projects.demo import seed_demo_project

    rows = ["area,parish"] + [f"Område {n},{7000 + n}" for n in range(1, 8)]
    (tmp_path / "areas.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    project = seed_demo_project(tmp_path)
    seed_demo_workshops(project)
    seed_demo_initiatives(project, TODAY)
    seed_demo_marketing(project)
    seed_demo_marketing(project)  # a second run rewrites, it does not add
    plans = {plan.segment: plan for plan in project.segment_plans.all()}
    assert sorted(plans) == sorted([DEMO_NAMES[0], DEMO_NAMES[2]])
    families, seniors = plans[DEMO_NAMES[0]], plans[DEMO_NAMES[2]]
    assert len(families.messages()) == 3 and len(seniors.messages()) == 2
    assert sorted(families.initiatives.values_list("title", flat=True)) == [
        "Byggegrunde ved skolen", "Fælles velkomstpakke til tilflyttere",
    ]  # fmt: skip
    assert list(seniors.initiatives.values_list("title", flat=True)) == [
        "Seniorbofællesskab i den gamle præstegård"
    ]
