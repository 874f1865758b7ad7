"""`samskab serve` starts the worker beside the web server, as its children, and stops them
with it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .test_workshop_kill import ROOT, workshop_server


def _answering(port: int, server: subprocess.Popen) -> None:
    """Return once the server answers (it migrates a new database first)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, "samskab serve stopped"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)  # waiting for the port to open, not for another process's work
    raise AssertionError("samskab serve did not answer within 120 s")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "children").read_text()
        except FileNotFoundError:  # a thread of the server (a request's) ended meanwhile
            continue
        found += [int(p) for p in text.split()]
    return found


def _command(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_text().split("\0")


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sigint", ["default", "ignored"])
def test_serve_runs_a_worker_per_queue_beside_the_web_server_and_stops_them(tmp_path, sigint):
    """Ctrl+C stops it, also when it was started with SIGINT ignored, as a shell starts a
    command in the background (`samskab serve &`) and as this test's own process may have been."""
    port = workshop_server.free_port()
    # No daily follow-up: after 07:00 its job would run on the worker, which finishes it
    # before it stops (on a busy machine past the wait below).
    env = workshop_server.server_env(tmp_path) | {"SAMSKAB_FITS_AT_A_TIME": "2",
                                                    "SAMSKAB_DAILY_AT": "off"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "samskab.cli", "serve", "--data-dir", str(tmp_path),
         "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=_ignore_sigint if sigint == "ignored" else _default_sigint,
    )  # fmt: skip
    try:
        _answering(port, server)
        workers = _children(server.pid)
        queues = sorted(_command(pid)[_command(pid).index("--queue") + 1] for pid in workers)
        assert queues == ["default", "fits", "fits"]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise AssertionError("samskab serve was still running 120 s after Ctrl+C") from None
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def test_a_worker_that_does_not_stop_in_time_is_killed():
    from samskab.worker_command import stop_workers

    stubborn = subprocess.Popen(
        [sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
         " print('ready', flush=True); time.sleep(600)"],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    assert stubborn.stdout is not None and stubborn.stdout.readline() == b"ready\n"
    started = time.monotonic()
    stop_workers([stubborn], grace=1.0)
    assert stubborn.poll() == -signal.SIGKILL
    assert time.monotonic() - started < 10
