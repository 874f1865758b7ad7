"""An initiative's health on a given day: on track, overdue, stalled, done or paused."""

from __future__ import annotations

import datetime

from samskab.initiatives.actions import do_post_update
from samskab.initiatives.dashboard import dashboard_rows
from samskab.initiatives.health import Health, health
from samskab.initiatives.models import Initiative, Milestone

from .initiatives_fixtures import TODAY, at, initiative_fixture  # noqa: F401  (fixture)

DAY = datetime.timedelta(days=1)


def state(initiative, today, stall_weeks=6):
    milestones = list(initiative.milestones.all())
    last = initiative.updates.order_by("-created").values_list("created", flat=True).first()
    return health(
        initiative, milestones=milestones, last_update=last, today=today, stall_weeks=stall_weeks
    )


def test_a_fresh_initiative_is_on_track(initiative):
    assert state(initiative, TODAY + 10 * DAY) == Health.ON_TRACK


def test_it_is_overdue_the_day_after_a_milestone_not_done(initiative):
    milestone = initiative.milestones.get()
    assert state(initiative, milestone.due) == Health.ON_TRACK
    assert state(initiative, milestone.due + DAY) == Health.OVERDUE
    Milestone.objects.filter(pk=milestone.pk).update(done=True)
    assert state(initiative, milestone.due + DAY) == Health.ON_TRACK


def test_it_is_overdue_after_its_review_date(initiative):
    initiative.review_date = TODAY + 5 * DAY
    assert state(initiative, TODAY + 6 * DAY) == Health.OVERDUE


def test_it_is_stalled_after_the_set_weeks_without_an_update(initiative, participant):
    assert state(initiative, TODAY + 20 * DAY, stall_weeks=3) == Health.ON_TRACK
    assert state(initiative, TODAY + 21 * DAY, stall_weeks=3) == Health.STALLED
    do_post_update(initiative, participant, "Møde holdt", when=at(TODAY + 15 * DAY))
    assert state(initiative, TODAY + 21 * DAY, stall_weeks=3) == Health.ON_TRACK


def test_done_and_paused_initiatives_are_neither_overdue_nor_stalled(initiative):
    late = TODAY + 100 * DAY
    initiative.status = Initiative.Status.DONE
    assert state(initiative, late) == Health.DONE
    initiative.status = Initiative.Status.PAUSED
    assert state(initiative, late) == Health.PAUSED


def test_the_dashboard_filters_by_health_and_village(project, initiative):
    hoven = project.villages.get(name="Hoven")
    late = TODAY + 31 * DAY
    assert [r.health for r in dashboard_rows(project, late)] == [Health.OVERDUE]
    assert dashboard_rows(project, late, health_filter=Health.STALLED) == []
    assert dashboard_rows(project, late, village=str(hoven.pk)) == []
    Initiative.objects.filter(pk=initiative.pk).update(owner_village=hoven)
    row = dashboard_rows(project, late, village=str(hoven.pk))[0]
    assert row.next_milestone.title == "Lokalplan"
