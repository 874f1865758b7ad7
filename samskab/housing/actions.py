"""The changes to the housing register, the demand (by hand or from the survey), the notes,
and a gap made an idea."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from samskab.housing.models import Demand, Dwelling, Home, Note
from samskab.housing.survey_demand import Questions, SegmentDemand, demand_per_segment
from samskab.ideas.actions import do_add_idea
from samskab.ideas.models import Idea
from samskab.projects.models import Project, Village
from samskab.segmentation.models import Fit
from samskab.segmentation.services import answers_and_segments
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
    """Save a demand set by hand (what the survey said of it no longer holds)."""
    demand.basis = {}
    demand.save()
    return demand


@transaction.atomic
def do_demand_from_survey(
    fit: Fit, questions: Questions, *, segments: Collection[int], below: int
) -> list[SegmentDemand]:
    """Set the demand of the chosen `segments` (1…K) of the project's segmentation from the
    survey's answers, replacing what they had; return every segment's demand or why it has none
    (the segments not chosen are left as they were)."""
    project = fit.survey.project
    answers, assigned = answers_and_segments(fit)
    found = demand_per_segment(answers.answers, assigned, questions, below=below)
    for item in found:
        if item.skipped or item.segment not in segments:
            continue
        name = fit.name(item.segment) or f"Segment {item.segment}"
        demand = project.housing_demands.filter(segment__iexact=name).first()
        demand = demand or Demand(project=project, segment=name)
        demand.kinds = list(item.kinds)
        demand.min_rooms, demand.max_price, demand.share = (
            item.min_rooms,
            item.max_price,
            item.share,
        )
        demand.basis = {
            "survey": fit.survey.original_name, "respondents": item.respondents,
            "answered": item.answered, "kinds": item.kinds,
        }  # fmt: skip
        demand.save()
    return found


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
