"""The fictional municipality of the demo data: its areas, parishes and parish boundaries.

The places are the same for every seed, so that two demo data sets differ only in their moves.
Names and parish codes are invented; the municipality borrows code 760 and a west-coast setting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPoint, Point, Polygon, mapping
from shapely.geometry.polygon import orient

MUNICIPALITY = 760
FIRST_PARISH_CODE = 9901

# A fixed seed for the places alone: the seed a user passes changes the moves, not the map.
_PLACES_SEED = 7600

# Local plane for the geometry: degrees of longitude shrink by cos(latitude) at 56°N, so Voronoi
# cells drawn in raw lon/lat would be stretched east-west.
_LON0, _LAT0 = 8.45, 56.0
_X_SCALE = math.cos(math.radians(_LAT0))

# A plausible outline on the west coast around 56.0°N 8.3°E, about 1,500 km² (lon, lat).
_OUTLINE: tuple[tuple[float, float], ...] = (
    (8.13, 55.84), (8.12, 55.97), (8.14, 56.09), (8.17, 56.18), (8.30, 56.21),
    (8.45, 56.19), (8.60, 56.21), (8.74, 56.17), (8.85, 56.08), (8.86, 55.96),
    (8.80, 55.86), (8.64, 55.80), (8.47, 55.79), (8.30, 55.80), (8.20, 55.81),
)  # fmt: skip


@dataclass(frozen=True)
class Area:
    """An area (village cluster) of the demo municipality and how movers treat it."""

    name: str
    anchor: tuple[float, float]  # lon, lat of its largest village or town
    residents: int
    pull: float  # weight when movers pick a destination
    push: float  # factor on the chance that its households leave the municipality
    parish_names: tuple[str, ...]  # the first is the area's largest parish


AREAS: tuple[Area, ...] = (
    Area("Bykernen", (8.33, 56.09), 16_000, 1.25, 0.92,
         ("Fjordhavn", "Nørre Fjordhavn", "Kløvbjerg", "Tangsted")),
    Area("Fjordlandet", (8.30, 55.90), 9_500, 1.25, 0.92,
         ("Sivkær", "Rørholt", "Engtoft", "Hvidmose", "Strandbøl", "Ålekær", "Nyfjord")),
    Area("Område Øst", (8.72, 56.09), 8_500, 1.10, 0.97,
         ("Bækbro", "Lyngbjerg", "Østermark", "Tvinghøj", "Kragsted", "Mølleby", "Egetoft")),
    Area("Klitsognene", (8.18, 56.04), 6_000, 0.90, 1.05,
         ("Klitby", "Sandlev", "Marehøj", "Havtorn", "Vestklit", "Hjelmsand")),
    Area("Ådalen", (8.52, 56.00), 7_000, 0.95, 1.02,
         ("Ådal", "Vadsted", "Bredeå", "Engholm", "Laksbjerg", "Pileby", "Skovå", "Mølleå")),
    Area("Hedeklyngen", (8.74, 55.92), 5_500, 0.85, 1.08,
         ("Lynghede", "Trankær", "Hedelund", "Ravnmose", "Stenbøl", "Krattrup", "Brunhede",
          "Ulvsted")),
    Area("Område Syd", (8.48, 55.84), 4_500, 0.85, 1.07,
         ("Sønderhede", "Grønmose", "Kærby", "Vibemark", "Tornlund")),
)  # fmt: skip


@dataclass(frozen=True)
class Parish:
    """A parish of the demo municipality, with its target population in 2008 and its centre."""

    index: int
    code: int
    name: str
    area: Area
    residents: int
    lon: float
    lat: float


def _to_plane(lon: float, lat: float) -> tuple[float, float]:
    """Return local plane coordinates for a lon/lat point."""
    return ((lon - _LON0) * _X_SCALE, lat - _LAT0)


def _to_lonlat(x: float, y: float) -> tuple[float, float]:
    """Return lon/lat, rounded to about a metre, for a local plane point."""
    return (round(x / _X_SCALE + _LON0, 5), round(y + _LAT0, 5))


@cache
def _outline() -> Polygon:
    """Return the municipality outline in the local plane."""
    return Polygon([_to_plane(lon, lat) for lon, lat in _OUTLINE])


def _candidate_points(rng: np.random.Generator) -> npt.NDArray[np.float64]:
    """Return random points inside the outline (local plane), an (n, 2) array."""
    minx, miny, maxx, maxy = _outline().bounds
    raw = rng.uniform((minx, miny), (maxx, maxy), size=(6000, 2))
    inside: npt.NDArray[np.bool_] = shapely.contains_xy(_outline(), raw[:, 0], raw[:, 1])
    return raw[inside]


def _centres(points: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.float64]:
    """Return k well-spread centres for a cloud of points (farthest-point start, then k-means)."""
    centres = [points[0]]
    for _ in range(k - 1):
        gaps = np.min([np.hypot(*(points - c).T) for c in centres], axis=0)
        centres.append(points[int(np.argmax(gaps))])
    grid = np.array(centres)
    for _ in range(15):
        nearest = np.argmin(np.hypot(*(points[:, None, :] - grid[None]).T), axis=0)
        grid = np.array([points[nearest == j].mean(axis=0) for j in range(k)])
    return grid


def _area_centres() -> list[npt.NDArray[np.float64]]:
    """Return the parish centres of each area, the area's largest parish first."""
    points = _candidate_points(np.random.default_rng(_PLACES_SEED))
    anchors = np.array([_to_plane(*area.anchor) for area in AREAS])
    owner = np.argmin(np.hypot(*(points[:, None, :] - anchors[None]).T), axis=0)
    result = []
    for i, area in enumerate(AREAS):
        centres = _centres(points[owner == i], len(area.parish_names))
        # The centre nearest the anchor becomes the town that names the area's largest parish.
        first = int(np.argmin(np.hypot(*(centres - anchors[i]).T)))
        order = [first, *[j for j in range(len(centres)) if j != first]]
        result.append(centres[order])
    return result


def _parish_sizes(area: Area, rng: np.random.Generator) -> list[int]:
    """Return parish populations that sum to the area's, the first (its town) the largest."""
    n = len(area.parish_names)
    shares = rng.lognormal(0.0, 0.5, size=n)
    shares[0] = shares[1:].sum() * (1.2 if n <= 4 else 0.6)
    sizes = np.floor(area.residents * shares / shares.sum()).astype(int)
    sizes[0] += area.residents - int(sizes.sum())
    return [int(s) for s in sizes]


@cache
def parishes() -> tuple[Parish, ...]:
    """Return the demo parishes, numbered from 9901 area by area."""
    rng = np.random.default_rng(_PLACES_SEED + 1)
    found: list[Parish] = []
    for area, centres in zip(AREAS, _area_centres(), strict=True):
        sizes = _parish_sizes(area, rng)
        for name, size, (x, y) in zip(area.parish_names, sizes, centres, strict=True):
            lon, lat = _to_lonlat(float(x), float(y))
            index = len(found)
            found.append(Parish(index, FIRST_PARISH_CODE + index, name, area, size, lon, lat))
    return tuple(found)


def _cells() -> list[shapely.Geometry]:
    """Return each parish's Voronoi cell clipped to the outline, in parish order (local plane)."""
    centres = [Point(_to_plane(p.lon, p.lat)) for p in parishes()]
    diagram = shapely.voronoi_polygons(MultiPoint(centres), extend_to=_outline().buffer(0.5))
    cells = list(shapely.get_parts(diagram))
    # Match cells to centres by containment: the diagram does not promise the input order.
    ordered = [next(c for c in cells if c.contains(point)) for point in centres]
    return [cell.intersection(_outline()) for cell in ordered]


def _lonlat_geometry(cell: shapely.Geometry) -> dict[str, Any]:
    """Return a GeoJSON geometry in lon/lat with clockwise exterior rings (as d3-geo expects)."""
    lonlat = shapely.transform(cell, lambda xy: np.array([_to_lonlat(x, y) for x, y in xy]))
    parts = [orient(part, sign=-1.0) for part in shapely.get_parts(lonlat)]
    shape = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    return dict(mapping(shape))


def parish_features() -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection with one feature per demo parish."""
    features = []
    for parish, cell in zip(parishes(), _cells(), strict=True):
        properties = {
            "parish": str(parish.code),
            "parish_name": parish.name,
            "area": parish.area.name,
            "municipality": str(MUNICIPALITY),
        }
        geometry = _lonlat_geometry(cell)
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}
