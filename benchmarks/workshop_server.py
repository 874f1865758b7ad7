"""A real samskab server on loopback with a prepared workshop, and a participant's browser:
what the workshop load benchmark, the resilience script and the server tests share.

    .venv/bin/python benchmarks/workshop_server.py prepare --data-dir DIR --participants N --ideas M

prints the prepared workshop's ids and session keys as JSON (`prepare`). The server is gunicorn
(`samskab.wsgi`) on 127.0.0.1 with the data folder's settings; DATABASE_URL when set.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
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
                # Named by their user name, as the pages and the score export name people.
                user = User(username=f"{name}{n:04d}-{run}", first_name=f"{name}{n:04d}-{run}")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Prepare a workshop in W3 in a data folder.")
    parser.add_argument("command", choices=["prepare"])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--participants", type=int, default=20)
    parser.add_argument("--ideas", type=int, default=6)
    parser.add_argument("--projectors", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(prepare(args.data_dir, args.participants, args.ideas, args.projectors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
