"""The charts of "where people really go": the map of Denmark's municipalities coloured by a
place's moves, or, without outlines, bars of the largest destinations or origins; for a parish,
the map of the project's parishes coloured by its moves with each of them.

Hidden figures are never drawn: a municipality whose figure is hidden is grey like one with no
moves, and only shown figures are labelled or ranked.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _
from shapely.geometry import shape as geometry_of

from samskab.factbase.charts import DIVERGING, WIDTH
from samskab.facts import where as facts_where

NO_FIGURE = "#e0e0e0"
HOME = "#ffd84d"


def legend_title(direction: str) -> str:
    """Return what the colour (or bar) stands for in this direction."""
    return {
        "net": _("Net moves (in − out)"),
        "out": _("Moved out to"),
        "in": _("Moved in from"),
    }[direction]


def denmark_map(
    outlines: dict[str, Any], cells: pd.DataFrame, direction: str, *, labelled: int = 5
) -> dict[str, Any]:
    """Return Denmark's municipalities coloured by the place's figure in `direction` (net on a
    diverging scale, gross on a sequential one), the place's own municipality in yellow, and
    the `labelled` largest shown figures named on the map, as a Vega-Lite spec. (Written as a
    dict, not with Altair: validating a hundred outlines took longer than drawing them.)"""
    column = facts_where.COLUMN_OF_DIRECTION[direction]
    shown = cells[~cells[f"{column}_hidden"] & (cells["kind"] == "municipality")]
    value = {int(c): int(v) for c, v in zip(shown["code"], shown[column], strict=True) if v}
    homes = set(cells.loc[cells["kind"] == "home", "code"].astype(int))
    features = []
    for feature in outlines["features"]:
        code = int(feature["properties"]["code"])
        props = {**feature["properties"], "value": value.get(code), "home": code in homes}
        features.append({**feature, "properties": props})
    scale = {**DIVERGING} if direction == "net" else {"scheme": "blues"}
    shape = {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.5}
    outline = {"data": {"name": "municipalities"}}
    # Every municipality grey, then those with a shown figure in its colour, then the place's own.
    layers: list[dict[str, Any]] = [
        {**outline, "mark": {**shape, "fill": NO_FIGURE}},
        {**outline, "transform": [{"filter": "datum.properties.value !== null"}], "mark": shape,
         "encoding": {"color": {
             "field": "properties.value", "type": "quantitative", "title": legend_title(direction),
             "scale": scale, "legend": {"orient": "bottom", "gradientLength": 320}}}},
        {**outline, "transform": [{"filter": "datum.properties.home"}],
         "mark": {**shape, "fill": HOME, "stroke": "#1a1a1a", "strokeWidth": 1}},
    ]  # fmt: skip
    labels = _labels(outlines, facts_where.top(cells, column, labelled), column)
    if not labels.empty:
        text = {"type": "text", "fontSize": 13, "fontWeight": "bold", "dy": -2}
        where = {"longitude": {"field": "lon", "type": "quantitative"},
                 "latitude": {"field": "lat", "type": "quantitative"},
                 "text": {"field": "text", "type": "nominal"}}  # fmt: skip
        values = {"values": labels.to_dict(orient="records")}
        layers.append(
            {
                "data": values,
                "encoding": where,
                "mark": {**text, "stroke": "#ffffff", "strokeWidth": 4, "aria": False},
            }
        )
        layers.append({"data": values, "encoding": where, "mark": {**text, "color": "#1a1a1a"}})
    return {
        "datasets": {"municipalities": features},
        "projection": {"type": "mercator"},
        "width": WIDTH,
        "height": 560,
        "layer": layers,
    }


def _labels(outlines: dict[str, Any], top: pd.DataFrame, column: str) -> pd.DataFrame:
    """Return a label point and text (name and figure) for each of the top municipalities."""
    points = {
        int(f["properties"]["code"]): (f["properties"]["lon"], f["properties"]["lat"])
        for f in outlines["features"]
    }
    rows = [
        {"lon": points[int(code)][0], "lat": points[int(code)][1], "text": f"{name} {value:+d}"
         if column == "net" else f"{name} {value}"}
        for code, name, value in zip(top["code"], top["place"], top[column], strict=True)
        if int(code) in points
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["lon", "lat", "text"])


def top_bars(cells: pd.DataFrame, direction: str, *, n: int = 10) -> alt.Chart | None:
    """Return bars of the n municipalities with the largest shown figures, or None."""
    column = facts_where.COLUMN_OF_DIRECTION[direction]
    top = facts_where.top(cells, column, n)
    if top.empty:
        return None
    data = pd.DataFrame({"place": top["place"], "value": top[column].astype(int)})
    return (
        alt.Chart(data)
        .mark_bar(color="#0059b3")
        .encode(
            y=alt.Y("place:N", sort=list(data["place"]), title=None),
            x=alt.X("value:Q", title=legend_title(direction)),
        )
        .properties(width=WIDTH - 160, height=alt.Step(26))
    )


def parish_map(
    shapes: dict[str, Any],
    by_parish: pd.DataFrame,
    parish: int,
    direction: str,
    names: dict[int, str],
    *,
    labelled: int = 5,
) -> dict[str, Any] | None:
    """Return the project's parishes coloured by the chosen parish's figure in `direction` with
    each of them (exact figures), the chosen parish in yellow and named, the `labelled` largest
    figures named too, as a Vega-Lite spec; None when no parish of the file has a figure."""
    column = facts_where.COLUMN_OF_DIRECTION[direction]
    known = by_parish[by_parish["parish"].notna()]
    value = {int(p): int(v) for p, v in zip(known["parish"], known[column], strict=True) if v}
    codes = {int(f["properties"]["parish"]) for f in shapes["features"]}
    if parish not in codes and not value.keys() & codes:
        return None
    features = []
    for feature in shapes["features"]:
        code = int(feature["properties"]["parish"])
        props = {**feature["properties"], "value": value.get(code), "chosen": code == parish}
        features.append({**feature, "properties": props})
    scale = {**DIVERGING} if direction == "net" else {"scheme": "blues"}
    shape = {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.8}
    data = {"data": {"name": "parishes"}}
    layers: list[dict[str, Any]] = [
        {**data, "mark": {**shape, "fill": NO_FIGURE}},
        {**data, "transform": [{"filter": "datum.properties.value !== null"}], "mark": shape,
         "encoding": {"color": {
             "field": "properties.value", "type": "quantitative", "title": legend_title(direction),
             "scale": scale, "legend": {"orient": "bottom", "gradientLength": 320}}}},
        {**data, "transform": [{"filter": "datum.properties.chosen"}],
         "mark": {**shape, "fill": HOME, "stroke": "#1a1a1a", "strokeWidth": 1.5}},
    ]  # fmt: skip
    labels = _parish_labels(features, parish, value, names, column, labelled)
    if labels:
        text = {"type": "text", "fontSize": 13, "fontWeight": "bold"}
        where = {"longitude": {"field": "lon", "type": "quantitative"},
                 "latitude": {"field": "lat", "type": "quantitative"},
                 "text": {"field": "text", "type": "nominal"}}  # fmt: skip
        values = {"values": labels}
        halo = {**text, "stroke": "#ffffff", "strokeWidth": 4, "aria": False}
        layers.append({"data": values, "encoding": where, "mark": halo})
        layers.append({"data": values, "encoding": where, "mark": {**text, "color": "#1a1a1a"}})
    return {
        "datasets": {"parishes": features},
        "projection": {"type": "mercator"},
        "width": WIDTH,
        "height": 520,
        "layer": layers,
    }


def _parish_labels(
    features: list[dict[str, Any]],
    parish: int,
    value: dict[int, int],
    names: dict[int, str],
    column: str,
    labelled: int,
) -> list[dict[str, Any]]:
    """Return a label point and text for the chosen parish and the largest figures."""
    largest = sorted(value, key=lambda code: (-abs(value[code]), code))[:labelled]
    rows = []
    for feature in features:
        code = int(feature["properties"]["parish"])
        if code != parish and code not in largest:
            continue
        point = geometry_of(feature["geometry"]).buffer(0).representative_point()
        name = names.get(code) or f"{code:04d}"
        figure = value.get(code)
        if figure is not None and code != parish:
            name = f"{name} {figure:+d}" if column == "net" else f"{name} {figure}"
        rows.append({"lon": round(point.x, 5), "lat": round(point.y, 5), "text": name})
    return rows
