"""A round's summary as rows for a spreadsheet (written by samskab.core.exports)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from samskab.evaluation.models import QUESTIONS
from samskab.evaluation.summary import SCALE_FIELDS, GroupRow, RoundSummary


def summary_rows(summary: RoundSummary) -> list[list[Any]]:
    """Return the answers per question, then per role and per village, then (unsuppressed
    only) the free-text answers without names."""
    rows = [*answer_rows(summary), [], *group_rows(summary)]
    if summary.comments:
        rows += [[], [_("Anything else (without names)")], *([c] for c in summary.comments)]
    return rows


def answer_rows(summary: RoundSummary) -> list[list[Any]]:
    """Return the count of each answer to each question, the header first."""
    rows: list[list[Any]] = [[_("Question"), _("Answer"), _("Answers")]]
    for question in summary.questions:
        rows += [[question.question, c.label, c.count] for c in question.counts]
    return rows


def group_rows(summary: RoundSummary) -> list[list[Any]]:
    """Return the answers and means per role and per village, the header first."""
    scales = [str(q.text) for q in QUESTIONS if q.kind == "scale"]
    header = [_("Group"), _("Name"), _("Answers"), *scales, _("Would do it again (per cent)")]
    return [
        header,
        *_groups(_("Role"), summary.by_role),
        *_groups(_("Village"), summary.by_village),
    ]


def _groups(kind: str, groups: list[GroupRow]) -> list[list[Any]]:
    return [
        [kind, g.group, g.answers, *(_cell(g.means[f]) for f in SCALE_FIELDS), _cell(g.share_yes)]
        for g in groups
    ]


def _cell(value: Any) -> Any:
    return "" if value is None else value
