"""The handbook's lessons: one text per theme by the facilitator, with the theme's attention
points from the workshops' checklists as prompts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from samskab.handbook.models import Lesson
from samskab.projects.models import Project
from samskab.workshops.attention import POINTS
from samskab.workshops.models import Theme


@dataclass(frozen=True)
class ThemeLesson:
    theme: str
    label: Promise | str
    prompts: list[Promise]  # the theme's attention points, W1 to W4
    text: str  # "" while nothing has been written


def prompts(theme: str) -> list[Promise]:
    """Return the attention points of one theme, in the workshops' order."""
    return [point.text for number in sorted(POINTS) for point in POINTS[number]
            if point.theme == theme]  # fmt: skip


def lessons(project: Project) -> list[ThemeLesson]:
    """Return the five themes with their prompts and what the facilitator wrote."""
    written = dict(Lesson.objects.filter(project=project).values_list("theme", "text"))
    return [
        ThemeLesson(theme, label, prompts(theme), written.get(theme, "").strip())
        for theme, label in Theme.choices
    ]
