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
from samskab.workshops.models import DIMENSIONS, Score
from samskab.workshops.results import HEADINGS, Board

Rows = list[list[object]]


def ranking_rows(board: Board) -> Rows:
    """Return the board's ranking with a header, the same figures as on the board: rank,
    idea, mean per scorer, sum, scorers, coverage, the fewer-scorers flag, mean and spread
    per dimension, spread of the sums, quick win. Unscored ideas have blank figures."""
    header = [_("Rank"), _("Idea"), _("Theme"), _("Villages"), _("Mean per person"), _("Sum")]
    header += [_("Scorers"), _("Coverage (%)"), _("Fewer scorers")]
    for _name, question in DIMENSIONS:
        header += [_("Mean: %(question)s") % {"question": question}]
        header += [_("Spread: %(question)s") % {"question": question}]
    header += [_("Spread of the sums"), _("Quick win")]
    rows: Rows = [header]
    for r in board.results:
        villages = ", ".join(v.name for v in r.idea.villages.all()) or _("Shared")
        coverage = _rounded(r.coverage * 100 if r.coverage is not None else None, 1)
        per_dimension = [_rounded(v, 2) for _n, _q, m, s in r.dimensions for v in (m, s)]
        rows.append(
            [r.rank, r.idea.title, r.idea.get_theme_display(), villages, _rounded(r.mean, 2),
             r.total, r.scorers, coverage, _yes(r.few_scorers), *per_dimension,
             _rounded(r.spread, 2), _yes(r.quick_win)]
        )  # fmt: skip
    return rows


def _rounded(value: float | None, digits: int) -> float | None:
    return round(value, digits) if value is not None else None


def _yes(flag: bool) -> str:
    return _("yes") if flag else ""


def score_rows(project: Project) -> Rows:
    """Return every counted score, one row per participant and idea."""
    header = [_("Idea"), _("Participant"), *map(str, HEADINGS.values())]
    header += [_("Sum"), _("From paper"), _("Updated")]
    scores = (
        Score.objects.filter(idea__project=project, idea__merged_into=None)
        .select_related("idea", "participant")
        .order_by("idea__title", "participant__username")
    )
    rows: Rows = [header]
    for s in scores:
        name = s.participant.get_full_name() or s.participant.username
        paper = _yes(s.entered_by_id not in (None, s.participant_id))
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
