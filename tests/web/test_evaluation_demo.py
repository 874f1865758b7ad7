"""The demo project shows an evaluation round with answers and an initiative with a target
group for its before/after page."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.contrib.auth.models import User
from django.urls import reverse

from samskab.evaluation.summary import round_summary
from samskab.initiatives.models import Initiative

TODAY = datetime.date(2026, 3, 2)


def _demo(tmp_path: Path):
    from samskab.evaluation.demo import seed_demo_evaluation
    from samskab.ideas.demo import seed_demo_workshops
    from samskab.initiatives.demo import seed_demo_initiatives
    from samskab.projects.demo import seed_demo_project

    rows = ["area,parish"] + [f"Område {n},{7000 + n}" for n in range(1, 8)]
    (tmp_path / "areas.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    project = seed_demo_project(tmp_path)
    seed_demo_workshops(project)
    seed_demo_initiatives(project, TODAY)
    seed_demo_evaluation(project, TODAY)
    return project


def test_the_demo_has_an_open_round_answered_by_all_but_the_participant(tmp_path, db):
    project = _demo(tmp_path)
    [evaluation] = project.evaluations.all()
    assert (evaluation.opened, evaluation.closes) == (TODAY, datetime.date(2026, 3, 23))
    summary = round_summary(evaluation, suppressed=False)
    assert (summary.asked, summary.answered) == (17, 16)
    waiting = evaluation.responses.filter(answered=None).values_list("member__username", flat=True)
    assert list(waiting) == ["participant"]
    # What worked: one 2, four 3s, seven 4s, four 5s.
    assert [c.count for c in summary.questions[0].counts] == [0, 1, 4, 7, 4]


def test_seeding_the_demo_twice_keeps_one_round(tmp_path, db):
    project = _demo(tmp_path)
    from samskab.evaluation.demo import seed_demo_evaluation

    seed_demo_evaluation(project, TODAY)
    assert project.evaluations.count() == 1


def test_the_demos_building_plots_target_families_in_the_first_area(tmp_path, db, client):
    project = _demo(tmp_path)
    initiative = Initiative.objects.get(project=project, title="Byggegrunde ved skolen")
    assert [a.name for a in initiative.target_areas.all()] == ["Område 1"]
    assert (initiative.target_age_band, initiative.target_household) == ("30-44",
                                                                         "couple_with_children")  # fmt: skip
    client.force_login(User.objects.get(username="facilitator"))
    page = client.get(reverse("evaluation:before_after", args=[project.pk, initiative.pk]))
    assert "Område 1" in page.content.decode()


def test_the_demos_before_after_has_years_after_the_start(tmp_path, db, client, settings):
    """The village association began the plots in 2021, so the demo register's 2021–2024 come
    after the start: the demo shows a before and an after."""
    from samskab.demo_data import write_demo_data
    from samskab.evaluation.demo import seed_demo_evaluation
    from samskab.factbase.demo import seed_demo_facts
    from samskab.ideas.demo import seed_demo_workshops
    from samskab.initiatives.demo import seed_demo_initiatives
    from samskab.projects.demo import seed_demo_project

    settings.UPLOAD_DIR, settings.FACTS_CACHE_DIR = tmp_path / "uploads", tmp_path / "cache"
    write_demo_data(tmp_path / "data")
    project = seed_demo_project(tmp_path / "data")  # as `samskab demo` builds it
    seed_demo_facts(project, tmp_path / "data")
    seed_demo_workshops(project)
    seed_demo_initiatives(project, TODAY)
    seed_demo_evaluation(project, TODAY)
    initiative = Initiative.objects.get(project=project, title="Byggegrunde ved skolen")
    client.force_login(User.objects.get(username="facilitator"))
    page = client.get(reverse("evaluation:before_after", args=[project.pk, initiative.pk]))
    trend = page.context["trend"]
    assert trend.start_year == 2021 and trend.has_after
    assert [row.year for row in trend.years if row.year >= 2021] == [2021, 2022, 2023, 2024]
    assert "der er endnu intet" not in page.content.decode()
