"""Workshop load: many participants scoring at once against a real server on loopback.

    .venv/bin/python benchmarks/workshop_load.py [--participants 200] [--ideas 12] [--seconds 60]
    .venv/bin/python benchmarks/workshop_load.py --participants 1000   (at most 2,000)
    bash scripts/with-postgres.sh .venv/bin/python benchmarks/workshop_load.py

Builds a fresh data folder (a temporary one, removed afterwards, unless --data-dir) with a
project in W3, the ideas and the participants (users and memberships made directly through
Django; the users have no usable password and sign in with a session made in the setup, so no
password hashing is timed), starts gunicorn (`samskab.wsgi`, 2 workers × 4 threads) on
127.0.0.1, and lets every participant, each in its own thread with its own keep-alive
connection, fetch the score sheet (for the CSRF token), think, post scores for every idea and
follow the redirect; some change their scores a second time. A few projector clients poll the
results board's live endpoint every 2 s meanwhile. Everyone starts within --ramp seconds;
--think 0 makes it a stampede (every sheet posted at once). The run stops by itself after
--seconds at the latest and stops the server.

Prints throughput, p50/p95/p99 latency of the score posts, the sheet fetches and the polls, the
server's CPU time and queries per request of each kind (from the server's own log, see
benchmarks/server_costs.py) and the CPU time of all its processes, the targets met or missed,
and the count check: Score rows = participants × ideas, each with the last values acknowledged.
Uses DATABASE_URL when set (PostgreSQL), else SQLite in the data folder.

`prepare` and the server options are also used by tests/web/test_workshop_kill.py:

    workshop_load.py prepare --data-dir DIR --participants N --ideas M   (prints JSON)
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import server_costs

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SINCE = re.compile(r"\?since=([^&\"]*)")
DIMENSIONS = ("difference", "manageable", "desire")


# ---------------------------------------------------------------- the data folder and server


def prepare(data_dir: Path, participants: int, ideas: int, projectors: int = 3) -> dict:
    """Migrate the data folder's database and create a project in W3 with its ideas, the
    participants and facilitators (for the projectors); return ids and session keys."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "samskab.settings"
    from samskab.web_commands import setup_django

    setup_django(data_dir, local_http=True)
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from samskab.accounts.middleware import REFRESHED_AT, SIGNED_IN_AT
    from samskab.ideas.models import Idea
    from samskab.projects.models import Membership, Municipality, Project, Role
    from samskab.workshops import actions
    from samskab.workshops.models import Theme

    run = secrets.token_hex(3)  # unique names: a PostgreSQL database may be reused

    def session(user: User) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        # As after the first page seen: the session is stamped again only once a minute.
        store[SIGNED_IN_AT] = store[REFRESHED_AT] = int(time.time())
        store.create()
        return store.session_key

    with transaction.atomic():
        project = Project.objects.create(
            municipality=Municipality.objects.get(code=760),
            name=f"Belastning {run}",
            status=Project.Status.ACTIVE,
        )
        workshops = actions.ensure_workshops(project)
        actions.do_activate(next(w for w in workshops if w.number == 3))
        themes = list(Theme)
        idea_rows = Idea.objects.bulk_create(
            [
                Idea(project=project, title=f"Idé {n:03d}", theme=themes[n % len(themes)])
                for n in range(ideas)
            ]
        )
        people = []
        for role, count, name in (
            (Role.PARTICIPANT, participants, "p"),
            (Role.FACILITATOR, projectors, "f"),
        ):
            users = []
            for n in range(count):
                user = User(username=f"{name}{n:04d}-{run}")
                user.set_unusable_password()
                users.append(user)
            users = User.objects.bulk_create(users)
            Membership.objects.bulk_create(
                [Membership(project=project, user=u, role=role) for u in users]
            )
            people.append([(u.pk, u.username, session(u)) for u in users])
    return {
        "project": project.pk,
        "ideas": [i.pk for i in idea_rows],
        "titles": {str(i.pk): i.title for i in idea_rows},
        "participants": people[0],
        "projectors": people[1],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_command(port: int, workers: int = 2, threads: int = 4) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "samskab.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(workers), "--threads", str(threads),
        "--worker-class", "gthread", "--keep-alive", "30", "--log-level", "warning",
    ]  # fmt: skip


def server_env(data_dir: Path, cost_log: Path | None = None) -> dict[str, str]:
    """Return the server's environment; with `cost_log`, a folder where the server logs each
    request's CPU time and queries."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="samskab.settings",
        SAMSKAB_DATA_DIR=str(data_dir.resolve()),
        SAMSKAB_HTTPS="0",
        PYTHONPATH=str(ROOT),
    )
    if cost_log is not None:
        cost_log.mkdir(parents=True, exist_ok=True)
        env["SAMSKAB_REQUEST_COST_LOG"] = str(cost_log.resolve())
    return env


def start_server(
    data_dir: Path, port: int, log: Path, cost_log: Path | None = None, **kw: int
) -> subprocess.Popen:
    """Start gunicorn in its own process group; return once it answers."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            server_command(port, **kw), env=server_env(data_dir, cost_log), cwd=ROOT,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError("the server did not answer within 30 s")


def stop_server(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Signal the server's whole process group (master and workers) and wait for it."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


# ---------------------------------------------------------------- the clients


class Browser:
    """One participant's keep-alive connection with its cookies."""

    def __init__(self, port: int, session: str, timeout: float = 30) -> None:
        self.port, self.timeout = port, timeout
        self.cookies = {"sessionid": session}
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: dict | None = None
    ) -> tuple[int, str, str, float]:
        """Return (status, Location, body, seconds taken)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = "&".join(f"{k}={v}" for k, v in body.items())
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            start = time.perf_counter()
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A keep-alive connection the server closed while idle: once more, afresh.
                self.close()
                if attempt or method == "POST":
                    raise
                continue
            took = time.perf_counter() - start
            for value in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie(value)
                self.cookies.update({k: m.value for k, m in cookie.items()})
            if response.headers.get("Connection", "").lower() == "close":
                self.close()
            return response.status, response.headers.get("Location", ""), text, took
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def sheet_values(ideas: list[int], scale_max: int = 5) -> dict[int, tuple[int, int, int]]:
    return {i: tuple(random.randint(1, scale_max) for _ in DIMENSIONS) for i in ideas}


def form(token: str, values: dict[int, tuple[int, int, int]]) -> dict[str, str]:
    body = {"csrfmiddlewaretoken": token}
    for idea, triple in values.items():
        body.update({f"idea-{idea}-{d}": str(v) for d, v in zip(DIMENSIONS, triple, strict=True)})
    return body


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    acked: dict[int, dict[int, tuple[int, int, int]]] = field(default_factory=dict)
    posts: int = 0

    def time(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.timings.setdefault(kind, []).append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def participant(
    port: int, info: dict, user: tuple, args: argparse.Namespace, out: Results, deadline: float
) -> None:
    user_id, _name, session = user
    path = f"/projects/{info['project']}/workshops/score/"
    browser = Browser(port, session)
    rnd = random.Random(user_id)
    try:
        time.sleep(rnd.uniform(0, args.ramp))
        status, _loc, html, took = browser.request("GET", path)
        out.time("sheet GET", took)
        token = CSRF.search(html)
        if status != 200 or not token:
            out.error(f"sheet {status}")
            return
        rounds = 2 if rnd.random() < args.change_share else 1
        for _round in range(rounds):
            think = rnd.uniform(args.think / 4, args.think)
            if time.monotonic() + think > deadline - 5:
                break
            time.sleep(think)
            values = sheet_values(info["ideas"])
            status, location, _text, took = browser.request(
                "POST", path, form(token.group(1), values)
            )
            out.time("score POST", took)
            if status == 302 and location.endswith(path):
                with out.lock:
                    out.acked[user_id] = values
                    out.posts += 1
            else:
                out.error(f"post {status}")
                continue
            status, _loc, html, took = browser.request("GET", location)  # the redirect
            out.time("sheet GET", took)
            if status != 200:
                out.error(f"sheet after saving {status}")
    except OSError as error:
        out.error(f"{type(error).__name__}: {error}")
    finally:
        browser.close()


def projector(
    port: int, info: dict, user: tuple, out: Results, stop: threading.Event, deadline: float
) -> None:
    path = f"/projects/{info['project']}/workshops/results/live/?since="
    browser = Browser(port, user[2])
    since = ""
    try:
        while not stop.is_set() and time.monotonic() < deadline:
            status, _loc, html, took = browser.request("GET", path + since)
            out.time("poll", took)
            if status == 200:
                found = SINCE.search(html)
                since = found.group(1) if found else since
                out.time("poll (changed)", took)
            elif status != 204:
                out.error(f"poll {status}")
            stop.wait(2)
    except OSError as error:
        out.error(f"poll {type(error).__name__}: {error}")
    finally:
        browser.close()


def warm_up(port: int, info: dict, clients: int) -> None:
    """Let every worker load its templates and translations before anything is timed."""

    def fetch(user: tuple) -> None:
        browser = Browser(port, user[2])
        for _ in range(3):
            browser.request("GET", f"/projects/{info['project']}/workshops/score/")
            browser.request("GET", f"/projects/{info['project']}/workshops/results/live/?since=")
        browser.close()

    threads = [threading.Thread(target=fetch, args=(u,)) for u in info["participants"][:clients]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)


# ---------------------------------------------------------------- the run


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return f"n={len(values)}"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    figures = zip(
        ("p50", "p95", "p99", "max"), (cuts[49], cuts[94], cuts[98], max(values)), strict=True
    )
    return f"n={len(values):5d}  " + "  ".join(f"{k} {v * 1000:6.1f}" for k, v in figures) + " ms"


def count_check(info: dict, acked: dict) -> tuple[bool, str]:
    from samskab.ideas.models import Score

    rows = list(
        Score.objects.filter(idea__project_id=info["project"]).values_list(
            "participant_id", "idea_id", *DIMENSIONS
        )
    )
    expected = len(info["participants"]) * len(info["ideas"])
    stored = {(r[0], r[1]): tuple(r[2:]) for r in rows}
    wrong = sum(
        1
        for user_id, values in acked.items()
        for idea, triple in values.items()
        if stored.get((user_id, idea)) != triple
    )
    ok = len(rows) == expected and len(stored) == len(rows) and wrong == 0
    text = (
        f"{len(rows)} Score rows, expected {expected} (participants × ideas); "
        f"{len(rows) - len(stored)} duplicated; {wrong} not the last values acknowledged"
    )
    return ok, text


# What a workshop of 1,000 must get on this kind of machine (2 cores): (kind, p95 limit in s).
LATENCY_TARGETS = (("score POST", 0.200), ("poll", 0.200))
SHEET_CPU_TARGET_MS = 15.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "prepare"])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--ideas", type=int, default=12)
    parser.add_argument("--projectors", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60, help="hard limit of the run")
    parser.add_argument("--ramp", type=float, default=10, help="everyone starts within this")
    parser.add_argument("--think", type=float, default=16, help="longest time to fill a sheet")
    parser.add_argument("--change-share", type=float, default=0.3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args(argv)
    if not 1 <= args.participants <= 2000 or not 1 <= args.ideas <= 50 or args.seconds > 300:
        parser.error("at most 2,000 participants, 50 ideas and 300 seconds")
    return args


def enough_files(participants: int) -> None:
    """Raise this process's limit of open files (inherited by the server) to what a
    connection per participant on both sides needs, within the hard limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 3 * participants + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))


@dataclass
class Run:
    out: Results
    took: float  # the whole run, with the projectors' last round
    scored: float  # until the last participant was done
    server_cpu: float  # seconds, master and workers
    client_cpu: float  # seconds, this process: the participants' and projectors' threads


def run_load(port: int, server: subprocess.Popen, info: dict, args: argparse.Namespace) -> Run:
    """Let every participant and projector loose on the running server; return what they saw."""
    out = Results()
    stop = threading.Event()
    begin = time.monotonic()
    deadline = begin + args.seconds
    cpu_before = server_costs.server_cpu_seconds(server.pid)
    client_before = _own_cpu()
    people = [
        threading.Thread(target=participant, args=(port, info, u, args, out, deadline))
        for u in info["participants"]
    ]
    screens = [
        threading.Thread(target=projector, args=(port, info, u, out, stop, deadline))
        for u in info["projectors"]
    ]
    try:
        for thread in screens + people:
            thread.start()
        for thread in people:
            thread.join(max(0.1, deadline - time.monotonic()))
        scored = time.monotonic() - begin
        stop.wait(2.5)  # one more poll round, so the projectors see the last scores
    finally:
        stop.set()
        for thread in screens:
            thread.join(5)
    cpu = server_costs.server_cpu_seconds(server.pid) - cpu_before
    return Run(out, time.monotonic() - begin, scored, cpu, _own_cpu() - client_before)


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report_latency(run: Run) -> None:
    out = run.out
    requests = sum(len(v) for k, v in out.timings.items() if k != "poll (changed)")
    sheets = sum(len(out.timings.get(k, [])) for k in ("score POST", "sheet GET"))
    print(
        f"{requests} requests in {run.took:.1f} s: {requests / run.took:.1f} requests/s; "
        f"the participants' {sheets} in {run.scored:.1f} s: {sheets / run.scored:.1f} requests/s"
    )
    for kind in ("score POST", "sheet GET", "poll", "poll (changed)"):
        print(f"  {kind:16s} {percentiles(out.timings.get(kind, []))}")
    print(f"{out.posts} score sheets acknowledged by {len(out.acked)} participants")
    if out.errors:
        print(f"{len(out.errors)} errors, e.g. {out.errors[:5]}")


def report_server(run: Run, costs: list[server_costs.Cost]) -> None:
    print("server, per request (the handling thread's CPU time; queries):")
    for kind in ("score POST", "sheet GET", "poll (no change)", "poll (changed)"):
        print(f"  {kind:16s} {server_costs.summary(costs, kind)}")
    requests = sum(len(v) for k, v in run.out.timings.items() if k != "poll (changed)")
    print(
        f"server processes: {run.server_cpu:.1f} CPU s in {run.took:.1f} s "
        f"({run.server_cpu / run.took:.2f} cores), {1000 * run.server_cpu / max(requests, 1):.1f} "
        "ms per request with the HTTP work around it"
    )
    print(
        f"the benchmark's own clients, on the same machine: {run.client_cpu:.1f} CPU s "
        f"({run.client_cpu / run.took:.2f} cores)"
    )


def report_targets(run: Run, costs: list[server_costs.Cost]) -> None:
    """Print each target (for 1,000 participants on 2 cores) as met or missed."""
    met = []
    for kind, limit in LATENCY_TARGETS:
        values = run.out.timings.get(kind, [])
        p95 = statistics.quantiles(values, n=100, method="inclusive")[94] if len(values) > 1 else 0
        met.append(p95 < limit)
        print(f"target {kind} p95 < {limit * 1000:.0f} ms: {p95 * 1000:.0f} ms, "
              f"{'met' if met[-1] else 'MISSED'}")  # fmt: skip
    sheet = [c.cpu_ms for c in costs if c.kind == "sheet GET"]
    cpu = statistics.median(sheet) if sheet else 0.0
    met.append(cpu < SHEET_CPU_TARGET_MS)
    print(f"target sheet GET CPU (median) < {SHEET_CPU_TARGET_MS:.0f} ms: {cpu:.1f} ms, "
          f"{'met' if met[-1] else 'MISSED'}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="samskab-load-"))
    started = time.monotonic()
    info = prepare(data_dir, args.participants, args.ideas, args.projectors)
    if args.command == "prepare":
        print(json.dumps(info))
        return 0
    from django.db import connection

    database = connection.vendor + (" (DATABASE_URL)" if os.environ.get("DATABASE_URL") else "")
    print(
        f"set up in {time.monotonic() - started:.1f} s: {args.participants} participants, "
        f"{args.ideas} ideas, {args.projectors} projectors; {database} in {data_dir}"
    )
    enough_files(args.participants)
    port, costs_dir = free_port(), data_dir / "costs"
    kw = {"workers": args.workers, "threads": args.threads}
    server = start_server(data_dir, port, data_dir / "server.log", costs_dir, **kw)
    print(f"gunicorn samskab.wsgi, {args.workers} workers × {args.threads} threads, {HOST}:{port}")
    try:
        warm_up(port, info, args.workers * args.threads)
        server_costs.forget_costs(costs_dir)
        run = run_load(port, server, info, args)
    finally:
        stop_server(server)
    costs = server_costs.read_costs(costs_dir)
    report_latency(run)
    report_server(run, costs)
    ok, text = count_check(info, run.out.acked)
    print(f"count check {'OK' if ok else 'FAILED'}: {text}")
    report_targets(run, costs)
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs")
    if args.data_dir is None:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0 if ok and not run.out.errors else 1


if __name__ == "__main__":
    sys.exit(main())
