"""SIGKILL the real server in the middle of scoring: every acknowledged score survives.

The server (gunicorn, 2 workers × 2 threads, in its own process group) runs on a free loopback
port on a fresh data folder (SQLite; the database of DATABASE_URL when set). Client threads, one
participant each, post whole score sheets over and over and note each sheet the server
acknowledged (302 back to the sheet). Once enough sheets are acknowledged, the whole process
group is killed with SIGKILL, the server is started again on the same data folder, and the
facilitator's score export (through the restarted server) must hold exactly one row per
participant and idea, with the values of the participant's last acknowledged sheet — or of the
one sheet that was in flight when the server died, which may or may not have been committed.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import workshop_server  # noqa: E402

PARTICIPANTS = 8
IDEAS = 6
ENOUGH_ACKS = 40  # sheets acknowledged before the kill


def _prepare(data_dir: Path) -> dict:
    # In a process of its own: this one's Django is the test suite's.
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "workshop_server.py"), "prepare",
         "--data-dir", str(data_dir), "--participants", str(PARTICIPANTS),
         "--ideas", str(IDEAS), "--projectors", "1"],
        env=workshop_server.server_env(data_dir), cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _scorer(port: int, info: dict, user: list, log: dict, stop: threading.Event) -> None:
    """Post whole sheets until the server dies; note the acknowledged and the in-flight one."""
    user_id, _name, session = user
    path = f"/projects/{info['project']}/workshops/score/"
    browser = workshop_server.Browser(port, session, timeout=10)
    try:
        status, _loc, html, _took = browser.request("GET", path)
        token = workshop_server.CSRF.search(html)
        if status != 200 or token is None:
            log["errors"].append(f"answer {status} to the sheet")
            return
        while not stop.is_set():
            values = workshop_server.sheet_values(info["ideas"])
            log["in_flight"][user_id] = values
            status, location, _text, _took = browser.request(
                "POST", path, workshop_server.form(token.group(1), values)
            )
            if status != 302 or not location.endswith(path):
                log["errors"].append(f"answer {status} to a score sheet")
                return
            with log["lock"]:
                log["acked"][user_id] = values
                log["count"] += 1
                log["lock"].notify_all()
            del log["in_flight"][user_id]
    except (OSError, http.client.HTTPException):
        pass  # the server was killed: the sheet in flight stays unacknowledged
    finally:
        browser.close()


def _exported(port: int, info: dict) -> list[dict[str, str]]:
    browser = workshop_server.Browser(port, info["projectors"][0][2])
    status, _loc, text, _took = browser.request(
        "GET", f"/projects/{info['project']}/workshops/results/scores.csv"
    )
    browser.close()
    assert status == 200, status
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))  # in Danish
    return [
        dict(zip(["idea", "participant", *workshop_server.DIMENSIONS], r[:5], strict=True))
        for r in rows[1:]
    ]


def test_every_acknowledged_score_survives_a_sigkill(tmp_path: Path) -> None:
    info = _prepare(tmp_path)
    log_file = tmp_path / "server.log"
    port = workshop_server.free_port()
    server = workshop_server.start_server(tmp_path, port, log_file, workers=2, threads=2)
    log: dict = {
        "lock": threading.Condition(),
        "acked": {},
        "in_flight": {},
        "count": 0,
        "errors": [],
    }
    stop = threading.Event()
    threads = [
        threading.Thread(target=_scorer, args=(port, info, user, log, stop))
        for user in info["participants"]
    ]
    try:
        for thread in threads:
            thread.start()
        with log["lock"]:
            log["lock"].wait_for(
                lambda: log["count"] >= ENOUGH_ACKS and len(log["acked"]) == PARTICIPANTS,
                timeout=30,
            )
        # Every thread is posting right now: kill master and workers at once.
        workshop_server.stop_server(server, signal.SIGKILL)
        killed_in_flight = len(log["in_flight"])
        print(f"SIGKILL after {log['count']} acknowledged sheets, {killed_in_flight} in flight")
    finally:
        stop.set()
        workshop_server.stop_server(server, signal.SIGKILL)
        for thread in threads:
            thread.join(15)
    acked = log["acked"]
    assert not log["errors"], log["errors"][:3]
    assert len(acked) == PARTICIPANTS and log["count"] >= ENOUGH_ACKS, log["count"]
    assert killed_in_flight > 0, "the kill came in the middle of scoring"

    port = workshop_server.free_port()
    server = workshop_server.start_server(tmp_path, port, log_file, workers=1, threads=2)
    try:
        rows = _exported(port, info)
    finally:
        workshop_server.stop_server(server)

    names = {u[0]: u[1] for u in info["participants"]}
    stored = {}
    for row in rows:
        key = (row["participant"], row["idea"])
        assert key not in stored, f"duplicated score {key}"
        stored[key] = tuple(int(row[d]) for d in workshop_server.DIMENSIONS)
    assert len(stored) == PARTICIPANTS * IDEAS
    for user_id, values in acked.items():
        sheet = {(names[user_id], info["titles"][str(i)]): v for i, v in values.items()}
        late = log["in_flight"].get(user_id)
        late_sheet = {(names[user_id], info["titles"][str(i)]): v for i, v in (late or {}).items()}
        got = {key: stored[key] for key in sheet}
        assert got in (sheet, late_sheet), f"participant {user_id} lost a score"
