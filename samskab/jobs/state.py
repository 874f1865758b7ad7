"""What a job is doing, as the pages show it, and the jobs lost to a stopped worker.

A worker beats every BEAT_SECONDS while it lives, also in the middle of a long job. A running
job whose worker has not beaten for LOST_AFTER was lost (the server restarted, the process was
killed): it is queued again, and after ATTEMPTS starts marked failed. A slow job is never
declared failed while its worker beats, nor while its worker's process is seen to run on the
machine that looks (a busy database can hold back a beat for longer than LOST_AFTER); a process
that runs but has not beaten for HUNG_AFTER is hung, and its job lost too.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from samskab.jobs import process
from samskab.jobs.models import WorkerBeat

BEAT_SECONDS = 5
LOST_AFTER = datetime.timedelta(seconds=30)
HUNG_AFTER = datetime.timedelta(minutes=10)
ATTEMPTS = 2  # a job lost this many times is failed, not started again
LOST = "samskab.jobs.lost"  # the exception class path a lost job is failed with


class JobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job", "Queued")
    RUNNING = "running", pgettext_lazy("job", "Running")
    DONE = "done", pgettext_lazy("job", "Done")
    FAILED = "failed", pgettext_lazy("job", "Failed")


STATES = {
    TaskResultStatus.READY: JobState.QUEUED,
    TaskResultStatus.RUNNING: JobState.RUNNING,
    TaskResultStatus.SUCCESSFUL: JobState.DONE,
    TaskResultStatus.FAILED: JobState.FAILED,
}


def job_state(task_id: str) -> JobState:
    """Return the state of the job `task_id`; a job the queue does not know has failed."""
    status = _status(task_id)
    if status == TaskResultStatus.RUNNING and recover_lost_jobs():
        status = _status(task_id)
    return STATES.get(status, JobState.FAILED) if status else JobState.FAILED


def _status(task_id: str) -> str | None:
    if not task_id:
        return None
    found = DBTaskResult.objects.filter(id=task_id).values_list("status", flat=True)
    return found.first()


def recover_lost_jobs(now: datetime.datetime | None = None) -> list[str]:
    """Queue again, or fail once tried ATTEMPTS times, every running job whose worker has
    stopped beating; return their ids."""
    now = now or timezone.now()
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("worker_ids"))
    workers = {job.worker_ids[-1] for job in running if job.worker_ids}
    beats = WorkerBeat.objects.filter(worker_id__in=workers, beat__gte=now - HUNG_AFTER)
    alive = {
        beat.worker_id for beat in beats
        if beat.beat >= now - LOST_AFTER or process.runs(beat.machine, beat.pid, beat.process_start)
    }  # fmt: skip
    lost = [job for job in running if not job.worker_ids or job.worker_ids[-1] not in alive]
    for job in lost:
        still = DBTaskResult.objects.filter(id=job.id, status=TaskResultStatus.RUNNING)
        if len(job.worker_ids) < ATTEMPTS:
            still.update(status=TaskResultStatus.READY, started_at=None)
        else:
            still.update(status=TaskResultStatus.FAILED, finished_at=now,
                         exception_class_path=LOST, traceback="")  # fmt: skip
    WorkerBeat.objects.filter(beat__lt=now - datetime.timedelta(days=1)).delete()
    return [str(job.id) for job in lost]
