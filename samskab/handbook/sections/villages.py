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


def village_profiles(project: Project) -> list[dict[str, Any]]:
    """Return every village with its profile (None while unwritten) and place-bound assets."""
    villages = project.villages.select_related("profile").prefetch_related("profile__resources")
    return [{"village": village, "profile": getattr(village, "profile", None)}
            for village in villages]  # fmt: skip


def identity(project: Project) -> str:
    """Return the cluster's shared identity ("" while unwritten)."""
    return cluster_of(project).identity.strip()


def housing_gaps(project: Project) -> list[HousingGaps]:
    """Return per target group what it looks for, how much fits, and its gaps in words."""
    return [
        HousingGaps(demand.segment, wanted(demand), cells[-1].offered,
                    [cell.gap for cell in cells if cell.gap])
        for demand, cells in match_table(project)
    ]  # fmt: skip
