"""The worker: django-tasks-db's loop over one queue, with a heartbeat; the default queue's
worker also queues the daily jobs (`schedule`).

`samskab worker` runs one process for the default queue (imports, mail) and FITS_AT_A_TIME
processes for the fits queue; `samskab serve` and the demo start the same processes beside the
web server. A process started with `stop_with` stops when that process (its parent) is gone.
"""

from __future__ import annotations

import datetime
import logging
import os
import signal
import threading

from django.db import OperationalError, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from samskab.jobs import process
from samskab.jobs.models import WorkerBeat
from samskab.jobs.schedule import schedule_daily
from samskab.jobs.state import BEAT_SECONDS, recover_lost_jobs

INTERVAL = 1.0  # seconds between looks at an empty queue
RETRY_SECONDS = 1.0  # after a beat the database refused
log = logging.getLogger(__name__)


class JobWorker(Worker):
    """Run the jobs of one queue ("*": every queue), beating while alive."""

    def __init__(self, queue: str, *, stop_with: int | None = None, batch: bool = False) -> None:
        super().__init__(
            queue_names=[queue], interval=INTERVAL, batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=False, max_tasks=None,
            worker_id=get_random_string(32), excluded_queue_names=[],
        )  # fmt: skip
        self.queue = queue
        self.stop_with = stop_with
        self.stopped = threading.Event()

    def beat(self) -> None:
        """Record that this worker is alive now: one UPDATE once the row exists, so a beat
        waits its turn for the database like any single write and never reads first."""
        now = timezone.now()
        if WorkerBeat.objects.filter(worker_id=self.worker_id).update(beat=now):
            return
        machine, pid, started = process.own()
        WorkerBeat.objects.create(worker_id=self.worker_id, queue=self.queue, pid=pid,
                                  machine=machine, process_start=started, beat=now)  # fmt: skip

    def claim_next(self) -> DBTaskResult | None:
        """Claim the next ready job of the queue for this worker; None when there is none."""
        ready = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            ready = ready.filter(queue_name__in=self.queue_names)
        with exclusive_transaction(ready.db):
            job = ready.get_locked()
            if job is not None:
                job.claim(self.worker_id)
        return job

    def serve_forever(self) -> None:
        """Beat in a thread of this process, and run jobs until told to stop."""
        self.beat()
        self.configure_signals()
        threading.Thread(target=self._keep_beating, daemon=True, name="heartbeat").start()
        try:
            self.run()
        finally:
            self.stopped.set()

    def tick(self, now: datetime.datetime | None = None) -> None:
        """Beat, recover the jobs of stopped workers, and (the default queue's worker) queue
        the daily jobs when their time has come."""
        self.beat()
        recover_lost_jobs()
        if self.queue in ("default", "*"):
            schedule_daily(now)

    def _keep_beating(self) -> None:
        wait = BEAT_SECONDS
        while not self.stopped.wait(wait):
            try:
                self.tick()
                wait = BEAT_SECONDS
            except OperationalError:  # the database busy or gone for a moment: beat again soon
                log.warning("worker %s could not beat", self.worker_id, exc_info=True)
                wait = RETRY_SECONDS
            if self.stop_with is not None and os.getppid() != self.stop_with:
                os.kill(os.getpid(), signal.SIGTERM)  # the web server is gone: stop with it
        connection.close()


def run_pending(queue: str = "*") -> int:
    """Run every ready job of the queue here and now, one after the other (the tests, the
    demo's set-up); return how many ran."""
    worker = JobWorker(queue, batch=True)
    worker.beat()
    count = 0
    while (job := worker.claim_next()) is not None:
        worker.run_task(job)
        count += 1
    return count
