"""Charts of the fact base: Vega-Lite specs built with Altair, rendered on the server to SVG.

Each chart function takes the table a page shows (possibly suppressed: "<5" and ".." cells are
left out of the chart, never drawn as a guess) and returns an Altair chart; `render` turns it
into inline SVG with a title for screen readers. vl-convert renders offline, and the spec
references no URL (the "$schema" link is dropped).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

import altair as alt
import pandas as pd
import vl_convert
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskab.factbase.labels import place_label

WIDTH = 640
# Text is measured when the SVG is made and drawn by the browser: a font with Arial's metrics
# (Liberation Sans on Linux) keeps labels from overlapping wherever the page is opened.
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
CONFIG: dict[str, Any] = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": "#1a1a1a"},
    "legend": {"labelFontSize": 13, "titleFontSize": 13, "labelLimit": 260, "titleLimit": 400},
    "range": {"category": ["#0059b3", "#e07b00", "#358000", "#b51d09", "#6b3fa0",
                           "#00807f", "#8c564b", "#595959"]},
}  # fmt: skip
DIVERGING = {"scheme": "redblue", "domainMid": 0}


def render(chart: alt.TopLevelMixin, *, title: str) -> SafeString:
    """Return the chart as inline SVG markup labelled with `title` (role="img")."""
    spec = chart.to_dict()
    spec.pop("$schema", None)
    spec["config"] = {**CONFIG, **spec.get("config", {})}
    locale = "da-DK" if (get_language() or "da").startswith("da") else "en-US"
    svg = vl_convert.vegalite_to_svg(spec, format_locale=locale)
    svg = _gradients_in_user_space(svg)
    label = escape(title)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)
    head_end = svg.index(">") + 1
    return mark_safe(f"{svg[:head_end]}<title>{label}</title>{svg[head_end:]}")


_GRADIENT = re.compile(
    r'<linearGradient id="(gradient_\d+)" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)" y2="([\d.]+)">'
)
_FILLED_BOX = r'<path d="M0,0h([\d.]+)v([\d.]+)h-[\d.]+Z" fill="url\(#{}\)"'


def _gradients_in_user_space(svg: str) -> str:
    """Return the SVG with each colour-bar gradient given an id of its own and coordinates in
    the user space of the box it fills. A legend's gradient as Vega writes it (relative to the
    box) prints as an empty bar in PDF (WeasyPrint), and its id ("gradient_0") is the same in
    every chart, so that a page with two maps would show the first map's colours twice."""
    unique = hashlib.sha1(svg.encode()).hexdigest()[:8]

    def rewrite(match: re.Match[str]) -> str:
        name, x1, x2, y1, y2 = match.groups()
        box = re.search(_FILLED_BOX.format(name), svg)
        new = f"{name}_{unique}"
        if box is None:
            return match[0].replace(f'id="{name}"', f'id="{new}"')
        width, height = float(box[1]), float(box[2])
        return (f'<linearGradient id="{new}" gradientUnits="userSpaceOnUse" '
                f'x1="{float(x1) * width:g}" x2="{float(x2) * width:g}" '
                f'y1="{float(y1) * height:g}" y2="{float(y2) * height:g}">')  # fmt: skip

    names = _GRADIENT.findall(svg)
    svg = _GRADIENT.sub(rewrite, svg)
    for name, *_coordinates in names:
        svg = svg.replace(f"url(#{name})", f"url(#{name}_{unique})")
    return svg


def numeric(values: pd.Series) -> pd.Series:
    """Return the values as numbers; suppressed cells ("<5", "..") become NaN."""
    return pd.to_numeric(values, errors="coerce")


def net_migration_chart(table: pd.DataFrame) -> alt.Chart:
    """Return diverging stacked bars of internal and external net migration per area."""
    parts = {"net_internal": _("Within the municipality"), "net_external": _("Other places")}
    rows = [
        {"area": row["area"], "part": label, "value": value}
        for _index, row in table.iterrows()
        for column, label in parts.items()
        if pd.notna(value := numeric(pd.Series([row[column]]))[0])
    ]
    return (
        alt.Chart(pd.DataFrame(rows, columns=["area", "part", "value"]))
        .mark_bar()
        .encode(
            y=alt.Y("area:N", sort=list(table["area"]), title=None),
            x=alt.X("sum(value):Q", title=_("Net migration (persons)")),
            color=alt.Color(
                "part:N", sort=list(parts.values()), title=_("Net migration with"),
                legend=alt.Legend(orient="bottom"),
            ),
        )
        .properties(width=WIDTH, height=alt.Step(28))
    )  # fmt: skip


def symmetric_domain(values: Iterable[Any]) -> list[float]:
    """Return a colour domain centred on zero, as far out on both sides as the largest figure
    (at least 1): a diverging scale then gives a loss and a gain of the same size the same
    depth of colour, and a map whose figures are all losses still runs from red to white."""
    shown = [abs(float(v)) for v in values if isinstance(v, int | float) and pd.notna(v)]
    reach = max([1.0, *shown])
    return [-reach, reach]


def map_chart(shapes: dict[str, Any]) -> alt.LayerChart:
    """Return the parishes coloured by their area's net migration (% of base population),
    with the area names and figures on top; grey where a figure is suppressed."""
    features = shapes["shapes"]["features"]
    fill = alt.Color(
        "properties.pct:Q",
        title=_("Net migration, % of the population"),
        scale=alt.Scale(
            **DIVERGING, domain=symmetric_domain(f["properties"]["pct"] for f in features)
        ),
        legend=alt.Legend(orient="bottom", gradientLength=320),
    )
    # invalid=None: a parish whose figure is suppressed (null) is drawn grey, not left out.
    parishes = (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.8, invalid=None)
        .encode(color=alt.condition("datum.properties.pct === null", alt.value("#cccccc"), fill))
    )
    labels = pd.DataFrame(shapes["labels"], columns=["area", "longitude", "latitude", "pct"])
    labels["text"] = [_map_label(row.area, row.pct) for row in labels.itertuples()]
    text = {"fontSize": 14, "fontWeight": "bold", "lineBreak": "\n"}
    where = {"longitude": "longitude:Q", "latitude": "latitude:Q", "text": "text:N"}
    # A white outline under the black text keeps the names readable on dark and light fills.
    halo = alt.Chart(labels).mark_text(**text, stroke="#ffffff", strokeWidth=4).encode(**where)
    names = alt.Chart(labels).mark_text(**text, color="#1a1a1a").encode(**where)
    chart = alt.layer(parishes, halo, names).project("mercator")
    return chart.properties(width=WIDTH, height=520)


def flow_map_chart(shapes: dict[str, Any], table: pd.DataFrame) -> alt.LayerChart | None:
    """Return the net moves between each pair of areas as wedges on the map: each starts thin
    at the area that lost people and widens towards the one that gained them, as wide as the
    net number; pairs with a suppressed count are left out."""
    points = {p["area"]: (p["longitude"], p["latitude"]) for p in shapes["labels"]}
    pairs = _net_pairs(table, points)
    if pairs.empty:
        return None
    # The grey parishes are background only: hidden from screen readers (aria=False).
    outline = alt.Chart(alt.Data(values=shapes["shapes"]["features"])).mark_geoshape(
        fill="#e6e6e6", stroke="#ffffff", strokeWidth=0.8, aria=False
    )
    ends = pd.concat(
        [
            pairs.assign(lon=pairs["lon"], lat=pairs["lat"], end=0, width=0),
            pairs.assign(lon=pairs["lon2"], lat=pairs["lat2"], end=1, width=pairs["net"]),
        ]
    )[["pair", "lon", "lat", "end", "width", "net"]]
    wedges = (
        alt.Chart(ends)
        .mark_trail(color="#0059b3", opacity=0.7)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            detail="pair:N",
            order="end:Q",
            size=alt.Size(
                "width:Q", title=_("Net moves"), scale=alt.Scale(range=[0, 22]),
                legend=alt.Legend(orient="bottom"),
            ),
        )
    )  # fmt: skip
    return (
        alt.layer(outline, wedges, *_area_names(points))
        .project("mercator")
        .properties(width=WIDTH, height=520)
    )


def _area_names(points: dict[str, tuple[float, float]]) -> list[alt.Chart]:
    """Return the layers that write the area names, black on a white outline."""
    labels = pd.DataFrame([{"area": a, "lon": x, "lat": y} for a, (x, y) in points.items()])
    text = {"fontSize": 13, "fontWeight": "bold"}
    where = {"longitude": "lon:Q", "latitude": "lat:Q", "text": "area:N"}
    halo = alt.Chart(labels).mark_text(**text, stroke="#ffffff", strokeWidth=4).encode(**where)
    names = alt.Chart(labels).mark_text(**text, color="#1a1a1a").encode(**where)
    return [halo, names]


def _net_pairs(table: pd.DataFrame, points: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Return a row per pair of areas with a net flow: lon/lat of the losing area, lon2/lat2 of
    the gaining one, and net."""
    moves = {
        (row.origin, row.destination): row.moves
        for row in table.itertuples()
        if isinstance(row.moves, int | float) and not isinstance(row.moves, bool)
    }
    listed = set(zip(table["origin"], table["destination"], strict=True))
    rows = []
    for (a, b), there in moves.items():
        # A pair absent from the table had no moves back; one listed but suppressed is unknown.
        back = moves.get((b, a)) if (b, a) in listed else 0
        if back is None or a not in points or b not in points or there - back <= 0:
            continue
        rows.append(
            {
                "lon": points[a][0],
                "lat": points[a][1],
                "lon2": points[b][0],
                "lat2": points[b][1],
                "net": there - back,
                "pair": f"{a} → {b}",
            }
        )
    return pd.DataFrame(rows, columns=["lon", "lat", "lon2", "lat2", "net", "pair"])


def _map_label(area: str, pct: Any) -> str:
    if isinstance(pct, int | float) and pd.notna(pct):
        number = f"{pct:+.1f}".replace(".", "," if _danish() else ".")
        return f"{area}\n{number} %"
    return area


def _danish() -> bool:
    return (get_language() or "da").startswith("da")


def flows_chart(table: pd.DataFrame) -> alt.Chart:
    """Return horizontal bars of the largest flows, "origin → destination"."""
    frame = pd.DataFrame(
        {
            "flow": [
                f"{place_label(a)} → {place_label(b)}"
                for a, b in zip(table["origin"], table["destination"], strict=True)
            ],
            "moves": numeric(table["moves"]),
        }
    ).dropna()
    return (
        alt.Chart(frame)
        .mark_bar(color="#0059b3")
        .encode(
            y=alt.Y("flow:N", sort=list(frame["flow"]), title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("moves:Q", title=_("Moves in the period")),
        )
        .properties(width=WIDTH - 200, height=alt.Step(24))
    )


def population_chart(table: pd.DataFrame) -> alt.Chart:
    """Return a line per area of residents on 1 January."""
    areas = [c for c in table.columns if c != "year"]
    long = table.melt(id_vars="year", value_vars=areas, var_name="area", value_name="population")
    return (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=_("Year (1 January)"), axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("population:Q", title=_("Residents")),
            color=alt.Color("area:N", sort=areas, title=_("Area")),
        )
        .properties(width=WIDTH, height=320)
    )


def retention_chart(table: pd.DataFrame) -> alt.Chart:
    """Return a line per area: % of newcomers still in the municipality 1, 2, 3, 5 years on."""
    frame = table.assign(
        share=numeric(table["share_stayed"]), place=[place_label(a) for a in table["area"]]
    ).dropna(subset=["share"])
    order = list(dict.fromkeys(frame["place"]))
    return (
        alt.Chart(frame[["place", "years_after", "share"]])
        .mark_line(point=True)
        .encode(
            x=alt.X("years_after:O", title=_("Years after moving in"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("share:Q", title=_("Still living in the municipality (%)"),
                    scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("place:N", sort=order, title=_("Area")),
        )
        .properties(width=WIDTH - 160, height=320)
    )  # fmt: skip


def return_chart(table: pd.DataFrame) -> alt.Chart:
    """Return bars per year: the share of in-movers who had lived in the municipality before."""
    frame = pd.DataFrame(
        {"year": table["year"], "share": numeric(table["share_returners"])}
    ).dropna()
    return (
        alt.Chart(frame)
        .mark_bar(color="#358000")
        .encode(
            x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("share:Q", title=_("Returners, % of in-movers")),
        )
        .properties(width=WIDTH - 120, height=280)
    )


def statbank_chart(per_year: pd.DataFrame) -> alt.Chart:
    """Return per year the municipality's moves in from and out to the other municipalities,
    and the net, as bars side by side (StatBank FLY66)."""
    parts = {"moves_in": _("Moves in"), "moves_out": _("Moves out"), "net": _("Net")}
    long = per_year.melt(
        id_vars="year", value_vars=list(parts), var_name="part", value_name="moves"
    )
    long["part"] = long["part"].map(parts)
    order = list(parts.values())
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("part:N", sort=order),
            y=alt.Y("moves:Q", title=_("Moves"), axis=alt.Axis(format=",d")),
            color=alt.Color("part:N", sort=order, title=None, legend=alt.Legend(orient="bottom")),
        )
        .properties(width=WIDTH - 120, height=300)
    )
