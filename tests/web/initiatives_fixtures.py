"""Shared set-up for the initiative tests: an initiative owned by the participant, followed
by the municipal contact person, from an idea; and a frozen 'today'."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samskab.ideas.models import Idea
from samskab.initiatives.models import Initiative, Milestone
from samskab.projects.models import Project
from samskab.workshops.models import Theme

TODAY = datetime.date(2026, 3, 2)


def at(day: datetime.date) -> datetime.datetime:
    """Return noon of the day, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def make_initiative(project: Project, owner, contact, **fields) -> Initiative:
    idea = Idea.objects.create(project=project, title="Byggegrunde", theme=Theme.HOUSING_SUPPLY)
    initiative = Initiative.objects.create(
        project=project, idea=idea, title="Byggegrunde ved skolen", owner=owner,
        contact=contact, goal="Ti grunde til salg", **fields,
    )  # fmt: skip
    Initiative.objects.filter(pk=initiative.pk).update(created=at(TODAY))
    initiative.refresh_from_db()
    return initiative


@pytest.fixture(name="initiative")
def initiative_fixture(project, participant, contact) -> Initiative:
    made = make_initiative(project, participant, contact)
    Milestone.objects.create(initiative=made, title="Lokalplan", due=TODAY + datetime.timedelta(30))
    return made
