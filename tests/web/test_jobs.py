"""Long work runs as jobs in a queue kept in the database, never in the request: an upload is
read and validated outside any transaction, a fit waits on the fits queue, the follow-up's mail
is sent by the worker; the page shows each job's state; a job lost to a restart is queued again,
then failed, while a slow one whose worker beats is left alone.

Jobs run deterministically: the `job_queue` fixture queues them in the database and the tests
claim and run them with the worker's own code, here and once (no sleeps, no threads)."""

from __future__ import annotations

import datetime
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samskab.factbase import actions as factbase_actions
from samskab.factbase.models import FactDataset
from samskab.jobs import process as jobs_process
from samskab.jobs.models import WorkerBeat
from samskab.jobs.state import recover_lost_jobs
from samskab.jobs.worker import JobWorker, run_pending
from samskab.segmentation import actions as segment_actions
from samskab.segmentation.models import Fit
from samskab.worker_command import worker_queues

from .initiatives_fixtures import initiative_fixture  # noqa: F401  (fixture)
from .segmentation_fixtures import import_survey, survey_file_fixture  # noqa: F401
from .test_factbase_import import POPULATION, _uploads, storage_fixture, write_register  # noqa: F401
from .test_followup import quiet

SECONDS = datetime.timedelta(seconds=1)


def _upload(client, project, paths):
    return client.post(reverse("factbase:upload", args=[project.pk]), _uploads(paths))


def test_an_upload_is_queued_and_its_page_shows_queued_running_and_done(
    client_for, facilitator, project, storage, job_queue
):
    client = client_for(facilitator)
    response = _upload(client, project, write_register(storage / "source"))
    dataset = FactDataset.objects.get()
    page = reverse("factbase:import", args=[project.pk, dataset.pk])
    assert response.status_code == 302 and response["Location"] == page
    assert dataset.status == "importing" and not project.areas.exists()
    html = client.get(page).content.decode()
    assert "I kø" in html and 'hx-trigger="every 2s"' in html
    worker = JobWorker("default")
    worker.beat()
    job = worker.claim_next()
    assert "I gang" in client.get(page, HTTP_HX_REQUEST="true").content.decode()
    worker.run_task(job)
    assert client.get(page, HTTP_HX_REQUEST="true").headers.get("HX-Refresh") == "true"
    assert "Filerne er importeret" in client.get(page).content.decode()
    dataset.refresh_from_db()
    assert dataset.status == "valid" and project.areas.count() == 2


def test_a_refused_upload_lists_its_problems_on_its_page(
    client_for, facilitator, project, storage, job_queue
):
    bad = POPULATION.replace("2009,7002,500", "2009,7002,many")
    paths = write_register(storage / "source", **{"population.csv": bad})
    client = client_for(facilitator)
    page = _upload(client, project, paths)["Location"]
    assert run_pending() == 1
    html = client.get(page).content.decode()
    assert "Filerne blev ikke importeret" in html and '<td class="num">7</td>' in html
    assert FactDataset.objects.get().status == "failed"
    assert not any((storage / "uploads").rglob("*.csv"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_files_are_read_outside_any_database_transaction(
    facilitator, project, storage, monkeypatch
):
    reads = []
    load_dataset = factbase_actions.load_dataset

    def watched(**files):
        reads.append(connection.in_atomic_block)
        return load_dataset(**files)

    monkeypatch.setattr(factbase_actions, "load_dataset", watched)
    paths = write_register(storage / "source")
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"]}  # fmt: skip
    factbase_actions.do_import(project, files, individual=True, user=facilitator)
    assert reads == [False]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_survey_is_read_outside_any_database_transaction(project, survey_file, monkeypatch):
    reads = []
    read_survey = segment_actions.read_survey

    def watched(path, codebook):
        reads.append(connection.in_atomic_block)
        return read_survey(path, codebook)

    monkeypatch.setattr(segment_actions, "read_survey", watched)
    survey = segment_actions.do_import_survey(project, survey_file, user=None)
    assert reads == [False] and survey.respondents == 160 and survey.path.exists()


def _queued_fit(project, survey_file) -> Fit:
    survey = import_survey(project, survey_file)
    return segment_actions.do_start_fit(survey, range(2, 3), bootstrap=0, user=None)


def test_a_fit_waits_on_the_fits_queue_and_no_thread_is_started(
    client_for, facilitator, project, survey_file, job_queue
):
    threads = threading.active_count()
    survey = import_survey(project, survey_file)
    client = client_for(facilitator)
    url = reverse("segmentation:start_fit", args=[project.pk, survey.pk])
    client.post(url, {"first_classes": 2, "last_classes": 2, "bootstrap": 0, "seed": 1})
    fit = Fit.objects.get()
    assert threading.active_count() == threads
    assert list(DBTaskResult.objects.values_list("queue_name", "status")) == [("fits", "READY")]
    page = reverse("segmentation:fit", args=[project.pk, fit.pk])
    assert "I kø" in client.get(page).content.decode()
    assert run_pending("fits") == 1
    fit.refresh_from_db()
    assert fit.status == "done" and [m["classes"] for m in fit.results["models"]] == [2]


def _claimed_by_a_worker_that_beat(
    fit: Fit, ago: datetime.timedelta, process: tuple[str, int, int | None] = ("", 1, None)
) -> JobWorker:
    """Claim the fit's job for a worker that last beat `ago`, in `process` (machine, process
    id, start; by default one on no known machine, so only its beat counts)."""
    worker = JobWorker("fits")
    assert worker.claim_next() is not None
    machine, pid, started = process
    WorkerBeat.objects.create(worker_id=worker.worker_id, queue="fits", pid=pid, machine=machine,
                              process_start=started, beat=timezone.now() - ago)  # fmt: skip
    return worker


def test_a_fit_slower_than_fifteen_minutes_is_not_failed_while_its_worker_beats(
    client_for, facilitator, project, survey_file, job_queue
):
    fit = _queued_fit(project, survey_file)
    _claimed_by_a_worker_that_beat(fit, ago=2 * SECONDS)
    long_ago = timezone.now() - datetime.timedelta(minutes=20)
    Fit.objects.filter(pk=fit.pk).update(created=long_ago)
    DBTaskResult.objects.update(started_at=long_ago)
    page = reverse("segmentation:fit", args=[project.pk, fit.pk])
    assert "I gang" in client_for(facilitator).get(page).content.decode()
    fit.refresh_from_db()
    assert fit.status == "running"


def test_a_job_lost_to_a_restart_is_queued_again_then_failed(
    client_for, facilitator, project, survey_file, job_queue
):
    fit = _queued_fit(project, survey_file)
    page = reverse("segmentation:fit", args=[project.pk, fit.pk])
    client = client_for(facilitator)
    _claimed_by_a_worker_that_beat(fit, ago=31 * SECONDS)
    assert "I kø" in client.get(page).content.decode()  # the page found it lost: queued again
    _claimed_by_a_worker_that_beat(fit, ago=31 * SECONDS)
    html = client.get(page).content.decode()
    assert "den stoppede, før den var færdig (serveren blev genstartet)" in html
    fit.refresh_from_db()
    assert fit.status == "failed"


def test_a_job_is_lost_thirty_seconds_after_its_workers_last_beat(project, survey_file, job_queue):
    fit = _queued_fit(project, survey_file)
    worker = _claimed_by_a_worker_that_beat(fit, ago=0 * SECONDS)
    beat = WorkerBeat.objects.get(worker_id=worker.worker_id).beat
    assert recover_lost_jobs(now=beat + 29 * SECONDS) == []
    assert recover_lost_jobs(now=beat + 31 * SECONDS) == [str(DBTaskResult.objects.get().id)]
    assert DBTaskResult.objects.get().status == "READY"


def test_a_worker_whose_process_still_runs_here_is_not_lost_for_a_beat_held_back(
    project, survey_file, job_queue
):
    """A busy database can hold a beat back for longer than thirty seconds: the job is left
    alone while its worker's process is seen to run, and lost once it has not beaten for
    ten minutes (hung)."""
    fit = _queued_fit(project, survey_file)
    worker = _claimed_by_a_worker_that_beat(fit, ago=0 * SECONDS, process=jobs_process.own())
    beat = WorkerBeat.objects.get(worker_id=worker.worker_id).beat
    assert recover_lost_jobs(now=beat + 5 * 60 * SECONDS) == []
    assert recover_lost_jobs(now=beat + 10 * 60 * SECONDS + SECONDS) == [
        str(DBTaskResult.objects.get().id)
    ]


def test_a_worker_whose_process_is_gone_is_lost_thirty_seconds_after_its_last_beat(
    project, survey_file, job_queue
):
    """The process id may since be used by another process: the start time tells them apart."""
    fit = _queued_fit(project, survey_file)
    machine, pid, started = jobs_process.own()
    assert started is not None
    gone = (machine, pid, started - 1)
    worker = _claimed_by_a_worker_that_beat(fit, ago=0 * SECONDS, process=gone)
    beat = WorkerBeat.objects.get(worker_id=worker.worker_id).beat
    assert recover_lost_jobs(now=beat + 29 * SECONDS) == []
    assert recover_lost_jobs(now=beat + 31 * SECONDS) == [str(DBTaskResult.objects.get().id)]


def test_a_beat_is_one_update_once_the_worker_is_known(db, django_assert_num_queries):
    worker = JobWorker("fits")
    worker.beat()
    first = WorkerBeat.objects.get(worker_id=worker.worker_id)
    assert (first.machine, first.pid, first.process_start) == jobs_process.own()
    with django_assert_num_queries(1) as queries:
        worker.beat()
    assert queries.captured_queries[0]["sql"].startswith("UPDATE")
    assert WorkerBeat.objects.get(worker_id=worker.worker_id).beat > first.beat


def test_the_worker_runs_one_process_for_imports_and_mail_and_one_per_fit_at_a_time():
    assert worker_queues(1) == ["default", "fits"]
    assert worker_queues(3) == ["default", "fits", "fits", "fits"]


def test_samskab_followup_queues_the_mail_for_the_worker(initiative, job_queue):
    quiet(initiative)
    due = initiative.milestones.get().due
    out = StringIO()
    call_command("followup", f"--today={(due - datetime.timedelta(days=7)).isoformat()}",
                 stdout=out)  # fmt: skip
    assert "queued as job" in out.getvalue() and mail.outbox == []
    assert run_pending() == 1
    assert sorted(a for m in mail.outbox for a in m.to) == [
        "contact@example.org", "participant@example.org"
    ]  # fmt: skip
