"""The segments' housing demand read from the survey (in English), and a target group's
marketing plan written and handed on as a one-page brief (in Danish)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from samskab.projects.models import Project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fitted_demo_survey(project: Project, folder: Path) -> Any:
    """Import the demo survey, fit two segments (no bootstrap) and choose them."""
    from samskab.segmentation import actions
    from samskab.segments.demo_survey import simulate_survey, write_demo_survey

    survey = actions.do_import_survey(project, write_demo_survey(folder / "flyttere.csv"),
                                      user=None)  # fmt: skip
    items = simulate_survey(respondents=10).segmenting_items
    actions.do_edit_codebook(survey, survey.read_codebook().with_roles(items))
    fit = actions.do_start_fit(survey, range(2, 3), bootstrap=0, user=None, background=False)
    actions.do_choose(fit, 2)
    actions.do_name_segments(fit, ["Group A", "Group B"])
    return fit


def test_the_facilitator_reads_the_segments_demand_from_the_survey_in_english(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User,
    tmp_path: Path,
) -> None:  # fmt: skip
    from samskab.housing.models import Demand

    _fitted_demo_survey(project, tmp_path)
    Demand.objects.create(project=project, segment="Self-builders", kinds=["plot"])
    log_in(page, facilitator)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("navigation", name="Project").get_by_role("link", name="Villages").click()
    section = page.get_by_role("navigation", name="Villages, housing and marketing")
    section.get_by_role("link", name="Housing supply").click()
    page.get_by_role("link", name="Demand per target group").click()
    page.get_by_role("link", name="Read the demand from the survey").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Demand from the survey")
    # The questions on the home wanted are found, and their answers' meaning filled in from
    # their wording, for the facilitator to check.
    expect(page.get_by_label("Parcelhus")).to_have_value("house")
    expect(page.get_by_label("Byggegrund")).to_have_value("plot")
    expect(page.get_by_label("5 værelser eller flere")).to_have_value("5")
    expect(page.get_by_label("1,5-2 mio. kr.", exact=True)).to_have_value("2000000")
    expect(page.get_by_label("Over 3 mio. kr.: no upper bound")).to_be_checked()
    page.get_by_label("Group B").uncheck()
    page.get_by_role("button", name="Set the demand from the survey").click()
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/housing/demand/$"))
    expect(page.get_by_role("status").first).to_contain_text(
        "The demand of 1 target group was set from the survey."
    )
    read = Demand.objects.get(project=project, segment="Group A")
    assert read.kinds and read.basis["survey"] == "flyttere.csv"
    row = page.get_by_role("row").filter(has_text="Group A")
    expect(row).to_contain_text(f"The survey (flyttere.csv): {read.basis['answered']} answers")
    expect(page.get_by_role("row").filter(has_text="Self-builders")).to_contain_text("Set by hand")
    assert not Demand.objects.filter(project=project, segment="Group B").exists()


def test_a_target_groups_plan_is_written_and_handed_on_as_a_brief(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User
) -> None:
    log_in(page, facilitator)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("navigation", name="Projekt").get_by_role("link", name="Landsbyer").click()
    section = page.get_by_role("navigation", name="Landsbyer, boliger og markedsføring")
    section.get_by_role("link", name="Markedsføring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Markedsføringsplan")
    page.get_by_role("link", name="Tilføj en målgruppe").click()
    page.get_by_label("Målgruppe", exact=True).fill("Børnefamilierne")
    page.get_by_label("Hvorfor denne målgruppe").fill("38 % af tilflytterne; boligen afgør.")
    page.get_by_label("Stedbundne ressourcer at bygge på").fill("Friskolen og åen.")
    page.get_by_label("Første budskab").fill("Skole i gåafstand.")
    page.get_by_label("Andet budskab").fill("Have til børnene.")
    page.get_by_label("Kanaler").fill("Lokalavisen og mæglerne.")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/marketing/$"))
    plan = (
        page.get_by_role("region", name="Børnefamilierne")
        .or_(page.locator("section.card").filter(has_text="Børnefamilierne"))
        .first
    )
    expect(plan.get_by_role("listitem")).to_have_text(["Skole i gåafstand.", "Have til børnene."])
    plan.get_by_role("link", name="Oplægget på én side (Børnefamilierne)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kampagneoplæg: Børnefamilierne")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Friskolen og åen.")
    expect(main).to_contain_text("Lokalavisen og mæglerne.")
