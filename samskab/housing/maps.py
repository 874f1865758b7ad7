"""The gaps on a map: each village's parish coloured by how many target groups find nothing on
offer there (Vega-Lite rendered to SVG on the server; the match table is its text form)."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samskab.factbase import charts, services
from samskab.factbase.actions import SHAPES_FILE
from samskab.housing.match import Cell
from samskab.housing.models import Demand
from samskab.projects.models import Project


def gap_map(project: Project, table: list[tuple[Demand, list[Cell]]]) -> SafeString | None:
    """Return the map, or None when there is no demand, no boundary file or no village with a
    parish on it."""
    dataset = services.current_dataset(project)
    if not table or dataset is None or not (dataset.folder / SHAPES_FILE).exists():
        return None
    gaps = _gaps_per_parish(table)
    shapes = json.loads((dataset.folder / SHAPES_FILE).read_text(encoding="utf-8"))
    features = [_with_gaps(feature, gaps) for feature in shapes["features"]]
    if not any(feature["properties"]["gaps"] is not None for feature in features):
        return None
    return charts.render(_chart(features, len(table)), title=_("Gaps per village on a map"))


def _gaps_per_parish(table: list[tuple[Demand, list[Cell]]]) -> dict[int, int]:
    """Return per parish with a village how many target groups find nothing there (of two
    villages in one parish, the one with more gaps)."""
    per_village: dict[tuple[int, int], int] = {}
    for _demand, cells in table:
        for cell in cells:
            if cell.village is not None and cell.village.parish.isdigit():
                key = (int(cell.village.parish), cell.village.pk)
                per_village[key] = per_village.get(key, 0) + (1 if cell.gap else 0)
    gaps: dict[int, int] = {}
    for (parish, _village), count in per_village.items():
        gaps[parish] = max(gaps.get(parish, 0), count)
    return gaps


def _with_gaps(feature: dict[str, Any], gaps: dict[int, int]) -> dict[str, Any]:
    properties = {**feature["properties"], "gaps": gaps.get(int(feature["properties"]["parish"]))}
    return {**feature, "properties": properties}


def _chart(features: list[dict[str, Any]], groups: int) -> alt.Chart:
    fill = alt.Color(
        "properties.gaps:O", title=_("Target groups finding nothing on offer"),
        scale=alt.Scale(domain=list(range(groups + 1)), scheme="yelloworangered"),
        legend=alt.Legend(orient="bottom", direction="horizontal"),
    )  # fmt: skip
    return (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.8)
        .encode(color=alt.condition("datum.properties.gaps === null", alt.value("#cccccc"), fill))
        .project("mercator")
        .properties(width=charts.WIDTH, height=420)
    )
