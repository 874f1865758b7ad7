"""The facilitators' weekly overview; the worker's own daily run of the follow-up, which a cron
run on the same day never doubles; the demo's overdue milestone."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samskab.initiatives.models import Milestone, Notification
from samskab.jobs.worker import JobWorker, run_pending

from .initiatives_fixtures import TODAY, initiative_fixture  # noqa: F401  (fixture)
from .test_followup import DAY, followup, quiet
from .workshops_fixtures import activate


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def digests_to(address: str) -> list[str]:
    return [m.body for m in mail.outbox if m.to == [address] and "overblik" in m.subject]


def test_the_facilitators_get_a_weekly_overview_of_stalled_overdue_and_coming_up(
    project, initiative, facilitator
):
    quiet(initiative)
    Milestone.objects.create(initiative=initiative, title="Udbud", due=TODAY + 50 * DAY)
    followup(TODAY + 43 * DAY)  # no update for six weeks; Lokalplan 13 days late
    [body] = digests_to("facilitator@example.org")
    assert mail.outbox[-1].subject == "samskab: ugens overblik over Bosætning i Vest"
    assert "Gået i stå (ingen statusopdatering i et stykke tid):\n- Byggegrunde ved skolen" in body
    assert "Forsinket:\n- Byggegrunde ved skolen: milepælen “Lokalplan”, 1. april 2026" in body
    assert "De næste to uger:\n- Byggegrunde ved skolen: milepælen “Udbud”, 21. april 2026" in body
    link = f"http://127.0.0.1:8000/projects/{project.pk}/workshops/initiatives/{initiative.pk}/"
    assert link in body
    followup(TODAY + 46 * DAY)
    followup(TODAY + 49 * DAY)
    assert len(digests_to("facilitator@example.org")) == 1
    followup(TODAY + 50 * DAY)
    assert len(digests_to("facilitator@example.org")) == 2


def test_the_overview_shows_in_the_facilitators_notifications(
    client_for, project, initiative, facilitator
):
    activate(project, 4)
    quiet(initiative)
    followup(TODAY + 43 * DAY)
    page = client_for(facilitator).get(reverse("initiatives:notifications", args=[project.pk]))
    assert "Ugens overblik over de åbne initiativer." in page.content.decode()


def test_there_is_no_overview_when_nothing_is_due(project, initiative, facilitator):
    quiet(initiative)
    followup(TODAY + DAY)
    assert mail.outbox == [] and not Notification.objects.filter(kind="digest").exists()


def test_the_worker_queues_the_followup_once_a_day_from_seven(initiative, job_queue):
    quiet(initiative)
    day = TODAY + 23 * DAY  # seven days before the milestone
    worker = JobWorker("default")
    worker.tick(local(day, 6, 59))
    assert run_pending() == 0
    worker.tick(local(day, 7, 0))
    worker.tick(local(day, 7, 5))
    assert run_pending() == 1
    assert sorted(a for m in mail.outbox for a in m.to) == [
        "contact@example.org", "participant@example.org"
    ]  # fmt: skip
    worker.tick(local(day, 18, 0))
    assert run_pending() == 0


def test_a_cron_run_and_the_workers_run_on_one_day_send_nothing_twice(initiative, job_queue):
    quiet(initiative)
    day = TODAY + 23 * DAY
    call_command("followup", f"--today={day.isoformat()}", stdout=StringIO())
    JobWorker("default").tick(local(day, 7, 30))  # cron came first: nothing more queued
    assert run_pending() == 1
    JobWorker("default").tick(local(day + DAY, 7, 30))
    call_command("followup", f"--today={(day + DAY).isoformat()}", stdout=StringIO())
    assert run_pending() == 2  # both ran the next day, and told nobody anything twice
    assert sorted(a for m in mail.outbox for a in m.to) == [
        "contact@example.org", "participant@example.org"
    ]  # fmt: skip


def test_the_fits_workers_do_not_queue_the_followup(initiative, job_queue):
    JobWorker("fits").tick(local(TODAY, 8))
    assert run_pending() == 0


def test_the_demos_overdue_milestone_is_notified(tmp_path: Path, db):
    from samskab.ideas.demo import seed_demo_workshops
    from samskab.initiatives.demo import seed_demo_initiatives
    from samskab.projects.demo import seed_demo_project

    rows = ["area,parish"] + [f"Område {n},{7000 + n}" for n in range(1, 4)]
    (tmp_path / "areas.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    project = seed_demo_project(tmp_path)
    seed_demo_workshops(project)
    seed_demo_initiatives(project, TODAY)
    told = Notification.objects.filter(milestone__title="Lokalplan i høring")
    assert [(n.recipient.username, n.days_left) for n in told] == [("contact", -10)]
    digest = Notification.objects.get(kind="digest")
    assert digest.recipient.username == "facilitator"
    assert digest.details["overdue"][0][1:] == ["Byggegrunde ved skolen", "Lokalplan i høring",
                                                "2026-02-20"]  # fmt: skip


def test_the_worker_queues_nothing_when_the_daily_run_is_off(initiative, job_queue, settings):
    quiet(initiative)
    settings.DAILY_AT = None  # SAMSKAB_DAILY_AT=off: a cron job runs `samskab followup`
    JobWorker("default").tick(local(TODAY + 23 * DAY, 23, 59))
    assert run_pending() == 0


def test_the_daily_time_is_a_setting(initiative, job_queue, settings):
    quiet(initiative)
    settings.DAILY_AT = datetime.time(5, 30)
    day = TODAY + 23 * DAY
    worker = JobWorker("default")
    worker.tick(local(day, 5, 29))
    assert run_pending() == 0
    worker.tick(local(day, 5, 30))
    assert run_pending() == 1
