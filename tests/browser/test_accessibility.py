"""axe-core on every main page: serious or critical violations fail the test (WCAG 2.1 AA).

Every page is checked twice: on a laptop's screen (1366 × 768) and on a phone's (375 × 667),
where it must also be no wider than the screen. To cover a new page, list its URL name below:
pages of a project (fact base included) take the project's id and are opened by the project's
facilitator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from samskab.projects.models import Membership, Project, Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Pages anyone may open, signed in or not.
PUBLIC_PAGES = [
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "accessibility",
    "data_contract",
]
# Pages a signed-in person opens outside a project.
PERSONAL_PAGES = [
    "projects:list",
    "projects:create",
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:my_data",
]
# Pages of one project, as its facilitator sees them (with every form and action).
PROJECT_PAGES = [
    "projects:detail",
    "projects:edit",
    "projects:audit",
    "accounts:members",
    "projects:village_add",
    "workshops:overview",
    "workshops:settings",
    "evaluation:overview",
    "handbook:page",
    "ideas:list",
    "ideas:results",
    "segmentation:overview",
    "segmentation:surveys",
    "welcome:overview",
    "welcome:former_residents",
    "welcome:events",
    "welcome:letters",
    "welcome:processing",
    "welcome:sign_up_for",
]
# The fact base's pages (/projects/<id>/facts/…): URL names, with their extra arguments after a
# slash ("factbase:present_slide/3"). They are checked with the demo municipality's data imported.
FACT_BASE_PAGES: list[str] = [
    "factbase:overview",
    "factbase:map",
    "factbase:flows",
    "factbase:where",
    "factbase:population",
    "factbase:trends",
    "factbase:upload",
    "factbase:statbank",
    "factbase:present",
    "factbase:present_slide/2",
    "factbase:present_slide/3",
    "factbase:present_slide/4",
    "factbase:present_slide/5",  # where people go
    "factbase:present_slide/6",
    "factbase:present_slide/7",  # the StatBank slide: the project keeps FLY66 figures
]

# The segment pages with the demo survey imported and fitted ({survey}, {fit}: their ids).
SEGMENT_PAGES = [
    "segmentation:overview",
    "segmentation:codebook/{survey}",
    "segmentation:fit/{fit}",
    "housing:demand_from_survey",  # the chosen fit's answers mapped to homes, rooms and prices
]


# The demo project's workshop pages with its ideas and scores while W3 (How?) is on, then with
# its initiatives in W4 ({initiative}: the id of its first initiative) and its marketing plan
# ({plan}: the id of a target group's plan).
DEMO_SCORING_PAGES = ["ideas:list", "ideas:score", "ideas:results"]
DEMO_INITIATIVE_PAGES = [
    "workshops:overview",
    "workshops:expectations",
    "initiatives:dashboard",
    "initiatives:detail/{initiative}",
    "initiatives:notifications",
    "events:list",
    "evaluation:overview",
    "evaluation:summary/{round}",
    "evaluation:before_after/{initiative}",
    "marketing:plan",
    "marketing:add",
    "marketing:edit/{plan}",
    "marketing:brief/{plan}",
]

# The village pages with the demo's facts, Hoven in the first area with a written profile, a
# stakeholder on the map ({village}, {stakeholder}: their ids) and a target group's demand.
VILLAGE_PAGES = [
    "villages:list",
    "villages:profile/{village}",
    "villages:edit/{village}",
    "welcome:channels/{village}",  # the links on its public page to its own channels
    "villages:cluster",
    "villages:stakeholders",
    "villages:stakeholder_edit/{stakeholder}",
    "housing:match",  # its map of the gaps, drawn on the fact base's parishes
]

# The housing pages with the demo's register, its two target groups and a note ({home},
# {demand}: the ids of a home and of a target group's demand).
HOUSING_PAGES = [
    "housing:register",
    "housing:home_add",
    "housing:home_edit/{home}",
    "housing:import",
    "housing:bbr",
    "housing:demand",
    "housing:demand_edit/{demand}",
    "housing:match",
]

SCREENS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 375, "height": 667}}


@pytest.fixture(params=list(SCREENS))
def new_page(request: pytest.FixtureRequest, new_page: Callable[[], Any]) -> Callable[[], Any]:
    """Every test here runs on a laptop's screen and on a phone's."""
    screen = SCREENS[request.param]

    def make() -> Any:
        page = new_page()
        page.set_viewport_size(screen)
        return page

    return make


def _page_id(name: str) -> str:
    return name.replace(":", "-")


def _problems_on(
    page: Any,
    axe_problems: Callable[[Any, str], list[str]],
    project: Project,
    entries: list[str],
    **ids: int,
) -> list[str]:
    """Open each page of the project ("name/arg/…", {placeholders} filled from ids) and return
    what axe_problems finds on all of them."""
    found = []
    for entry in entries:
        name, *args = entry.format(**ids).split("/")
        response = page.goto(reverse(name, args=[project.pk, *args]))
        assert response is not None and response.ok, f"{entry}: {response and response.status}"
        found += axe_problems(page, entry)
    return found


@pytest.mark.parametrize("name", PUBLIC_PAGES, ids=_page_id)
def test_public_page(page: Any, check_axe: Callable[[Any, str], None], name: str) -> None:
    response = page.goto(reverse(name))
    assert response is not None and response.ok
    check_axe(page, name)


@pytest.mark.parametrize("name", PERSONAL_PAGES, ids=_page_id)
def test_personal_page(
    page: Any,
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    facilitator: User,
    name: str,
) -> None:
    log_in(page, facilitator)
    response = page.goto(reverse(name))
    assert response is not None and response.ok
    check_axe(page, name)


@pytest.mark.parametrize("name", PROJECT_PAGES, ids=_page_id)
def test_project_page(
    page: Any,
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    project: Project,
    facilitator: User,
    name: str,
) -> None:
    log_in(page, facilitator)
    response = page.goto(reverse(name, args=[project.pk]))
    assert response is not None and response.ok
    check_axe(page, name)


def test_fact_base_pages(
    request: pytest.FixtureRequest,
    page: Any,
    log_in: Callable[[Any, User], None],
    axe_problems: Callable[[Any, str], list[str]],
    project: Project,
    facilitator: User,
    tmp_path: Any,
) -> None:
    """Every fact-base page in one test: the demo data is imported once, and two years of
    StatBank FLY66 figures are kept (the StatBank page's balance and chart, and its slide)."""
    from samskab.factbase.balance import store
    from samskab.facts.statbank import read_statbank

    if not FACT_BASE_PAGES:
        return
    request.getfixturevalue("demo_facts")
    fly66 = tmp_path / "FLY66.csv"
    fly66.write_text(
        "TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n760;657;2023;1500\n657;760;2023;900\n"
        "760;657;2024;120\n657;760;2024;90\n",
        encoding="utf-8",
    )
    store(project, read_statbank([fly66]), facilitator)
    log_in(page, facilitator)
    found = _problems_on(page, axe_problems, project, FACT_BASE_PAGES)
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def test_village_pages(
    request: pytest.FixtureRequest,
    page: Any,
    log_in: Callable[[Any, User], None],
    axe_problems: Callable[[Any, str], list[str]],
    project: Project,
    facilitator: User,
) -> None:
    """Every village page in one test, with figures in the profile's tables."""
    from samskab.housing.models import Demand
    from samskab.villages.actions import do_save_profile, profile_of
    from samskab.villages.models import Stakeholder

    request.getfixturevalue("demo_facts")
    hoven = project.villages.get()
    hoven.area = project.areas.first()
    hoven.parish = hoven.area.parishes[0]
    hoven.save(update_fields=["area", "parish"])
    Demand.objects.create(project=project, segment="Selvbyggere", kinds=["plot"])
    profile = profile_of(hoven)
    profile.strengths = "Friskole og stærkt foreningsliv."
    do_save_profile(profile, {"nature": "Åen og plantagen."}, by=facilitator)
    agent = Stakeholder.objects.create(project=project, name="Vest Bolig", kind="estate_agent")
    log_in(page, facilitator)
    found = _problems_on(page, axe_problems, project, VILLAGE_PAGES, village=hoven.pk,
                         stakeholder=agent.pk)  # fmt: skip
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def test_housing_pages(
    page: Any,
    log_in: Callable[[Any, User], None],
    axe_problems: Callable[[Any, str], list[str]],
    tmp_path: Path,
) -> None:
    """Every housing page with the demo's register, demand and gaps in one test."""
    from samskab.housing.demo import seed_demo_housing
    from samskab.housing.models import Home
    from samskab.projects.demo import seed_demo_project

    from .conftest import PASSWORD

    (tmp_path / "areas.csv").write_text(
        "area,parish\nHoven,9001\nSkarrild,9002\nRindum,9003\n", encoding="utf-8"
    )
    project = seed_demo_project(tmp_path)
    seed_demo_housing(project)
    facilitator = User.objects.get(username="facilitator")
    facilitator.set_password(PASSWORD)
    facilitator.save(update_fields=["password"])
    log_in(page, facilitator)
    home = Home.objects.filter(village__project=project).first()
    demand = project.housing_demands.first()
    assert home is not None and demand is not None
    found = _problems_on(page, axe_problems, project, HOUSING_PAGES, home=home.pk,
                         demand=demand.pk)  # fmt: skip
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def test_segment_pages(
    page: Any,
    log_in: Callable[[Any, User], None],
    axe_problems: Callable[[Any, str], list[str]],
    project: Project,
    facilitator: User,
    tmp_path: Any,
) -> None:
    """Every segment page in one test: the demo survey is fitted once (K=2, no bootstrap)."""
    from samskab.segmentation import actions
    from samskab.segments.demo_survey import simulate_survey, write_demo_survey

    survey = actions.do_import_survey(
        project, write_demo_survey(tmp_path / "survey.csv"), user=None
    )
    items = simulate_survey(respondents=10).segmenting_items
    actions.do_edit_codebook(survey, survey.read_codebook().with_roles(items))
    fit = actions.do_start_fit(survey, range(2, 3), bootstrap=0, user=None, background=False)
    actions.do_choose(fit, 2)
    log_in(page, facilitator)
    found = _problems_on(page, axe_problems, project, SEGMENT_PAGES, survey=survey.pk, fit=fit.pk)
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def test_demo_workshop_pages(
    page: Any,
    log_in: Callable[[Any, User], None],
    axe_problems: Callable[[Any, str], list[str]],
    tmp_path: Path,
) -> None:
    """The workshop pages full of the demo's ideas, scores and initiatives in one test."""
    from samskab.evaluation.demo import seed_demo_evaluation
    from samskab.ideas.demo import seed_demo_workshops
    from samskab.initiatives.demo import seed_demo_initiatives
    from samskab.initiatives.models import Initiative
    from samskab.marketing.demo import seed_demo_marketing
    from samskab.projects.demo import seed_demo_project

    from .conftest import PASSWORD

    (tmp_path / "areas.csv").write_text(
        "area,parish\nHoven,9001\nSkarrild,9002\nRindum,9003\n", encoding="utf-8"
    )
    project = seed_demo_project(tmp_path)
    seed_demo_workshops(project)
    facilitator = User.objects.get(username="facilitator")
    facilitator.set_password(PASSWORD)
    facilitator.save(update_fields=["password"])
    log_in(page, facilitator)
    found = _problems_on(page, axe_problems, project, DEMO_SCORING_PAGES)
    seed_demo_initiatives(project)
    seed_demo_evaluation(project)
    seed_demo_marketing(project)
    first = Initiative.objects.filter(project=project).order_by("pk").first()
    evaluation = project.evaluations.first()
    plan = project.segment_plans.first()
    assert first is not None and evaluation is not None and plan is not None
    found += _problems_on(page, axe_problems, project, DEMO_INITIATIVE_PAGES, initiative=first.pk,
                          round=evaluation.pk, plan=plan.pk)  # fmt: skip
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def test_forms_showing_errors(page: Any, check_axe: Callable[[Any, str], None]) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.locator(".field-error").first).to_be_visible()
    check_axe(page, "login with errors")


def test_page_not_found(
    page: Any,
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    project: Project,
    outsider: User,
) -> None:
    log_in(page, outsider)
    response = page.goto(reverse("projects:detail", args=[project.pk]))
    assert response is not None and response.status == 404
    check_axe(page, "page not found")


def test_english_pages(
    page: Any,
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    project: Project,
    facilitator: User,
) -> None:
    log_in(page, facilitator)
    page.goto(reverse("accounts:members", args=[project.pk]))
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_axe(page, "members, in English")


def test_lock_out_page(page: Any, check_axe: Callable[[Any, str], None], facilitator: User) -> None:
    page.goto(reverse("accounts:login"))
    for _attempt in range(10):  # the 10th failure is answered with the lock-out page
        page.locator("#id_username").fill("facilitator")
        page.locator("#id_password").fill("wrong password")
        page.get_by_role("main").get_by_role("button", name="Log ind").click()
        page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind spærret")
    check_axe(page, "lock-out page")


def test_invitation_sign_up(
    new_page: Callable[[], Any],
    log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None],
    project: Project,
    facilitator: User,
) -> None:
    mail.outbox = []
    page = new_page()
    log_in(page, facilitator)
    page.goto(reverse("accounts:members", args=[project.pk]))
    page.get_by_label("E-mail").fill("ny@example.org")
    page.get_by_label("Rolle", exact=True).select_option(Role.PARTICIPANT)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_be_visible()
    check_axe(page, "members after an invitation")

    link = re.search(r"https?://\S+/accounts/invitations/\S+/", mail.outbox[0].body)
    assert link is not None
    guest = new_page()
    guest.goto(link.group(0))
    check_axe(guest, "invitation sign-up")


def test_the_results_board_with_scores(
    page: Any,
    log_in: Callable[[Any, User], None],
    axe_problems: Callable[[Any, str], list[str]],
    project: Project,
    facilitator: User,
) -> None:
    """The board with figures in every column, a flagged idea and the disagreement panel, on
    the page and on the projector."""
    from samskab.ideas.actions import do_record_scores
    from samskab.ideas.models import Idea
    from samskab.workshops import actions
    from samskab.workshops.models import Theme, Workshop

    actions.ensure_workshops(project)
    actions.do_activate(Workshop.objects.get(project=project, number=3))
    plots, meals = (
        Idea.objects.create(project=project, title=title, theme=Theme.HOUSING_SUPPLY)
        for title in ("Byggegrunde", "Fællesspisning")
    )
    for number, sheet in enumerate([(5, 1, 4), (3, 5, 2), (4, 4, 4), (2, 2, 2)]):
        person = User.objects.create_user(username=f"scorer{number}")
        Membership.objects.create(project=project, user=person, role=Role.PARTICIPANT)
        scores = {plots.pk: sheet, meals.pk: (3, 3, 3)} if number < 2 else {plots.pk: sheet}
        do_record_scores(project, person, scores, entered_by=facilitator)
    log_in(page, facilitator)
    found = []
    for query in ("", "?screen=1"):
        page.goto(reverse("ideas:results", args=[project.pk]) + query)
        expect(page.locator("#board")).to_contain_text("færre har givet point")
        found += axe_problems(page, f"results board{query}")
    if found:
        pytest.fail("\n".join(found), pytrace=False)
