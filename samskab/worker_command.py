"""`samskab worker`: the processes that run the background jobs of a data folder.

Without `--queue` it starts one process for the default queue (imports, the follow-up's mail)
and SAMSKAB_FITS_AT_A_TIME processes for the fits queue, starts any that stop again, and stops
them all on SIGTERM or Ctrl+C. `samskab serve` and `samskab demo` start the same processes
beside the web server (`start_workers`), as children that stop with it.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType


def register(top: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `samskab worker` to the top-level commands."""
    worker = top.add_parser("worker", help="run the background jobs (imports, fits, mail)")
    worker.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("SAMSKAB_DATA_DIR", "data")),
        help="the installation's data folder (default: $SAMSKAB_DATA_DIR, else ./data)",
    )
    worker.add_argument("--queue", help=argparse.SUPPRESS)  # one process's queue
    worker.add_argument("--stop-with", type=int, help=argparse.SUPPRESS)  # the parent's pid
    worker.set_defaults(handler=run_worker)


def worker_queues(fits_at_a_time: int) -> list[str]:
    """Return the queue of each worker process: the default one, and one per fit at a time."""
    return ["default"] + ["fits"] * fits_at_a_time


def start_workers(data_dir: Path) -> list[subprocess.Popen[bytes]]:
    """Start the worker processes of the data folder as children of this process (after
    Django is set up here); they stop when it stops."""
    from django.conf import settings

    return [_start(data_dir, queue) for queue in worker_queues(settings.FITS_AT_A_TIME)]


def _start(data_dir: Path, queue: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "samskab.cli", "worker", "--data-dir", str(data_dir),
               "--queue", queue, "--stop-with", str(os.getpid())]  # fmt: skip
    return subprocess.Popen(command)


STOP_GRACE = 30.0  # seconds a worker has to finish its job when the web server stops


def stop_workers(workers: list[subprocess.Popen[bytes]], *, grace: float = STOP_GRACE) -> None:
    """Ask the worker processes to stop (each finishes the job it runs) and wait for them; one
    still running after `grace` seconds, or when Ctrl+C is pressed again, is killed (the next
    worker queues its job again, as for any worker that is gone)."""
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    deadline = time.monotonic() + grace
    try:
        for worker in workers:
            try:
                worker.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                break
    except KeyboardInterrupt:
        pass
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def run_worker(args: argparse.Namespace) -> int:
    """Run one queue's worker, or supervise the processes of every queue."""
    from samskab.web_commands import setup_django

    setup_django(args.data_dir, local_http=False, migrate=False)
    if args.queue:
        from samskab.jobs.worker import JobWorker

        JobWorker(args.queue, stop_with=args.stop_with).serve_forever()
        return 0
    return _supervise(args.data_dir)


def _supervise(data_dir: Path) -> int:
    """Keep the worker processes running until SIGTERM or Ctrl+C; then stop them."""
    from django.conf import settings

    workers: dict[int, subprocess.Popen[bytes]] = {}
    queues: dict[int, str] = {}
    for queue in worker_queues(settings.FITS_AT_A_TIME):
        worker = _start(data_dir, queue)
        workers[worker.pid], queues[worker.pid] = worker, queue
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for worker in workers.values():
            worker.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"samskab worker: {len(workers)} processes ({', '.join(queues.values())})", flush=True)
    while workers:
        pid, _status = os.wait()
        workers.pop(pid, None)
        queue = queues.pop(pid, None)
        if not stopping and queue is not None:  # a process stopped by itself: start it again
            worker = _start(data_dir, queue)
            workers[worker.pid], queues[worker.pid] = worker, queue
    return 0
