"""The evaluation as others read it: a round's answers summarised per question, per role and
per village (`round_summary`), and an initiative's before/after trend (`before_after`, from
trends.py). These are the app's public functions, for its pages, its CSV and the handbook.

`suppressed=True` (anyone but a facilitator) applies the one small-cell rule
(`samskab.common.suppression`): a count from 1 to threshold − 1 reads "<5", a cell hidden to
protect it "..", and a group's means go with its count. A mean times its group's answers is a sum
of answers, and the groups' sums add up to the whole's: so where a question's counts hide a cell
and every role (or every village) would show its mean, no role (village) shows it (likewise the
share who would do it again). Free-text answers are only in an
unsuppressed summary, never with names, in alphabetical order (not the order they came in).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from samskab.common.suppression import COMPLEMENT_MARKER, is_hidden, suppress
from samskab.evaluation.models import QUESTIONS, SCALE, Again, EvaluationRound, Response
from samskab.evaluation.trends import BeforeAfter, YearMoves, before_after, native
from samskab.projects.models import Role

# The handbook reads these two functions and their dataclasses.
__all__ = ["BeforeAfter", "RoundSummary", "YearMoves", "before_after", "round_summary"]

SCALE_FIELDS = [q.field for q in QUESTIONS if q.kind == "scale"]
Cell = int | str  # a count, or "<5" / ".." where suppressed
Mean = float | str | None  # None: nobody answered


@dataclass(frozen=True)
class AnswerCount:
    answer: str  # the stored answer: "1" … "5", "yes", "no", "unsure"
    label: str
    count: Cell


@dataclass(frozen=True)
class QuestionSummary:
    field: str
    question: str
    kind: str  # "scale" or "again"
    counts: list[AnswerCount]
    # The mean of a scale question; None when any count is hidden (with the total, the mean
    # would give the hidden counts away) or nobody answered.
    mean: float | None


@dataclass(frozen=True)
class GroupRow:
    group: str  # a role's or a village's name
    answers: Cell
    means: dict[str, Mean]  # per scale question's field, on 1–5
    share_yes: Mean  # % who would do it again

    @property
    def scale_means(self) -> list[Mean]:
        """Return the means in the questionnaire's order."""
        return [self.means[field] for field in SCALE_FIELDS]


@dataclass(frozen=True)
class RoundSummary:
    round: EvaluationRound
    asked: int
    answered: int
    questions: list[QuestionSummary]
    by_role: list[GroupRow]
    by_village: list[GroupRow]
    comments: list[str]  # empty when suppressed
    suppressed: bool


def round_summary(evaluation: EvaluationRound, *, suppressed: bool) -> RoundSummary:
    """Return the round's answers summarised per question and per role and village."""
    responses = evaluation.responses.select_related("village")
    answers = answer_table([r for r in responses if r.answered is not None])
    comments = [] if suppressed else sorted(c for c in answers["comment"] if c.strip())
    questions = [_question(answers, q.field, str(q.text), q.kind, suppressed)
                 for q in QUESTIONS if q.kind != "text"]  # fmt: skip
    withheld = _withheld(questions)
    return RoundSummary(
        round=evaluation, asked=len(responses), answered=len(answers), questions=questions,
        by_role=group_rows(answers, "role", suppressed, withheld), by_village=group_rows(
            answers, "village", suppressed, withheld), comments=comments, suppressed=suppressed,
    )  # fmt: skip


def answer_table(responses: Sequence[Response]) -> pd.DataFrame:
    """Return one row per answered response: every question's answer, role, village (names)."""
    rows = [
        {**{q.field: getattr(r, q.field) for q in QUESTIONS},
         "role": Role(r.role).label if r.role in Role.values else r.role,
         "village": r.village.name if r.village else _("No village")}
        for r in responses
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=[q.field for q in QUESTIONS] + ["role", "village"])


def _question(
    answers: pd.DataFrame, field: str, text: str, kind: str, suppressed: bool
) -> QuestionSummary:
    choices = [(str(v), str(label)) for v, label in SCALE] if kind == "scale" else [
        (str(v), str(label)) for v, label in Again.choices]  # fmt: skip
    given = answers[field].astype(str)
    table = pd.DataFrame({"answer": [c for c, _l in choices],
                          "count": [int((given == c).sum()) for c, _l in choices]})  # fmt: skip
    if suppressed:
        table = suppress(table, counts=["count"], lines=[[]], threshold=settings.SUPPRESS_BELOW)
    counts = [
        AnswerCount(c, label, n) for (c, label), n in zip(choices, table["count"], strict=True)
    ]
    hidden = any(is_hidden(c.count) for c in counts)
    mean = None
    if kind == "scale" and len(answers) and not hidden:
        mean = round(float(answers[field].astype(float).mean()), 2)
    return QuestionSummary(field, text, kind, counts, mean)


def _withheld(questions: Sequence[QuestionSummary]) -> set[str]:
    """Return the group columns of the questions whose counts hide a cell: the scale
    question's mean, the share who would do it again."""
    return {
        "share_yes" if question.kind == "again" else question.field
        for question in questions
        if any(is_hidden(c.count) for c in question.counts)
    }


def group_rows(
    answers: pd.DataFrame, by: str, suppressed: bool, withheld: Collection[str] = ()
) -> list[GroupRow]:
    """Return a row per role or village ("role"/"village") that answered: its count of answers,
    its mean per scale question and its share who would do it again; a `withheld` column
    (its question hides a count) is hidden in every row unless some row hides it already."""
    if answers.empty:
        return []
    grouped = answers.groupby(by, sort=True)
    table = grouped[SCALE_FIELDS].mean().round(2)
    table["share_yes"] = (grouped["again"].apply(lambda a: (a == Again.YES).mean()) * 100).round(1)
    table["answers"] = grouped.size()
    table = table.reset_index()
    if suppressed:
        derived = {name: ["answers"] for name in [*SCALE_FIELDS, "share_yes"]}
        table = suppress(table, counts=["answers"], derived=derived, lines=[[]],
                         threshold=settings.SUPPRESS_BELOW)  # fmt: skip
        for name in withheld:
            if not table[name].map(is_hidden).any():
                table[name] = COMPLEMENT_MARKER
    return [
        GroupRow(
            str(row[by]),
            native(row["answers"]),
            {f: native(row[f]) for f in SCALE_FIELDS},
            native(row["share_yes"]),
        )
        for row in table.to_dict("records")
    ]
