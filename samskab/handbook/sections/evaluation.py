"""The handbook's evaluation and each initiative's before/after view, read from the
evaluation app (samskab.evaluation.summary) as any member sees them: suppressed."""

from __future__ import annotations

from dataclasses import dataclass

from samskab.evaluation.models import QUESTIONS
from samskab.evaluation.summary import BeforeAfter, RoundSummary, round_summary
from samskab.evaluation.summary import before_after as trend_of
from samskab.initiatives.models import Initiative
from samskab.projects.models import Project


@dataclass(frozen=True)
class Evaluation:
    """The project's evaluation rounds as the handbook shows them; `made` is False before
    anyone has answered."""

    rounds: list[RoundSummary]

    @property
    def made(self) -> bool:
        return any(summary.answered for summary in self.rounds)

    @property
    def scale_questions(self) -> list[object]:
        return [q for q in QUESTIONS if q.kind == "scale"]


def evaluation(project: Project) -> Evaluation:
    """Return the summaries of the project's rounds, oldest first, suppressed."""
    rounds = project.evaluations.order_by("opened", "pk")
    return Evaluation([round_summary(r, suppressed=True) for r in rounds])


def before_after(initiative: Initiative) -> BeforeAfter:
    """Return the initiative's target group's moves per year, suppressed."""
    return trend_of(initiative, suppressed=True)
