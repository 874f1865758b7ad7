"""The handbook's villages and housing supply: what the villages say about themselves, what they
share, and which homes the target groups look for in vain. No stakeholder (the map names people)
and no address is printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samskab.housing.match import match_table, wanted
from samskab.projects.models import Project
from samskab.villages.actions import cluster_of


@dataclass(frozen=True)
class HousingGaps:
    segment: str
    wanted: str
    offered: int  # homes on offer in the whole cluster that fit
    gaps: list[str]  # one sentence per village (or the cluster) where none fits
    share: int | None  # the segment's share of the movers (%), where known
    survey: str  # the survey's file the demand was read from ("" when set by hand)
    answered: int  # how many of the segment answered the survey's question on the home


def village_profiles(project: Project) -> list[dict[str, Any]]:
    """Return every village with its profile (None while unwritten) and place-bound assets."""
    villages = project.villages.select_related("profile").prefetch_related("profile__resources")
    return [{"village": village, "profile": getattr(village, "profile", None)}
            for village in villages]  # fmt: skip


def identity(project: Project) -> str:
    """Return the cluster's shared identity ("" while unwritten)."""
    return cluster_of(project).identity.strip()


def housing_gaps(project: Project) -> list[HousingGaps]:
    """Return per target group what it looks for, how much fits, its gaps in words, and
    where its demand comes from (the survey, with how many answered, or set by hand)."""
    return [
        HousingGaps(demand.segment, wanted(demand), cells[-1].offered,
                    [cell.gap for cell in cells if cell.gap], demand.share,
                    demand.basis.get("survey", ""), demand.basis.get("answered", 0))
        for demand, cells in match_table(project)
    ]  # fmt: skip
