"""Where the young who left now live: the most common destinations of the 18–29-year-old
out-movers per area over the fact base's last years, from the fact base's own figure, so
that events for former residents are held where most of them went. Exact for those who may
see exact figures, small-cell suppressed for everyone else."""

from __future__ import annotations

from dataclasses import dataclass

from samskab.factbase import services
from samskab.factbase.figures import Figure, build_figure
from samskab.facts.errors import AnalysisUnavailable, InputError
from samskab.projects.models import Project

YOUNG = "18-29"  # the age band of the fact base's default bands
YEARS = 6  # the last six years the fact base covers


@dataclass(frozen=True)
class Destinations:
    """The figure (None without a fact base, or when it cannot be made: `problem` says why)
    and the period it covers."""

    figure: Figure | None
    first: int = 0
    last: int = 0
    problem: str | None = None


def young_destinations(project: Project, *, exact: bool) -> Destinations:
    """Return the destinations of the project's 18–29-year-old out-movers per area."""
    dataset = services.current_dataset(project)
    if dataset is None or dataset.last_year is None:
        return Destinations(None)
    last = dataset.last_year
    first = max(dataset.first_year or last, last - YEARS + 1)
    query = services.Query(first, last, age_band=YOUNG)
    try:
        figure = build_figure("destinations", project, query, exact=exact, with_chart=False)
    except (InputError, AnalysisUnavailable) as error:
        return Destinations(None, first, last, str(error))
    return Destinations(figure, first, last)
