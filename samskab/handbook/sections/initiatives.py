"""The handbook's initiatives: each chosen idea's initiative, its status and progress now."""

from __future__ import annotations

from dataclasses import dataclass

from samskab.evaluation.summary import BeforeAfter
from samskab.handbook.sections.evaluation import before_after
from samskab.handbook.sections.workshops import People
from samskab.initiatives.models import Initiative
from samskab.projects.models import Project


@dataclass
class InitiativeNow:
    initiative: Initiative
    owner: str  # the owner's name where they agreed to its publication, else ""
    milestones_done: int
    milestones: int
    last_update: str  # the date of the last progress update, ISO, or ""
    trend: BeforeAfter  # the target group's moves per year, before and after the start


def initiatives(project: Project, named: People) -> list[InitiativeNow]:
    """Return every initiative of the project with its status and progress."""
    found = (
        Initiative.objects.filter(project=project)
        .select_related("owner", "owner_village", "idea")
        .prefetch_related("milestones", "updates")
    )
    return [
        InitiativeNow(
            initiative=i,
            owner=named.name(i.owner),
            milestones_done=sum(m.done for m in i.milestones.all()),
            milestones=len(i.milestones.all()),
            last_update=max((u.created.date().isoformat() for u in i.updates.all()), default=""),
            trend=before_after(i),
        )
        for i in found
    ]
