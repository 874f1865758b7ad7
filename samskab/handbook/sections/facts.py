"""The handbook's fact base: the fact-base pages' own figures, suppressed as for any member
who may not see exact figures, for the default period of the pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language

from samskab.factbase import services
from samskab.factbase.figures import Figure, build_figure
from samskab.factbase.services import Query
from samskab.facts.errors import AnalysisUnavailable, InputError
from samskab.projects.models import Project

# The figures, in the order the handbook tells them; those that follow persons last.
MIGRATION = ("net-migration", "trends-areas", "map")
FLOWS = ("largest-flows", "flow-map", "where")
PERSONS = ("retention", "return-migration")


@dataclass
class FactBase:
    """The fact-base part of the handbook; `figures` is empty when the project has no data."""

    query: Query | None = None
    figures: list[Figure] = field(default_factory=list)
    follows_persons: bool = False
    problem: str = ""


def fact_base(project: Project, *, with_charts: bool = True) -> FactBase:
    """Return the published figures of the project's current dataset (none without one)."""
    dataset = services.current_dataset(project)
    if dataset is None:
        return FactBase()
    query = Query(*services.default_period(dataset))
    persons = services.follows_persons(project)
    slugs = MIGRATION + FLOWS + (PERSONS if persons else ())
    try:
        figures = [
            build_figure(slug, project, query, exact=False, with_chart=with_charts)
            for slug in slugs
        ]
    except (InputError, AnalysisUnavailable) as error:
        problem = error.text(get_language() or "en")
        return FactBase(query=query, follows_persons=persons, problem=problem)
    return FactBase(query=query, figures=figures, follows_persons=persons)
