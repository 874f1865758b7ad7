"""An initiative's before/after view: its target group's moves per year from the fact base,
the start marked, labelled as a trend; suppressed for everyone but the facilitator."""

from __future__ import annotations

from django.urls import reverse

from samskab.evaluation.summary import YearMoves, before_after
from samskab.projects.models import Area

from .initiatives_fixtures import initiative_fixture  # noqa: F401  (fixture)
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401  (fixtures)


def _aim_at_nord(initiative, **target) -> None:
    initiative.target_areas.set([Area.objects.get(project=initiative.project, name="Nord")])
    type(initiative).objects.filter(pk=initiative.pk).update(**target)
    initiative.refresh_from_db()


def test_the_facilitator_sees_every_years_moves_of_the_target_areas(facts, initiative):
    _aim_at_nord(initiative)
    trend = before_after(initiative, suppressed=False)
    # Nord: 20 in from Holstebro in 2008; 3 in from Syd and 12 out abroad in 2009.
    assert trend.areas == ["Nord"] and trend.start_year == 2026 and trend.has_facts
    assert trend.years == [YearMoves(2008, 20, 0, 20), YearMoves(2009, 3, 12, -9)]


def test_the_age_band_and_household_type_narrow_the_series(facts, initiative):
    _aim_at_nord(initiative, target_age_band="65+", target_household="couple_no_children")
    trend = before_after(initiative, suppressed=False)
    assert trend.years == [YearMoves(2008, 0, 0, 0), YearMoves(2009, 3, 0, 3)]


def test_a_move_between_two_target_areas_is_neither_in_nor_out(facts, initiative):
    _aim_at_nord(initiative)
    initiative.target_areas.add(Area.objects.get(project=initiative.project, name="Syd"))
    trend = before_after(initiative, suppressed=False)
    # Nord and Syd: 20 and 6 in, 12 and 8 out; Syd → Nord stays inside.
    assert trend.years == [YearMoves(2008, 20, 8, 12), YearMoves(2009, 6, 12, -6)]


def test_others_see_small_counts_hidden(facts, initiative):
    _aim_at_nord(initiative)
    trend = before_after(initiative, suppressed=True)
    # 3 in 2009 is small, its net goes with it; the 20 in 2008 are the flow lists' 20 from
    # Holstebro, which no sum of other years can give away.
    assert trend.years == [YearMoves(2008, 20, 0, 20), YearMoves(2009, "<5", 12, "..")]


def test_the_page_says_it_is_a_trend_and_marks_the_start(
    client_for, facts, initiative, participant
):
    _aim_at_nord(initiative)
    url = reverse("evaluation:before_after", args=[initiative.project_id, initiative.pk])
    page = client_for(participant).get(url).content.decode()
    assert "Dette er en tendens, ikke en effekt." in page and "&lt;5" in page
    assert "<svg" in page and "Initiativet startede" in page


def test_without_a_fact_base_the_page_says_so(client_for, initiative, facilitator):
    url = reverse("evaluation:before_after", args=[initiative.project_id, initiative.pk])
    page = client_for(facilitator).get(url).content.decode()
    assert "Projektet har endnu ingen faktabase" in page
    assert before_after(initiative, suppressed=False).years == []
