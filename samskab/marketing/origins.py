"""Where in-movers come from: the municipalities that send the most in-movers to each area,
from the fact base (suppressed for everyone but the facilitator), to aim a campaign at."""

from __future__ import annotations

from typing import Any

from samskab.factbase import services
from samskab.factbase.services import NoFacts, Query
from samskab.facts.errors import AnalysisUnavailable, InputError
from samskab.projects.models import Project

PERIOD_YEARS = 6
PER_AREA = 3


def top_origins(project: Project, *, exact: bool) -> list[dict[str, Any]] | None:
    """Return per area its PER_AREA largest origin municipalities of the latest years (area,
    origin, moves), or None when the project has no fact base it can answer from."""
    dataset = services.current_dataset(project)
    if dataset is None:
        return None
    last = dataset.last_year or 0
    first = max(dataset.first_year or 0, last - PERIOD_YEARS + 1)
    try:
        table = services.top_places_table(project, Query(first, last), "in", exact=exact)
    except (NoFacts, InputError, AnalysisUnavailable):
        return None
    table = table[table["origin_kind"] == "municipality"]
    rows = [{"area": r["area"], "origin": r["origin"], "moves": r["moves"]}
            for r in table.to_dict("records")]  # fmt: skip
    kept: dict[str, int] = {}
    result = []
    for row in rows:
        kept[row["area"]] = kept.get(row["area"], 0) + 1
        if kept[row["area"]] <= PER_AREA:
            result.append(row)
    return result
