"""The changes to the housing register, the demand, the notes, and a gap made an idea."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from samskab.housing.models import Demand, Dwelling, Home, Note
from samskab.ideas.actions import do_add_idea
from samskab.ideas.models import Idea
from samskab.projects.models import Project, Village
from samskab.workshops.models import Theme


def do_save_home(home: Home) -> Home:
    """Add a home or plot to the register, or save its changes."""
    home.save()
    return home


def do_remove_home(home: Home) -> None:
    home.delete()


@transaction.atomic
def do_import_homes(project: Project, homes: Sequence[Home], *, replace: bool) -> int:
    """Store every home read from a file (all of them or, on any error, none); with `replace`,
    the register is the file's afterwards. Return how many were stored."""
    if replace:
        Home.objects.filter(village__project=project).delete()
    Home.objects.bulk_create(homes)
    return len(homes)


def do_save_demand(demand: Demand) -> Demand:
    demand.save()
    return demand


def do_remove_demand(demand: Demand) -> None:
    demand.delete()


def do_add_note(project: Project, note: Note, *, author: AbstractBaseUser) -> Note:
    note.project, note.author = project, author  # type: ignore[assignment]
    note.save()
    return note


def do_gap_to_idea(
    demand: Demand, village: Village | None, gap: str, *, author: AbstractBaseUser
) -> Idea:
    """Make the gap an idea on housing supply for the segment (and the village, if one)."""
    idea = Idea(title=gap[:200], description=gap, theme=Theme.HOUSING_SUPPLY,
                target_segment=demand.segment)  # fmt: skip
    return do_add_idea(demand.project, idea, author=author, villages=[village] if village else [])


@transaction.atomic
def do_import_dwellings(project: Project, dwellings: list[Dwelling]) -> int:
    """Replace the project's extract of the building register with `dwellings`; return how
    many were stored."""
    Dwelling.objects.filter(village__project=project).delete()
    Dwelling.objects.bulk_create(dwellings)
    return len(dwellings)
