"""A large import and a segment fit run while participants score: not one request fails.

The real server (gunicorn, 2 workers × 2 threads) and the real worker (`samskab worker`) run on
a fresh data folder (SQLite; the database of DATABASE_URL when set). A facilitator uploads the
demo municipality's register (about 57,000 residents' moves over 17 years) and starts a fit
on the demo survey; meanwhile participants post whole score sheets over and over. The import
and the fit are followed on their pages as the facilitator sees them, each time the
participants have posted another round, until both are done. Every sheet must be answered
with the redirect back to it, and the score export must hold each participant's last sheet.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

from .test_workshop_kill import ROOT, _exported, _prepare, _scorer, workshop_server

SETUP = """
import sys
from pathlib import Path
from samskab.web_commands import setup_django
setup_django(Path(sys.argv[1]), local_http=True)
from samskab.demo_data import write_demo_data
from samskab.projects.models import Project
from samskab.segmentation import actions
from samskab.segments.demo_survey import simulate_survey, write_demo_survey
files = write_demo_data(Path(sys.argv[2]))
project = Project.objects.get(pk=int(sys.argv[3]))
survey = actions.do_import_survey(project, write_demo_survey(Path(sys.argv[2]) / "survey.csv"),
                                  user=None)
segmenting = simulate_survey(respondents=10).segmenting_items
actions.do_edit_codebook(survey, survey.read_codebook().with_roles(segmenting))
print(survey.pk)
"""
ROUND = 8  # sheets acknowledged between two looks at the jobs' pages


def _setup(data_dir: Path, files: Path, project: int) -> int:
    """Write the demo data and survey, and import the survey; return the survey's id."""
    done = subprocess.run(
        [sys.executable, "-c", SETUP, str(data_dir), str(files), str(project)],
        env=workshop_server.server_env(data_dir), cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout.strip().splitlines()[-1])


def _token(browser: workshop_server.Browser, path: str) -> str:
    status, _loc, html, _took = browser.request("GET", path)
    assert status == 200, (status, path)
    return workshop_server.CSRF.search(html).group(1)


def _upload(browser: workshop_server.Browser, project: int, files: Path) -> str:
    """Post the register, areas and population as the upload form does; return the page the
    answer redirects to."""
    path = f"/projects/{project}/facts/data/"
    token = _token(browser, path)
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             .encode() for name, value in (("csrfmiddlewaretoken", token), ("kind", "moves"))]  # fmt: skip
    for role, name in (("register", "moves.csv"), ("areas", "areas.csv"),
                       ("population", "population.csv")):  # fmt: skip
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{role}"; '
                f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n')  # fmt: skip
        parts.append(head.encode() + (files / name).read_bytes() + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection(workshop_server.HOST, browser.port, timeout=120)
    cookies = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    conn.request("POST", path, body=body, headers={
        "Cookie": cookies, "Content-Type": f"multipart/form-data; boundary={boundary}",
    })  # fmt: skip
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 302, response.status
    return response.headers["Location"]


def _start_fit(browser: workshop_server.Browser, project: int, survey: int) -> str:
    token = _token(browser, f"/projects/{project}/segments/surveys/{survey}/")
    form = {"csrfmiddlewaretoken": token, "first_classes": "2", "last_classes": "2",
            "bootstrap": "0", "seed": "1"}  # fmt: skip
    status, location, _text, _took = browser.request(
        "POST", f"/projects/{project}/segments/surveys/{survey}/fit/", form
    )
    assert status == 302, status
    return location


def _state(browser: workshop_server.Browser, page: str) -> str:
    status, _loc, html, _took = browser.request("GET", page)
    assert status == 200, (status, page)
    if "I gang" in html:
        return "running"
    return "queued" if "I kø" in html else "finished"


def _another_round(log: dict) -> None:
    """Wait until the participants have had ROUND more sheets acknowledged (or an error)."""
    with log["lock"]:
        target = log["count"] + ROUND
        assert log["lock"].wait_for(lambda: log["count"] >= target or log["errors"], timeout=60), (
            "the participants stopped getting answers"
        )


def _start_worker(data_dir: Path, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "samskab.cli", "worker", "--data-dir", str(data_dir)],
            env=workshop_server.server_env(data_dir), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def test_scores_are_stored_while_a_large_import_and_a_fit_run(tmp_path: Path) -> None:
    info = _prepare(tmp_path)
    project = info["project"]
    survey = _setup(tmp_path, tmp_path / "demo", project)
    log_file = tmp_path / "server.log"
    port = workshop_server.free_port()
    server = workshop_server.start_server(tmp_path, port, log_file, workers=2, threads=2)
    worker = _start_worker(tmp_path, tmp_path / "worker.log")
    log: dict = {"lock": threading.Condition(), "acked": {}, "in_flight": {}, "count": 0,
                 "errors": []}  # fmt: skip
    stop = threading.Event()
    scorers = [threading.Thread(target=_scorer, args=(port, info, user, log, stop))
               for user in info["participants"]]  # fmt: skip
    facilitator = workshop_server.Browser(port, info["projectors"][0][2], timeout=60)
    seen: dict[str, set[str]] = {"import": set(), "fit": set()}
    try:
        for thread in scorers:
            thread.start()
        pages = {"import": _upload(facilitator, project, tmp_path / "demo"),
                 "fit": _start_fit(facilitator, project, survey)}  # fmt: skip
        while not all("finished" in states for states in seen.values()):
            _another_round(log)  # then another look at the jobs
            assert not log["errors"], log["errors"][:3]
            for job, page in pages.items():
                seen[job].add(_state(facilitator, page))
            assert log["count"] < 5000, seen
    finally:
        stop.set()
        for thread in scorers:
            thread.join(30)
        facilitator.close()
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    try:
        rows = _exported(port, info)
        _status, _loc, import_page, _took = facilitator.request("GET", pages["import"])
        _status, _loc, fit_page, _took = facilitator.request("GET", pages["fit"])
    finally:
        workshop_server.stop_server(server)

    assert not log["errors"], log["errors"][:3]
    assert "running" in seen["import"] | seen["fit"], seen  # scoring went on while they ran
    assert "Filerne er importeret" in import_page
    assert "Beregningen mislykkedes" not in fit_page and 'name="classes"' in fit_page
    names = {u[0]: u[1] for u in info["participants"]}
    stored = {(r["participant"], r["idea"]): tuple(int(r[d]) for d in workshop_server.DIMENSIONS)
              for r in rows}  # fmt: skip
    assert len(rows) == len(stored) == len(info["participants"]) * len(info["ideas"])
    for user_id, values in log["acked"].items():
        late = log["in_flight"].get(user_id) or values
        sheets = [{(names[user_id], info["titles"][str(i)]): v for i, v in s.items()}
                  for s in (values, late)]  # fmt: skip
        assert {key: stored[key] for key in sheets[0]} in sheets, user_id
    print(json.dumps({"sheets": log["count"], "seen": {k: sorted(v) for k, v in seen.items()}}))
