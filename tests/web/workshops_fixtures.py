"""Shared set-up for the workshop tests: a project with ideas and a chosen active phase."""

from __future__ import annotations

import pytest

from samskab.ideas.models import Idea
from samskab.projects.models import Project
from samskab.workshops import actions
from samskab.workshops.models import Theme, Workshop


def activate(project: Project, number: int) -> None:
    actions.ensure_workshops(project)
    actions.do_activate(Workshop.objects.get(project=project, number=number))


@pytest.fixture(name="ideas")
def ideas_fixture(project: Project) -> list[Idea]:
    """Three ideas: one for Hoven, two shared."""
    hoven = project.villages.get(name="Hoven")
    made = [
        Idea.objects.create(project=project, title="Byggegrunde", theme=Theme.HOUSING_SUPPLY),
        Idea.objects.create(project=project, title="Velkomstpakke", theme=Theme.MARKETING),
        Idea.objects.create(project=project, title="Fællesspisning", theme=Theme.CO_CREATION),
    ]
    made[0].villages.add(hoven)
    return made
