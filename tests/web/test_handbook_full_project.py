"""Draft."""
from __future__ import annotations

import datetime
import subprocess
import zipfile

import pytest

from samskab.cli import main
from samskab.initiatives import actions as initiative_actions
from samskab.initiatives.models import Initiative
from samskab.workshops import actions as workshop_actions

from .segmentation_fixtures import segmented_fixture, survey_file_fixture  # noqa: F401
from .test_factbase_import import storage_fixture  # noqa: F401
from .test_factbase_totals import unplaced_fixture  # noqa: F401
from .test_workshops_ranking import room  # noqa: F401
from .workshops_fixtures import ideas_fixture  # noqa: F401


def test_dump(project, facilitator, participant, contact, unplaced, segmented, room, tmp_path, monkeypatch):
    import time
    t = time.time()
    for w, day in zip(workshop_actions.ensure_workshops(project), (12, 9, 16, 13)):
        w.date = datetime.date(2026, w.number, day)
        workshop_actions.do_save_workshop(w)
    m = workshop_actions.municipal_commitment(project)
    m.offers = "En byplanlægger to timer om ugen."
    m.cannot_promise = "Ny skole i Hoven."
    m.money = 50000
    workshop_actions.do_save_commitment(m)
    v = workshop_actions.village_commitment(project.villages.get())
    v.commits = "Borgerforeningen holder velkomstmøder."
    workshop_actions.do_save_commitment(v)
    made = {}
    for title in ("Velkomstpakke", "Byggegrunde", "Fællesspisning"):
        made[title] = initiative_actions.do_save_initiative(project, Initiative(
            idea=room[title], title=f"Initiativ {title}", owner=participant, contact=contact, goal="Mål"))
    initiative_actions.do_set_status(made["Byggegrunde"], "on_track")
    initiative_actions.do_record_outcome(made["Velkomstpakke"], "handed_over", "Borgerforeningen driver velkomstpakken videre selv.")
    print("build", time.time() - t)
    monkeypatch.setattr("samskab.web_commands.setup_django", lambda *a, **k: None)
    monkeypatch.setenv("SAMSKAB_DEBUG", "1")
    t = time.time()
    assert main(["report", "--data-dir", str(tmp_path), "--project", str(project.pk), "--out", "/tmp/hb/h.pdf", "--html", "/tmp/hb/h.html", "--data", "/tmp/hb/h.zip"]) == 0
    print("report", time.time() - t)
    subprocess.run(["pdftotext", "-layout", "/tmp/hb/h.pdf", "/tmp/hb/h.txt"], check=True)
    z = zipfile.ZipFile("/tmp/hb/h.zip")
    for n in ("data/net-migration.csv", "data/ranking.csv"):
        print(z.read(n).decode("utf-8-sig"))
