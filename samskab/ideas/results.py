"""The results board's figures: ideas ranked by the mean total per scorer, with the handbook's
sum, how many scored each idea, the spread of the sums and the disagreement per dimension.

The board is polled every two seconds by projectors, so `results_for` reads one aggregate row
per idea in a single query (never a query per idea) and `rank_ideas` turns those tallies into
the board, as a pure function.

The rule, as the board states it:
- an idea's *total per scorer* is one person's three answers added up; the board ranks by its
  mean over the people who scored the idea. When everyone scored every idea, that order (and
  every tie) is the handbook's order by sum;
- an idea is *scored by clearly fewer people* when fewer than three in four of the people who
  have scored any idea on the board scored it (`enough_scorers`): its mean rests on fewer people
  and may not be comparable (a partial paper sheet, a latecomer);
- a *spread* is a population standard deviation: of the scorers' totals, and of the answers to
  each of the three questions (a room can agree on the total and split on one question).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction

from django.db.models import Count, F, Max, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from samskab.ideas.models import DIMENSIONS, SCORE_FIELDS, Idea, Score
from samskab.projects.models import Project
from samskab.workshops.actions import workshop_settings

SHARED = "shared"  # the village filter's value for ideas shared by all villages
# The dimensions' short names, for column headings (their questions are in DIMENSIONS).
HEADINGS = {
    "difference": _("Makes a difference"),
    "manageable": _("Manageable"),
    "desire": _("Desire"),
}


@dataclass(frozen=True)
class Tally:
    """One idea's scores summed up: every figure on the board is computed from these."""

    scorers: int
    sums: tuple[int, ...]  # per dimension (SCORE_FIELDS order): the answers added up
    squares: tuple[int, ...]  # per dimension: the squared answers added up
    total_squares: int  # each scorer's total (three answers added up), squared, added up

    @property
    def total(self) -> int:
        return sum(self.sums)


NOT_SCORED = Tally(scorers=0, sums=(0, 0, 0), squares=(0, 0, 0), total_squares=0)


def pstdev(n: int, total: int, squares: int) -> float:
    """Return the population standard deviation of n values from their sum and the sum of
    their squares; exact in integers up to the square root, so 0 when all values agree."""
    return math.sqrt(n * squares - total * total) / n


@dataclass(frozen=True)
class IdeaResult:
    rank: int | None  # None while nobody has scored the idea
    idea: Idea
    scorers: int
    total: int  # the handbook's sum over every scorer and all three dimensions
    mean: float | None  # the mean total per scorer: what the board ranks by
    coverage: float | None  # share of the board's scorers who scored this idea (0–1)
    few_scorers: bool  # scored by clearly fewer people (see enough_scorers)
    means: dict[str, float]  # per dimension; empty without scores
    spreads: dict[str, float]  # per dimension: standard deviation of the answers
    spread: float | None  # standard deviation of the scorers' totals
    quick_win: bool

    @property
    def dimensions(self) -> list[tuple[str, str, float | None, float | None]]:
        """Return (field, question, mean, spread) per dimension, in the score sheet's order."""
        return [
            (name, str(label), self.means.get(name), self.spreads.get(name))
            for name, label in DIMENSIONS
        ]

    @property
    def most_split(self) -> tuple[str, float] | None:
        """Return the question the room is furthest apart on and its spread, if any."""
        if not self.spreads:
            return None
        _name, label, _mean, spread = max(self.dimensions, key=lambda d: d[3] or 0.0)
        return label, spread or 0.0


def quick_win_threshold(scale_max: int) -> float:
    """Return the mean an idea needs on both "manageable" and "desire" to be a quick win:
    the top quarter of the scale (4 on 1–5)."""
    return 1 + 0.75 * (scale_max - 1)


def enough_scorers(people: int) -> int:
    """Return how many scorers an idea needs not to be flagged: three in four of the people
    who have scored any idea on the board, rounded up (5 of 6, 3 of 4, 2 of 2)."""
    return -(-3 * people // 4)


def rank_ideas(
    ideas: list[Idea], tallies: dict[int, Tally], *, people: int, scale_max: int
) -> list[IdeaResult]:
    """Return the ideas ranked by mean total per scorer, highest first; equal means share a
    rank (the one with more scorers listed first, then by title); unscored ideas come last,
    without a rank. `people` is how many people have scored any of the ideas."""
    results = [_result(i, tallies.get(i.pk, NOT_SCORED), people, scale_max) for i in ideas]
    results.sort(key=lambda r: (-_exact_mean(r), -r.scorers, r.idea.title.casefold()))
    ranked: list[IdeaResult] = []
    for position, result in enumerate(results, start=1):
        tied = ranked and _exact_mean(ranked[-1]) == _exact_mean(result)
        rank = ranked[-1].rank if tied else position
        ranked.append(replace(result, rank=rank if result.scorers else None))
    return ranked


def _exact_mean(result: IdeaResult) -> Fraction:
    # Compared as fractions, so 57/5 and 114/10 tie exactly; unscored ideas sort last.
    return Fraction(result.total, result.scorers) if result.scorers else Fraction(-1)


def _result(idea: Idea, tally: Tally, people: int, scale_max: int) -> IdeaResult:
    n = tally.scorers
    per_dimension = list(zip(SCORE_FIELDS, tally.sums, tally.squares, strict=True)) if n else []
    means = {f: s / n for f, s, _q in per_dimension}
    spreads = {f: pstdev(n, s, q) for f, s, q in per_dimension}
    threshold = quick_win_threshold(scale_max)
    return IdeaResult(
        rank=None,
        idea=idea,
        scorers=n,
        total=tally.total,
        mean=tally.total / n if n else None,
        coverage=n / people if people else None,
        few_scorers=n < enough_scorers(people),
        means=means,
        spreads=spreads,
        spread=pstdev(n, tally.total, tally.total_squares) if n else None,
        quick_win=bool(n) and min(means["manageable"], means["desire"]) >= threshold,
    )


@dataclass(frozen=True)
class Board:
    results: list[IdeaResult]
    scorers: int  # people who have scored at least one of the ideas shown
    scale_max: int

    @property
    def enough_scorers(self) -> int:
        return enough_scorers(self.scorers)

    @property
    def quick_wins(self) -> list[IdeaResult]:
        return [r for r in self.results if r.quick_win]

    @property
    def few_scorers(self) -> list[IdeaResult]:
        return [r for r in self.results if r.few_scorers]

    @property
    def most_disputed(self) -> list[IdeaResult]:
        """Return up to three ideas the room is furthest apart on: by the largest spread on
        one question, then by the spread of the totals (only ideas with some disagreement)."""
        disputed = [r for r in self.results if _disagreement(r) > (0.0, 0.0)]
        return sorted(disputed, key=_disagreement, reverse=True)[:3]


def _disagreement(result: IdeaResult) -> tuple[float, float]:
    split = result.most_split
    return (split[1] if split else 0.0, result.spread or 0.0)


def shown_ideas(project: Project, village: str | None = None) -> QuerySet[Idea]:
    """Return the project's ideas in play (not merged away, not withdrawn), for one village
    id or SHARED."""
    ideas = Idea.objects.filter(project=project).in_play()
    if village == SHARED:
        return ideas.filter(villages=None)
    if village:
        return ideas.filter(villages=village)
    return ideas


def scorable_ideas(project: Project, village: str | None = None) -> list[Idea]:
    """Return the ideas of `shown_ideas`, with their villages."""
    return list(shown_ideas(project, village).prefetch_related("villages"))


def _tallies(ideas: QuerySet[Idea]) -> dict[int, Tally]:
    """Return every scored idea's tally: one aggregate query, grouped by idea."""
    total = F("difference") + F("manageable") + F("desire")  # at most 30: no overflow
    sums = {f"{f}_sum": Sum(f) for f in SCORE_FIELDS}
    squares = {f"{f}_sq": Sum(F(f) * F(f)) for f in SCORE_FIELDS}
    rows = (
        Score.objects.filter(idea__in=ideas.values("pk"))
        .values("idea_id")
        .annotate(n=Count("pk"), **sums, **squares, total_sq=Sum(total * total))
        .order_by()
    )
    return {
        row["idea_id"]: Tally(
            scorers=row["n"],
            sums=tuple(row[f"{f}_sum"] for f in SCORE_FIELDS),
            squares=tuple(row[f"{f}_sq"] for f in SCORE_FIELDS),
            total_squares=row["total_sq"],
        )
        for row in rows
    }


def results_for(project: Project, village: str | None = None) -> Board:
    """Return the board for the project (and optionally one village id, or SHARED): a fixed
    number of queries however many ideas and scores there are."""
    ideas = shown_ideas(project, village)
    people = Score.objects.filter(idea__in=ideas.values("pk")).aggregate(
        n=Count("participant", distinct=True)
    )["n"]
    scale_max = workshop_settings(project).scale_max
    listed = scorable_ideas(project, village)
    results = rank_ideas(listed, _tallies(ideas), people=people, scale_max=scale_max)
    return Board(results=results, scorers=people, scale_max=scale_max)


def change_key(project: Project) -> str:
    """Return a short key that changes whenever a score or the set of ideas changes: the
    board's poll compares it, one aggregate query, before doing any real work."""
    scores = Score.objects.filter(idea__project=project).aggregate(n=Count("pk"), at=Max("updated"))
    ideas = Idea.objects.filter(project=project).in_play().aggregate(n=Count("pk"), last=Max("pk"))
    stamp = scores["at"].timestamp() if scores["at"] else 0
    return f"{scores['n']}-{stamp:.6f}-{ideas['n']}-{ideas['last'] or 0}"
