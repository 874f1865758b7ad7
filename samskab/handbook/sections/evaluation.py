"""The handbook's evaluation and each initiative's before/after view.

No evaluation is recorded by the product yet: both say so plainly. When evaluations exist,
this module is the one place that reads them for the handbook."""

from __future__ import annotations

from dataclasses import dataclass

from samskab.initiatives.models import Initiative
from samskab.projects.models import Project


@dataclass(frozen=True)
class Evaluation:
    """The project's evaluation as the handbook shows it; `made` is False without one."""

    made: bool = False


def evaluation(project: Project) -> Evaluation:
    """Return the project's evaluation (none has been made)."""
    return Evaluation()


def before_after(initiative: Initiative) -> Evaluation:
    """Return the initiative's before/after view (none has been made)."""
    return Evaluation()
