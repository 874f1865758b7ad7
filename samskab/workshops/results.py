"""The results board's figures: ideas ranked by summed score, means, spread, quick wins.

`rank_ideas` is a pure function of the ideas and their scores; `results_for` reads them from
the database for one project (and optionally one village, or the shared ideas only).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from django.db.models import Count, Max

from samskab.projects.models import Project
from samskab.workshops.actions import SCORE_FIELDS, workshop_settings
from samskab.workshops.models import Idea, Score

SHARED = "shared"  # the village filter's value for ideas shared by all villages


@dataclass(frozen=True)
class IdeaResult:
    rank: int
    idea: Idea
    scorers: int
    total: int  # the sum over every scorer and all three dimensions
    means: dict[str, float]  # per dimension; empty without scores
    spread: float | None  # population standard deviation of the scorers' sums
    quick_win: bool


def quick_win_threshold(scale_max: int) -> float:
    """Return the mean an idea needs on both "manageable" and "desire" to be a quick win:
    the top quarter of the scale (4 on 1–5)."""
    return 1 + 0.75 * (scale_max - 1)


def rank_ideas(
    ideas: Sequence[Idea], scores: Iterable[tuple[int, int, int, int]], *, scale_max: int
) -> list[IdeaResult]:
    """Return the ideas ranked by summed score (ties share a rank, then by mean sum, title).

    `scores` holds (idea id, difference, manageable, desire), one per scorer and idea.
    The spread is the population standard deviation of each scorer's sum of the three
    dimensions: how far the room is apart on the idea (0 when everyone agrees or one scored).
    """
    by_idea: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for idea_id, *triple in scores:
        by_idea[idea_id].append((triple[0], triple[1], triple[2]))
    threshold = quick_win_threshold(scale_max)
    unranked = [_result(idea, by_idea.get(idea.pk, []), threshold) for idea in ideas]
    unranked.sort(key=lambda r: (-r.total, -_mean_sum(r), r.idea.title.casefold()))
    ranked: list[IdeaResult] = []
    for position, result in enumerate(unranked, start=1):
        tied = ranked and ranked[-1].total == result.total
        rank = ranked[-1].rank if tied else position
        ranked.append(replace(result, rank=rank))
    return ranked


def _result(idea: Idea, triples: list[tuple[int, int, int]], threshold: float) -> IdeaResult:
    sums = [sum(triple) for triple in triples]
    means = (
        {name: statistics.fmean(t[i] for t in triples) for i, name in enumerate(SCORE_FIELDS)}
        if triples
        else {}
    )
    return IdeaResult(
        rank=0,
        idea=idea,
        scorers=len(triples),
        total=sum(sums),
        means=means,
        spread=statistics.pstdev(sums) if sums else None,
        quick_win=bool(means) and means["manageable"] >= threshold and means["desire"] >= threshold,
    )


def _mean_sum(result: IdeaResult) -> float:
    return result.total / result.scorers if result.scorers else 0.0


@dataclass(frozen=True)
class Board:
    results: list[IdeaResult]
    scorers: int  # people who have scored at least one of the ideas shown
    scale_max: int

    @property
    def quick_wins(self) -> list[IdeaResult]:
        return [r for r in self.results if r.quick_win]

    @property
    def most_disputed(self) -> list[IdeaResult]:
        """Return up to three ideas the room is furthest apart on (spread above 0)."""
        disputed = [r for r in self.results if r.spread]
        return sorted(disputed, key=lambda r: -(r.spread or 0))[:3]


def scorable_ideas(project: Project, village: str | None = None) -> list[Idea]:
    """Return the project's ideas that are not merged away, for one village id or SHARED."""
    ideas = Idea.objects.filter(project=project, merged_into=None)
    if village == SHARED:
        ideas = ideas.filter(villages=None)
    elif village:
        ideas = ideas.filter(villages=village)
    return list(ideas.prefetch_related("villages").distinct())


def results_for(project: Project, village: str | None = None) -> Board:
    ideas = scorable_ideas(project, village)
    rows = list(
        Score.objects.filter(idea__in=ideas).values_list("idea_id", "participant_id", *SCORE_FIELDS)
    )
    scale_max = workshop_settings(project).scale_max
    results = rank_ideas(ideas, [(r[0], *r[2:]) for r in rows], scale_max=scale_max)
    return Board(results=results, scorers=len({r[1] for r in rows}), scale_max=scale_max)


def change_key(project: Project) -> str:
    """Return a short key that changes whenever a score or the set of ideas changes: the
    board's poll compares it, one aggregate query, before doing any real work."""
    scores = Score.objects.filter(idea__project=project).aggregate(n=Count("pk"), at=Max("updated"))
    ideas = Idea.objects.filter(project=project, merged_into=None).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    stamp = scores["at"].timestamp() if scores["at"] else 0
    return f"{scores['n']}-{stamp:.6f}-{ideas['n']}-{ideas['last'] or 0}"
