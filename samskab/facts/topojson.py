"""Decode TopoJSON polygons, and simplify them arc by arc so neighbours keep a common border.

TopoJSON stores each border once, as an arc shared by the polygons on both sides; a ring lists
the arcs it follows, a negative index ~i meaning arc i walked backwards. Arcs are usually
quantized: integer positions, each point a delta from the previous one, mapped back to degrees
by the file's `transform` (scale, translate).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import LineString, Polygon

FloatArray = NDArray[np.float64]
Ring = tuple[int, ...]
"""The arcs a ring follows, in order; ~i (that is -i - 1) means arc i reversed."""
PolygonArcs = tuple[Ring, ...]
"""The rings of one polygon as arc indices: the exterior first, then its holes."""

_POLYGONAL = ("Polygon", "MultiPolygon", "GeometryCollection")


class TopologyError(ValueError):
    """A TopoJSON document that does not follow the specification (message for a user)."""


@dataclass(frozen=True, eq=False)
class Arcs:
    """The arcs of one TopoJSON document, in degrees; every feature of the file shares them."""

    points: tuple[FloatArray, ...]


@dataclass(frozen=True, eq=False)
class TopoShape:
    """A feature's geometry kept as arc references, so it can be rebuilt from simplified arcs."""

    arcs: Arcs
    polygons: tuple[PolygonArcs, ...]


@dataclass(frozen=True)
class TopoFeature:
    """One feature of a TopoJSON object: its properties and its polygons as arc references."""

    index: int
    properties: dict[str, Any]
    polygons: tuple[PolygonArcs, ...]


def decode_arcs(document: dict[str, Any]) -> Arcs:
    """Return the document's arcs as absolute (longitude, latitude) arrays, one per arc."""
    raw_arcs = document.get("arcs")
    if not isinstance(raw_arcs, list):
        raise TopologyError('"arcs" is missing or not a list')
    transform = document.get("transform")
    scale, translate = _transform(transform) if transform is not None else (None, None)
    decoded: list[FloatArray] = []
    for number, arc in enumerate(raw_arcs):
        try:
            # Some writers add a third value (elevation, or a -999 marker): only x, y count.
            points = np.array([point[:2] for point in arc], dtype=np.float64).reshape(-1, 2)
        except (TypeError, ValueError, IndexError) as error:
            raise TopologyError(f"arc {number} is not a list of [x, y] positions") from error
        if scale is not None and translate is not None:
            with np.errstate(over="ignore", invalid="ignore"):  # refused just below
                points = np.cumsum(points, axis=0) * scale + translate
        if not np.isfinite(points).all():  # null, NaN or Infinity, or too large once scaled
            raise TopologyError(f"arc {number} has a position that is not a pair of finite numbers")
        decoded.append(points)
    return Arcs(tuple(decoded))


def _transform(transform: Any) -> tuple[FloatArray, FloatArray]:
    """Return the (scale, translate) pair of a quantized document as two length-2 arrays."""
    try:
        scale = np.array(transform["scale"], dtype=np.float64).reshape(2)
        translate = np.array(transform["translate"], dtype=np.float64).reshape(2)
    except (KeyError, TypeError, ValueError) as error:
        raise TopologyError(
            '"transform" needs "scale" and "translate", two numbers each'
        ) from error
    return scale, translate


def topo_features(document: dict[str, Any]) -> list[TopoFeature]:
    """Return every feature of every object in the document, in file order."""
    objects = document.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise TopologyError('"objects" is missing or empty')
    features: list[TopoFeature] = []
    for name, topo_object in objects.items():
        members = _members(topo_object, name)
        for member in members:
            polygons = tuple(_polygons(member, f"object {name!r}, feature {len(features) + 1}"))
            properties = member.get("properties") or {}
            if not isinstance(properties, dict):
                raise TopologyError(f'object {name!r}: "properties" must be JSON objects')
            features.append(TopoFeature(len(features) + 1, properties, polygons))
    return features


def _members(topo_object: Any, name: str) -> list[dict[str, Any]]:
    """Return the geometries that become features: a collection's members, else the object."""
    if not isinstance(topo_object, dict):
        raise TopologyError(f"object {name!r} is not a JSON object")
    if topo_object.get("type") == "GeometryCollection":
        members = topo_object.get("geometries")
        if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
            raise TopologyError(f'object {name!r} has no list of "geometries"')
        return cast(list[dict[str, Any]], members)
    return [topo_object]


def _polygons(geometry: dict[str, Any], where: str) -> Iterator[PolygonArcs]:
    """Yield the polygons of a Polygon, MultiPolygon or (nested) GeometryCollection."""
    kind = geometry.get("type")
    if kind not in _POLYGONAL:
        raise TopologyError(f"{where} is a {kind}, not a Polygon or MultiPolygon")
    if kind == "GeometryCollection":
        for member in geometry.get("geometries") or []:
            yield from _polygons(member, where)
        return
    arcs = geometry.get("arcs")
    polygons = [arcs] if kind == "Polygon" else arcs
    if not isinstance(polygons, list):
        raise TopologyError(f'{where}: "arcs" is missing')
    for polygon in polygons:
        try:
            yield tuple(tuple(int(index) for index in ring) for ring in polygon)
        except (TypeError, ValueError) as error:
            raise TopologyError(f'{where}: "arcs" must hold lists of arc numbers') from error


def ring_points(arcs: Arcs, ring: Ring) -> FloatArray:
    """Return the ring's positions as an (n, 2) array, following its arcs in order."""
    parts: list[FloatArray] = []
    for index in ring:
        number = index if index >= 0 else ~index
        if number >= len(arcs.points):
            raise TopologyError(f"arc {index} does not exist (the file has {len(arcs.points)})")
        points = arcs.points[number] if index >= 0 else arcs.points[number][::-1]
        # Consecutive arcs meet in one point, present at the end of one and start of the next.
        parts.append(points if not parts else points[1:])
    return np.concatenate(parts) if parts else np.empty((0, 2))


def build_polygon(arcs: Arcs, polygon: PolygonArcs) -> Polygon | None:
    """Return the shapely polygon of arc-referenced rings, or None if its exterior is degenerate
    (fewer than four positions, or all its corners on one line).

    Holes with fewer than four positions (a closed triangle) are left out.
    """
    rings = [ring_points(arcs, ring) for ring in polygon]
    if not rings or len(rings[0]) < 4:
        return None
    built = Polygon(rings[0], [ring for ring in rings[1:] if len(ring) >= 4])
    return built if built.area > 0 else None


def simplify_arcs(arcs: Arcs, shapes: Sequence[TopoShape], tolerance: float) -> Arcs:
    """Return the arcs with every arc used by the shapes simplified once (Douglas-Peucker).

    Douglas-Peucker keeps an arc's end points, which are the junctions where three or more
    features meet, so a border simplified once is the same line for the features on both sides.
    An arc whose simplification would collapse a ring below a triangle keeps all its points.
    """
    rings = [ring for shape in shapes for polygon in shape.polygons for ring in polygon]
    used = {index if index >= 0 else ~index for ring in rings for index in ring}
    simplified = list(arcs.points)
    for number in used:
        if number < len(arcs.points) and len(arcs.points[number]) > 2:
            line = LineString(arcs.points[number]).simplify(tolerance, preserve_topology=False)
            simplified[number] = np.asarray(shapely.get_coordinates(line), dtype=np.float64)
    candidate = Arcs(tuple(simplified))
    restored: set[int] = set()
    # Restoring an arc for every ring that shares it keeps neighbours in step; a ring that is
    # degenerate even in the source stops the loop once all its arcs are restored.
    while collapsed := _collapsed_arcs(candidate, rings) - restored:
        for number in collapsed:
            simplified[number] = arcs.points[number]
        restored |= collapsed
        candidate = Arcs(tuple(simplified))
    return candidate


def _collapsed_arcs(arcs: Arcs, rings: Sequence[Ring]) -> set[int]:
    """Return the arcs of rings that have fewer than three distinct corners."""
    collapsed: set[int] = set()
    for ring in rings:
        if len(np.unique(ring_points(arcs, ring), axis=0)) < 3:
            collapsed |= {index if index >= 0 else ~index for index in ring}
    return collapsed
