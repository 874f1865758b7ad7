"""The handbook of a full project, made once by `samskab report --html --data`: the fact base
with the rest and total rows of its net migration, the chosen segments' cards, the four dated
workshops and their expectations, the scored ideas' ranking, and initiatives with their status,
two of them a recorded outcome with its reason. The PDF is read back with pdftotext.

Building the project (a segmentation fit among it) and laying out the PDF take most of a
minute, so the first test makes the handbook and the others read the same files."""

from __future__ import annotations

import csv
import datetime
import io
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse

from samskab.cli import main
from samskab.initiatives import actions as initiative_actions
from samskab.initiatives.models import Initiative
from samskab.workshops import actions as workshop_actions

from .segmentation_fixtures import segmented_fixture, survey_file_fixture  # noqa: F401
from .test_factbase_import import storage_fixture  # noqa: F401  (fixture)
from .test_factbase_totals import unplaced_fixture  # noqa: F401  (fixture)
from .test_handbook import figures_of
from .test_workshops_ranking import room  # noqa: F401  (fixture)
from .workshops_fixtures import activate, ideas_fixture  # noqa: F401

# The four workshops' dates, and how the Danish handbook writes them.
DATES = {
    1: (datetime.date(2026, 1, 12), "1. Hvor er vi?", "12. januar 2026"),
    2: (datetime.date(2026, 2, 9), "2. Hvad vil vi?", "9. februar 2026"),
    3: (datetime.date(2026, 3, 16), "3. Hvordan?", "16. marts 2026"),
    4: (datetime.date(2026, 4, 13), "4. Hvad nu?", "13. april 2026"),
}
OFFERS = "En byplanlægger to timer om ugen."
CANNOT_PROMISE = "Ny skole i Hoven."
VILLAGE_COMMITS = "Borgerforeningen holder velkomstmøder for nye familier."

HANDED_OVER = "Borgerforeningen driver velkomstpakken videre selv."
WOUND_DOWN = "Ingen frivillige meldte sig til vinterbadningen."
# Each initiative: (title, the idea it comes from or None, its status as the handbook prints it,
# the recorded reason or None).
INITIATIVES = [
    ("Velkomstpakke til nye familier", "Velkomstpakke", "Overdraget til landsbyforeningen",
     HANDED_OVER),
    ("Byggegrunde ved skolen", "Byggegrunde", "På sporet", None),
    ("Fællesspisning i forsamlingshuset", "Fællesspisning", "Planlagt", None),
    ("Vinterbadeklub", None, "Afviklet", WOUND_DOWN),
]  # fmt: skip

# The planted survey (segmentation_fixtures): 160 respondents, about 100 families, 60 others.
RESPONDENTS = 160
PLANTED = {"Familierne": 100, "Byfolket": 60}

# The ranking of test_workshops_ranking's SHEETS, counted by hand there and here:
#   Velkomstpakke (5 scorers): 57 / 5 = 11.4 per person; the questions' answers
#     4,4,5,3,4 (mean 4.0, sd √0.4 = 0.632), 4,4,3,4,3 (3.6, √0.24 = 0.490), 4,3,4,4,4 (3.8, 0.4)
#   Fællesspisning: 4 scorers, fewer than 5: its figures are hidden
#   Byggegrunde (6 scorers): 59 / 6 = 9.833; answers 3,4,3,3,3,4 (3.333, √(2/9) = 0.471),
#     3,3,3,4,3,4 (3.333, 0.471), 3,3,4,3,3,3 (3.167, √(5/36) = 0.373)
# The results board shows them rounded to one decimal: "11,4", "4,0 ±0,6", "3,6 ±0,5", …
# Printed row: rank, idea, mean per person, scorers, then mean and spread per question.
BOARD_ROWS = {
    "Velkomstpakke": ["1", "11,4", "5", "4,0", "0,6", "3,6", "0,5", "3,8", "0,4"],
    "Fællesspisning": ["2", "..", "<5", "..", "..", "..", "..", "..", ".."],
    "Byggegrunde": ["3", "9,8", "6", "3,3", "0,5", "3,3", "0,5", "3,2", "0,4"],
}


@dataclass(frozen=True)
class Handbook:
    text: str  # the PDF as pdftotext -layout reads it
    html: str  # the file written by --html
    bundle: zipfile.ZipFile  # the file written by --data
    segment_page: str  # the segments page as a participant sees it


@pytest.fixture(scope="module", name="made_once")
def made_once_fixture() -> dict[str, Handbook]:
    return {}


@pytest.fixture(name="handbook")
def handbook_fixture(
    db: None,  # the first test builds the project in its database
    request: pytest.FixtureRequest,
    made_once: dict[str, Handbook],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Handbook:
    """Return the full project's handbook, made by the first test that asks for it."""
    if "handbook" not in made_once:
        made_once["handbook"] = _make(request, tmp_path, monkeypatch)
    return made_once["handbook"]


def _make(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Handbook:
    project = request.getfixturevalue("project")
    request.getfixturevalue("unplaced")  # the fact base, with moves to an unknown parish
    request.getfixturevalue("segmented")  # K=2 chosen: Familierne and Byfolket
    ideas = request.getfixturevalue("room")  # the three ideas scored (workshop 3 active)
    participant = request.getfixturevalue("participant")
    contact = request.getfixturevalue("contact")

    for workshop in workshop_actions.ensure_workshops(project):
        workshop.date = DATES[workshop.number][0]
        workshop_actions.do_save_workshop(workshop)
    municipal = workshop_actions.municipal_commitment(project)
    municipal.contact_person, municipal.offers = contact, OFFERS
    municipal.cannot_promise = CANNOT_PROMISE
    workshop_actions.do_save_commitment(municipal)
    village = workshop_actions.village_commitment(project.villages.get(name="Hoven"))
    village.commits = VILLAGE_COMMITS
    workshop_actions.do_save_commitment(village)

    activate(project, 4)
    made = {}
    for title, idea, _status, _reason in INITIATIVES:
        made[title] = initiative_actions.do_save_initiative(project, Initiative(
            idea=ideas[idea] if idea else None, title=title, owner=participant, contact=contact,
            goal=f"Målet for {title.lower()}",
        ))  # fmt: skip
    initiative_actions.do_record_outcome(made[INITIATIVES[0][0]], "handed_over", HANDED_OVER)
    initiative_actions.do_set_status(made["Byggegrunde ved skolen"], "on_track")
    initiative_actions.do_record_outcome(made["Vinterbadeklub"], "wound_down", WOUND_DOWN)

    client = request.getfixturevalue("client_for")(participant)
    segment_page = client.get(reverse("segmentation:overview", args=[project.pk]))
    assert segment_page.status_code == 200

    # `samskab report` as typed, on the test database.
    monkeypatch.setattr("samskab.web_commands.setup_django", lambda *a, **k: None)
    monkeypatch.setenv("SAMSKAB_DEBUG", "1")  # a failure shows its traceback
    pdf, html, data = tmp_path / "h.pdf", tmp_path / "h.html", tmp_path / "h.zip"
    argv = ["report", "--data-dir", str(tmp_path), "--project", str(project.pk),
            "--out", str(pdf), "--html", str(html), "--data", str(data)]  # fmt: skip
    assert main(argv) == 0
    assert pdf.is_file() and html.is_file() and data.is_file()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    return Handbook(
        text=text,
        html=html.read_text(encoding="utf-8"),
        bundle=zipfile.ZipFile(io.BytesIO(data.read_bytes())),
        segment_page=segment_page.content.decode(),
    )


def _table_row(text: str, label: str) -> list[str]:
    """Return the figures of the PDF table row headed `label`, the label perhaps wrapped onto
    the line below the figures."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        figures = figures_of(line)
        if not figures:
            continue
        head = line[: re.search(re.escape(figures[0]), line).start()].strip()
        below = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if head == label or (head and f"{head} {below}" == label):
            return figures
    raise AssertionError(f"no row {label!r} in the handbook")


def _ranking_row(text: str, idea: str) -> list[str]:
    """Return the figures of the idea's row of the printed ranking (its rank first)."""
    row = re.search(rf"^\s*(\d+)\s+{idea}\s+(.*)$", text, re.M)
    assert row, f"no ranking row for {idea}"
    return [row[1], *figures_of(row[2])]


def _html_ranking_row(html: str, idea: str) -> list[str]:
    """Return the cells of the idea's row of the HTML ranking (its rank first)."""
    row = re.search(rf'<tr><th scope="row" class="num">(\d+)</th><td>{idea}</td>(.*?)</tr>', html)
    assert row, f"no ranking row for {idea} in the HTML"
    cells = re.findall(r'<td class="num">(.*?)</td>', row[2])
    return [row[1], *(cell.replace("&lt;", "<") for cell in cells)]


def _rows_of(bundle: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(bundle.read(name).decode("utf-8-sig"))))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_segment_cards_show_each_segment_and_its_respondents(handbook):
    text = handbook.text
    assert "Segmenter af flyttere" in text
    shown = {}
    for name, planted in PLANTED.items():
        card = re.search(rf"^\s*{name}\n\s*(\d+) respondenter · (\d+) %$", text, re.M)
        assert card, f"no card for {name}"
        count, share = int(card[1]), int(card[2])
        assert abs(count - planted) <= 5, (name, count)  # the fit finds the planted segment
        assert share == round(100 * count / RESPONDENTS), name
        # The count as the participant's own segments page shows it.
        page = re.search(
            rf'>{name}</h2>\s*<p class="muted">(\d+) respondenter', handbook.segment_page
        )
        assert page and int(page[1]) == count, name
        shown[name] = count
    assert sum(shown.values()) == RESPONDENTS


def test_the_ranking_shows_the_means_and_hides_the_idea_scored_by_too_few(handbook):
    text = handbook.text
    assert "Idéernes rangering" in text
    welcome = _ranking_row(text, "Velkomstpakke")
    assert len(welcome) == 9
    # rank, mean per person, scorers, and the mean of each question (every other figure).
    assert [welcome[0], welcome[1], welcome[2], *welcome[3::2]] == ["1", "11,4", "5", "4,0",
                                                                    "3,6", "3,8"]  # fmt: skip
    assert _ranking_row(text, "Fællesspisning") == BOARD_ROWS["Fællesspisning"]
    plots = _ranking_row(text, "Byggegrunde")
    assert plots[:4] == ["3", "9,8", "6", "3,3"]


def test_the_ranking_prints_the_boards_means_and_spreads(handbook):
    # Rounded as the board rounds them (0.49 is ±0,5, 3.17 is 3,2), never cut off.
    for idea, board in BOARD_ROWS.items():
        assert _ranking_row(handbook.text, idea) == board, idea
        assert _html_ranking_row(handbook.html, idea) == board, idea


def test_each_workshop_has_its_date_and_the_expectations_are_printed(handbook):
    text = handbook.text
    assert "De fire workshops" in text
    for _date, workshop, printed in DATES.values():
        assert re.search(rf"^\s*{re.escape(workshop)}\s+{printed}\s*$", text, re.M), workshop
    flat = _flat(text)
    assert f"Det bidrager kommunen med {OFFERS}" in flat
    assert f"Kan ikke love {CANNOT_PROMISE}" in flat
    assert f"Det forpligter landsbyerne sig til Hoven {VILLAGE_COMMITS}" in flat


def test_each_initiative_has_its_status_and_an_outcome_its_reason(handbook):
    flat = _flat(handbook.text)
    assert "Initiativerne nu" in flat
    starts = {title: flat.find(f" {title} Status: ") for title, *_ in INITIATIVES}
    assert -1 not in starts.values(), f"an initiative's card is missing: {starts}"
    ends = [*sorted(starts.values())[1:], len(flat)]
    for title, idea, status, reason in INITIATIVES:
        card = flat[starts[title] : min(e for e in ends if e > starts[title])]
        from_idea = f" · fra idéen “{idea}”" if idea else ""
        assert f"{title} Status: {status}{from_idea} " in card, title
        if reason:
            assert re.search(rf"Begrundelse (Bosætning i Vest \d+ / \d+ )?{reason}", card), title
        else:
            assert "Begrundelse" not in card, title


def test_the_net_migration_table_has_the_rest_and_the_total(handbook):
    text = handbook.text
    assert "Nettotilflytning pr. område" in text
    # Net within the municipality, net to elsewhere, net, population, % of it. The two moves
    # from Nord to a parish in no area, and Syd's 3 moves to Nord, are too few to show: the
    # columns inside the municipality are hidden. Elsewhere: Syd 6 in, 8 out (-2); Nord 20 in,
    # 12 out (8); the rest stays inside the municipality (0); in all 6.
    assert _table_row(text, "Syd") == ["..", "-2", "..", "3.500", ".."]
    assert _table_row(text, "Nord") == ["..", "8", "..", "1.500", ".."]
    assert _table_row(text, "Sogn ukendt eller uden for områderne") == ["..", "0", "..", ".."]
    assert _table_row(text, "I alt") == ["..", "6", "..", ".."]


def test_the_report_command_writes_the_html_and_the_open_data(handbook):
    html = handbook.html
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "Idéernes rangering" in html
    for idea in BOARD_ROWS:  # the HTML has the figures the PDF prints
        assert _html_ranking_row(html, idea) == _ranking_row(handbook.text, idea), idea
    assert _html_ranking_row(html, "Velkomstpakke")[:4] == ["1", "11,4", "5", "4,0"]

    net = {row[0]: row[1:] for row in _rows_of(handbook.bundle, "data/net-migration.csv")}
    assert list(net)[-2:] == ["Sogn ukendt eller uden for områderne", "I alt"]
    assert net["Sogn ukendt eller uden for områderne"] == ["..", "0", "..", "", ".."]
    assert net["I alt"] == ["..", "6", "..", "", ".."]

    header, *rows = _rows_of(handbook.bundle, "data/ranking.csv")
    by_idea = {row[header.index("Idé")]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_idea["Velkomstpakke"]["Gennemsnit pr. person"] == "11.4"  # 57 / 5
    assert by_idea["Byggegrunde"]["Gennemsnit pr. person"] == "9.83"  # 59 / 6
    assert by_idea["Velkomstpakke"]["Gennemsnit: Er det håndterbart for os?"] == "3.6"
    assert by_idea["Fællesspisning"]["Gennemsnit pr. person"] == ".."  # 4 scorers: hidden
