"""Scores and ranking as tables for CSV and XLSX: one set of rows serves both formats."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from samskab.projects.models import Project
from samskab.workshops.models import Score
from samskab.workshops.results import Board

Rows = list[list[object]]


def ranking_rows(board: Board) -> Rows:
    """Return the ranking with a header: rank, idea, villages, scorers, sum, means, spread."""
    header = [_("Rank"), _("Idea"), _("Theme"), _("Villages"), _("Scorers"), _("Sum")]
    header += [_("Makes a difference"), _("Manageable"), _("Desire"), _("Spread"), _("Quick win")]
    rows: Rows = [header]
    for r in board.results:
        villages = ", ".join(v.name for v in r.idea.villages.all()) or _("Shared")
        means = [
            round(r.means[n], 2) if r.means else None
            for n in ("difference", "manageable", "desire")
        ]
        spread = round(r.spread, 2) if r.spread is not None else None
        rows.append(
            [r.rank, r.idea.title, r.idea.get_theme_display(), villages, r.scorers, r.total,
             *means, spread, _("yes") if r.quick_win else ""]
        )  # fmt: skip
    return rows


def score_rows(project: Project) -> Rows:
    """Return every counted score, one row per participant and idea."""
    header = [_("Idea"), _("Participant"), _("Makes a difference"), _("Manageable")]
    header += [_("Desire"), _("Sum"), _("From paper"), _("Updated")]
    scores = (
        Score.objects.filter(idea__project=project, idea__merged_into=None)
        .select_related("idea", "participant")
        .order_by("idea__title", "participant__username")
    )
    rows: Rows = [header]
    for s in scores:
        name = s.participant.get_full_name() or s.participant.username
        paper = _("yes") if s.entered_by_id not in (None, s.participant_id) else ""
        rows.append(
            [s.idea.title, name, s.difference, s.manageable, s.desire, s.total, paper,
             localtime(s.updated).strftime("%Y-%m-%d %H:%M:%S")]
        )  # fmt: skip
    return rows


def as_csv(rows: Rows) -> str:
    """Return the rows as CSV with a byte-order mark, so Excel reads Danish letters."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def as_xlsx(sheets: Sequence[tuple[str, Rows]]) -> bytes:
    """Return a workbook with one sheet per (title, rows), the header row bold."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
