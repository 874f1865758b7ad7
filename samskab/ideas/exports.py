"""Scores and ranking as rows for CSV and XLSX (written by samskab.core.exports): one set of
rows serves both formats."""

from __future__ import annotations

from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from samskab.core.people import person_name
from samskab.ideas.models import DIMENSIONS, Idea, Score
from samskab.ideas.results import HEADINGS, Board
from samskab.projects.models import Project

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
        Score.objects.filter(idea__in=Idea.objects.filter(project=project).in_play())
        .select_related("idea", "participant")
        .order_by("idea__title", "participant__username")
    )
    rows: Rows = [header]
    for s in scores:
        name = person_name(s.participant)
        paper = _yes(s.entered_by_id not in (None, s.participant_id))
        rows.append(
            [s.idea.title, name, s.difference, s.manageable, s.desire, s.total, paper,
             localtime(s.updated).strftime("%Y-%m-%d %H:%M:%S")]
        )  # fmt: skip
    return rows
