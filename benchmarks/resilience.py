"""Resilience: what samskab does when the ground moves under it, as figures.

    bash scripts/with-postgres.sh .venv/bin/python benchmarks/resilience.py database-restart
    sudo .venv/bin/python benchmarks/resilience.py disk-full      (mounts a small tmpfs)
    .venv/bin/python benchmarks/resilience.py worker-killed

database-restart: participants score against a real server (gunicorn, 2 workers × 4 threads)
on PostgreSQL, which is restarted in the middle; prints the requests that failed while it was
down, how soon after it was back the first sheet was saved, the failures after that (the
target is 0: the server is not restarted), and whether every acknowledged score was kept.

disk-full: the demo register is uploaded into a data folder on a filesystem that fills up,
once while the files are kept and once while the fact base's store is written; prints what
the import page says, the files left behind (target: none), and that the database is intact
and takes the same upload once there is room.

worker-killed: a segment fit runs in `samskab worker`, which is killed (SIGKILL) while it
runs; a new worker is started. Prints when the fit was queued again and when it was done
(target: resumed or failed within a minute of the kill).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import workshop_server as ws

ROOT = ws.ROOT


def django(data_dir: Path, code: str, *args: str) -> str:
    """Run `code` in a fresh process with the data folder's Django; return its stdout."""
    prelude = (
        "import sys\nfrom pathlib import Path\nfrom samskab.web_commands import setup_django\n"
        "setup_django(Path(sys.argv[1]), local_http=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", prelude + code, str(data_dir), *args],
        env=ws.server_env(data_dir), cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return done.stdout.strip()


# ---------------------------------------------------------------- the database restarted


def _scorer(port: int, info: dict, user: list, log: dict, stop: threading.Event) -> None:
    """Post whole sheets until stopped; log each outcome with its time."""
    user_id, _name, session = user
    path = f"/projects/{info['project']}/workshops/score/"
    browser = ws.Browser(port, session, timeout=20)
    while not stop.is_set():
        try:
            status, _loc, html, _took = browser.request("GET", path)
            token = ws.CSRF.search(html)
            if status != 200 or token is None:
                raise OSError(f"sheet {status}")
            values = ws.sheet_values(info["ideas"])
            status, location, _text, _took = browser.request(
                "POST", path, ws.form(token.group(1), values)
            )
            if status != 302 or not location.endswith(path):
                raise OSError(f"post {status}")
            with log["lock"]:
                log["acked"][user_id] = values
                log["events"].append((time.monotonic(), True))
        except OSError as error:
            browser.close()
            with log["lock"]:
                log["events"].append((time.monotonic(), False))
                log["errors"].append(str(error))
            stop.wait(0.2)
    browser.close()


def _restart_postgres() -> tuple[float, float]:
    """Restart the PostgreSQL of scripts/with-postgres.sh (with its own options); return the
    times it went down and was back."""
    data = Path(os.environ["PGDATA"])
    pg_ctl = [str(Path(os.environ["PG_BINDIR"]) / "pg_ctl"), "-D", str(data), "-w"]
    owner = ["runuser", "-u", data.owner(), "--"] if os.geteuid() == 0 else []
    down = time.monotonic()
    subprocess.run([*owner, *pg_ctl, "-m", "fast", "-l", str(data.parent / "server.log"),
                    "restart"], check=True, capture_output=True)  # fmt: skip
    up = time.monotonic()
    print(f"PostgreSQL restarted (pg_ctl restart -m fast): down for {up - down:.1f} s")
    return down, up


def database_restart(data_dir: Path) -> bool:
    if "PGDATA" not in os.environ or not os.environ.get("DATABASE_URL"):
        print("database-restart runs on PostgreSQL: bash scripts/with-postgres.sh … (skipped)")
        return True
    info = ws.prepare(data_dir, participants=20, ideas=6, projectors=1)
    port = ws.free_port()
    server = ws.start_server(data_dir, port, data_dir / "server.log", workers=2, threads=4)
    log: dict = {"lock": threading.Lock(), "acked": {}, "events": [], "errors": []}
    stop = threading.Event()
    scorers = [threading.Thread(target=_scorer, args=(port, info, user, log, stop))
               for user in info["participants"]]  # fmt: skip
    try:
        for thread in scorers:
            thread.start()
        time.sleep(6)
        down, up = _restart_postgres()
        time.sleep(8)
    finally:
        stop.set()
        for thread in scorers:
            thread.join(30)
        ws.stop_server(server)
    return _report_restart(info, log, down, up)


def _report_restart(info: dict, log: dict, down: float, up: float) -> bool:
    events = log["events"]
    before = [ok for t, ok in events if t < down]
    during = [ok for t, ok in events if down <= t < up]
    after = [(t, ok) for t, ok in events if t >= up]
    first = next((t - up for t, ok in after if ok), None)
    failed_after = sum(1 for _t, ok in after if not ok)
    print(f"before: {len(before)} sheets, {before.count(False)} failed; while down: "
          f"{len(during)} requests, {during.count(False)} failed; after: {len(after)} sheets, "
          f"{failed_after} failed")  # fmt: skip
    print("first sheet saved " + (f"{first:.2f} s after PostgreSQL was back" if first is not None
                                  else "never after PostgreSQL was back"))  # fmt: skip
    from django.db import connection

    connection.close()  # this process's own connection did not outlive the restart
    ok, text = ws.count_check(info, log["acked"])
    print(f"acknowledged scores {'kept' if ok else 'NOT KEPT'}: {text}")
    met = ok and first is not None and failed_after == 0
    print(f"target: no failure once PostgreSQL is back, every acknowledged score kept: "
          f"{'met' if met else 'MISSED'}")  # fmt: skip
    return met


# ---------------------------------------------------------------- the disk full

IMPORT = """
from samskab.factbase import actions
from samskab.factbase.models import FactDataset
from samskab.jobs.worker import run_pending
from samskab.projects.models import Project
import json
project = Project.objects.get(pk=int(sys.argv[2]))
files = {role: Path(sys.argv[3]) / name for role, name in
         (("register", "moves.csv"), ("areas", "areas.csv"), ("population", "population.csv"))}
dataset = actions.start_import(project, files, individual=True, user=None)
stage = "receiving the files" if dataset.status == "failed" else "writing the store"
run_pending()
dataset.refresh_from_db()
print(json.dumps({"status": dataset.status, "stage": stage,
                  "problems": [p["message"] for p in dataset.problems]}))
"""
PROJECT = """
from samskab.projects.models import Municipality, Project
print(Project.objects.create(municipality=Municipality.objects.get(code=760), name="Disk").pk)
"""
INTEGRITY = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA integrity_check")
    print(cursor.fetchone()[0])
"""


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _one_full_disk(mount: Path, demo: Path, project: str, room: int) -> bool:
    """Fill the filesystem up to `room` bytes free, import, and report; True when met."""
    filler = mount / "filler"
    free = shutil.disk_usage(mount).free
    with filler.open("wb") as out:
        out.truncate(0)
        for _ in range(max(0, free - room) // (1 << 16)):
            out.write(b"\0" * (1 << 16))
    uploads, cache = mount / "uploads", mount / "facts-cache"
    before = set(_files(uploads)) | set(_files(cache)) if uploads.exists() else set()
    began = time.monotonic()
    outcome = json.loads(django(mount, IMPORT, project, str(demo)).splitlines()[-1])
    took = time.monotonic() - began
    left = sorted((set(_files(uploads)) | set(_files(cache))) - before)
    intact = django(mount, INTEGRITY)
    print(f"  {room // 1024} KB free: import {outcome['status']} in {took:.1f} s, while "
          f"{outcome['stage']}; the page says: {outcome['problems'][:1]}")  # fmt: skip
    print(f"  files left behind: {left or 'none'}; database: {intact}")
    filler.unlink()
    return outcome["status"] == "failed" and not left and intact == "ok"


def disk_full(data_root: Path) -> bool:
    if os.geteuid() != 0:
        print("disk-full mounts a small tmpfs and needs root (skipped)")
        return True
    mount = data_root / "small-disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], check=True)
    try:
        demo = data_root / "demo"
        django(mount, "from samskab.demo_data import write_demo_data\n"
               "write_demo_data(Path(sys.argv[2]))", str(demo))  # fmt: skip
        project = django(mount, PROJECT)
        register = (demo / "moves.csv").stat().st_size
        print(f"demo register {register / 1e6:.1f} MB; data folder on a 64 MB tmpfs")
        print("the disk fills while the files are kept:")
        kept = _one_full_disk(mount, demo, project, room=register // 2)
        print("the disk fills while the fact base's store is written:")
        stored = _one_full_disk(mount, demo, project, room=register + (register // 4))
        print("with room again:")
        outcome = json.loads(django(mount, IMPORT, project, str(demo)).splitlines()[-1])
        print(f"  import {outcome['status']}")
        met = kept and stored and outcome["status"] == "valid"
        print(f"target: a clear message, nothing half-written: {'met' if met else 'MISSED'}")
        return met
    finally:
        subprocess.run(["umount", str(mount)], check=False)


# ---------------------------------------------------------------- the worker killed

FIT = """
from samskab.demo_data import write_demo_data
from samskab.projects.models import Municipality, Project
from samskab.segmentation import actions
from samskab.segments.demo_survey import simulate_survey, write_demo_survey
project = Project.objects.create(municipality=Municipality.objects.get(code=760), name="Fit")
survey = actions.do_import_survey(project, write_demo_survey(Path(sys.argv[2]) / "survey.csv"),
                                  user=None)
segmenting = simulate_survey(respondents=10).segmenting_items
actions.do_edit_codebook(survey, survey.read_codebook().with_roles(segmenting))
fit = actions.do_start_fit(survey, range(2, 7), bootstrap=20, user=None)
print(fit.pk)
"""


def _worker(data_dir: Path, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "samskab.cli", "worker", "--data-dir", str(data_dir)],
            env=ws.server_env(data_dir), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def _progress(fit_id: int) -> tuple[str, int]:
    """Return the fit's state as its page shows it, and how many workers have started it."""
    from django_tasks_db.models import DBTaskResult

    from samskab.segmentation.actions import fit_state
    from samskab.segmentation.models import Fit

    fit = Fit.objects.get(pk=fit_id)
    state = fit_state(fit).value
    starts = DBTaskResult.objects.filter(id=fit.task_id).values_list("worker_ids", flat=True)
    return state, len(starts.first() or [])


def _wait_for(fit: int, done: object, limit: float) -> tuple[str, float]:
    """Look every 0.2 s until done(state, starts); return the state and the seconds taken."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        state, starts = _progress(fit)
        if done(state, starts):  # type: ignore[operator]
            return state, time.monotonic() - began
        time.sleep(0.2)
    return "timeout", limit


def worker_killed(data_dir: Path) -> bool:
    fit = int(django(data_dir, FIT, str(data_dir)).splitlines()[-1])
    from samskab.web_commands import setup_django

    setup_django(data_dir, local_http=True)
    worker = _worker(data_dir, data_dir / "worker.log")
    state, took = _wait_for(fit, lambda state, _n: state != "queued", 120)
    print(f"fit {state} {took:.1f} s after the worker started")
    time.sleep(2)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    print("worker killed (SIGKILL) while the fit ran; a new worker started")
    worker = _worker(data_dir, data_dir / "worker.log")
    try:
        state, recovered = _wait_for(fit, lambda s, n: n > 1 or s in {"queued", "failed"}, 120)
        print(f"fit {state} again (started {_progress(fit)[1]} times) {recovered:.1f} s "
              "after the kill")  # fmt: skip
        state, took = _wait_for(fit, lambda s, _n: s in {"done", "failed"}, 600)
        print(f"fit {state} {recovered + took:.1f} s after the kill")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    met = recovered <= 60 and state in {"done", "failed"}
    print(f"target: resumed or failed within a minute: {'met' if met else 'MISSED'}")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=["database-restart", "disk-full", "worker-killed"])
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="samskab-resilience-"))
    try:
        run = {"database-restart": lambda: database_restart(root / "data"),
               "disk-full": lambda: disk_full(root),
               "worker-killed": lambda: worker_killed(root / "data")}[args.scenario]  # fmt: skip
        met = run()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
