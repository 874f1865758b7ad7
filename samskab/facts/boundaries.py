"""Parish and municipality boundaries: read DAGI TopoJSON or GeoJSON, join, simplify, export.

DAGI parishes carry no municipality code: each polygon of a parish gets the municipality whose
polygon holds its representative point (see parish_pieces).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, cast

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from samskab.facts.boundary_files import Level, Part, geojson_parts, load_json, topology_parts
from samskab.facts.errors import InputError, Problem
from samskab.facts.topojson import Arcs, TopoShape, build_polygon, simplify_arcs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Boundary:
    """One parish or municipality: its code, its name and its (multi)polygon in degrees."""

    code: int
    name: str
    geometry: BaseGeometry = field(compare=False)
    topology: TopoShape | None = field(default=None, compare=False, repr=False)
    """The arcs behind the geometry when it came from TopoJSON (used to simplify borders once)."""


class Assignment(NamedTuple):
    """A parish and the municipality it lies in."""

    parish: int
    parish_name: str
    municipality: int


def read_boundaries(
    path: Path | str, level: Level | None = None, *, name: str | None = None
) -> list[Boundary]:
    """Return the file's boundaries, one per code (islands merged), sorted by code.

    `level` limits the accepted code properties: "parish" (SOGNEKODE or code), "municipality"
    (KOMKODE or code); None accepts any of them. Problems name the file `name`, by default its
    path.
    """
    file = name or str(path)
    document = load_json(Path(path), file)
    kind = document.get("type") if isinstance(document, dict) else None
    if kind == "Topology":
        parts, arcs = topology_parts(document, file, level)
    elif kind in ("FeatureCollection", "Feature"):
        parts, arcs = geojson_parts(document, file, level), None
    else:
        if kind:
            raise InputError([Problem.of(file, "not_topology_type", type=repr(kind))])
        raise InputError([Problem.of(file, "not_topology_no_type")])
    return _merge(parts, arcs)


def _merge(parts: Iterable[Part], arcs: Arcs | None) -> list[Boundary]:
    """Return one Boundary per code, joining the polygons of parts that share it."""
    by_code: dict[int, Part] = {}
    for part in parts:
        known = by_code.setdefault(part.code, Part(part.code, part.name, [], []))
        known.polygons.extend(part.polygons)
        known.arc_polygons.extend(part.arc_polygons)
    boundaries = []
    for code in sorted(by_code):
        part = by_code[code]
        topology = TopoShape(arcs, tuple(part.arc_polygons)) if arcs is not None else None
        boundaries.append(Boundary(code, part.name, _join(part.polygons), topology))
    return boundaries


def _join(polygons: Sequence[Polygon]) -> BaseGeometry:
    """Return a single Polygon as is and several as a MultiPolygon (an empty one for none)."""
    return polygons[0] if len(polygons) == 1 else MultiPolygon(list(polygons))


def assign_parishes(
    parishes: Sequence[Boundary], municipalities: Sequence[Boundary]
) -> list[Assignment]:
    """Return Assignment rows (parish, parish_name, municipality), sorted by parish code.

    A parish gets one row per municipality it has land in, the one with most of its area first:
    see parish_pieces. Parishes in no municipality are left out (and logged).
    """
    pieces = parish_pieces(parishes, municipalities)
    return [Assignment(piece.code, piece.name, code) for code, piece in pieces]


def parish_pieces(
    parishes: Sequence[Boundary], municipalities: Sequence[Boundary]
) -> list[tuple[int, Boundary]]:
    """Return (municipality code, parish piece) pairs, by parish code and largest piece first.

    Each polygon of a parish goes to the municipality holding its representative point (a point
    inside the polygon, unlike a centroid), else to the one it overlaps most. DAGI draws a parish
    that a municipal border crosses (27 in 2014, e.g. Husby in Holstebro and Ringkøbing-Skjern)
    as one polygon on each side, so such a parish gives one piece per municipality and a
    municipality's map covers all its land. Polygons in no municipality are left out, logged.
    """
    tree = shapely.STRtree([m.geometry for m in municipalities])
    parts = [
        (index, number, part)
        for index, parish in enumerate(parishes)
        for number, part in enumerate(_parts(parish.geometry))
    ]
    homes = _homes(tree, municipalities, [part for *_, part in parts])
    numbers: dict[tuple[int, int], list[int]] = {}
    for (index, number, _), home in zip(parts, homes, strict=True):
        if home is None:
            parish = parishes[index]
            log.warning("a polygon of parish %s %s is in no municipality", parish.code, parish.name)
        else:
            numbers.setdefault((index, home), []).append(number)
    pieces = [(home, _select(parishes[index], kept)) for (index, home), kept in numbers.items()]
    return sorted(pieces, key=lambda pair: (pair[1].code, -pair[1].geometry.area))


def _parts(geometry: BaseGeometry) -> list[Polygon]:
    """Return the polygons of a Polygon or MultiPolygon, in order."""
    return list(getattr(geometry, "geoms", [geometry]))


def _homes(
    tree: shapely.STRtree, municipalities: Sequence[Boundary], parts: Sequence[Polygon]
) -> list[int | None]:
    """Return the code of the municipality each polygon lies in, None where it is in none."""
    points = shapely.point_on_surface(parts)
    holders: dict[int, list[int]] = {}
    for part_index, tree_index in tree.query(points, predicate="within").T.tolist():
        holders.setdefault(part_index, []).append(tree_index)
    homes: list[int | None] = []
    for number, part in enumerate(parts):
        held = holders.get(number, [])
        if len(held) == 1:
            homes.append(municipalities[held[0]].code)
            continue
        # Held twice (overlapping polygons) or not at all (a gap): the largest overlap decides.
        candidates = held or tree.query(part, predicate="intersects").tolist()
        homes.append(_largest_overlap(part, [municipalities[i] for i in candidates]))
    return homes


def _largest_overlap(part: Polygon, candidates: Sequence[Boundary]) -> int | None:
    """Return the code of the candidate the polygon overlaps most, None if it overlaps none."""
    if not candidates:
        return None
    # DAGI multipolygons are not always valid (parts meeting along an edge), and GEOS refuses
    # to intersect invalid geometries.
    valid = shapely.make_valid([c.geometry for c in candidates])
    areas = shapely.area(shapely.intersection(shapely.make_valid(part), valid))
    best = int(np.argmax(areas))
    return candidates[best].code if areas[best] > 0 else None


def _select(boundary: Boundary, numbers: Sequence[int]) -> Boundary:
    """Return the boundary reduced to its polygons with these numbers (all: itself)."""
    parts = _parts(boundary.geometry)
    if len(numbers) == len(parts):
        return boundary
    topology = boundary.topology
    if topology is not None and len(topology.polygons) == len(parts):
        topology = TopoShape(topology.arcs, tuple(topology.polygons[i] for i in numbers))
    geometry = _join([parts[i] for i in numbers])
    return replace(boundary, geometry=geometry, topology=topology)


def simplify(boundaries: Sequence[Boundary], tolerance: float) -> list[Boundary]:
    """Return the boundaries simplified to `tolerance` degrees, in the same order, none empty.

    From TopoJSON each shared arc is simplified once and the polygons rebuilt from it, so two
    neighbouring parishes keep the very same border and no gaps or slivers open between them.
    Simplifying each polygon on its own (shapely's preserve_topology, used for GeoJSON sources,
    which carry no shared arcs) keeps each polygon valid but moves a shared border differently on
    its two sides.
    """
    if tolerance <= 0:
        return list(boundaries)
    shapes_by_arcs: dict[int, tuple[Arcs, list[TopoShape]]] = {}
    for boundary in boundaries:
        if boundary.topology is not None:
            arcs = boundary.topology.arcs
            shapes_by_arcs.setdefault(id(arcs), (arcs, []))[1].append(boundary.topology)
    simplified = {
        key: simplify_arcs(arcs, shapes, tolerance)
        for key, (arcs, shapes) in shapes_by_arcs.items()
    }
    return [_simplified(b, tolerance, simplified) for b in boundaries]


def _simplified(boundary: Boundary, tolerance: float, arcs: dict[int, Arcs]) -> Boundary:
    """Return one boundary rebuilt from simplified arcs, or simplified on its own."""
    topology = boundary.topology
    if topology is not None:
        new_arcs = arcs[id(topology.arcs)]
        rebuilt = (build_polygon(new_arcs, polygon) for polygon in topology.polygons)
        geometry = _join([polygon for polygon in rebuilt if polygon is not None])
        new_topology: TopoShape | None = TopoShape(new_arcs, topology.polygons)
    else:
        geometry = boundary.geometry.simplify(tolerance, preserve_topology=True)
        new_topology = None
    if geometry.is_empty:
        return boundary
    return replace(boundary, geometry=geometry, topology=new_topology)


def vertex_count(boundaries: Iterable[Boundary]) -> int:
    """Return the number of coordinates in all the boundaries' geometries."""
    return int(shapely.get_num_coordinates([b.geometry for b in boundaries]).sum())


def to_geojson(
    boundaries: Sequence[Boundary],
    *,
    properties: Sequence[Mapping[str, Any]] | None = None,
    for_vega: bool = True,
    precision: int = 6,
) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection dict with one Feature per boundary, in order.

    `properties` gives each boundary's properties, one mapping per boundary (default: its
    "code" and "name"). With `for_vega` exterior rings run clockwise and holes counter-clockwise:
    Vega's geoshape draws with d3-geo, which reads rings as spherical polygons and takes a
    counter-clockwise exterior to enclose the rest of the globe. Without it the rings follow RFC
    7946 (the opposite). Coordinates are rounded to `precision` decimals (6 is about 0.1 m).
    """
    if properties is None:
        properties = [{"code": b.code, "name": b.name} for b in boundaries]
    if len(properties) != len(boundaries):
        raise ValueError(f"{len(properties)} property mappings for {len(boundaries)} boundaries")
    features = [
        {
            "type": "Feature",
            "properties": dict(props),
            "geometry": _geometry_json(boundary.geometry, for_vega, precision),
        }
        for boundary, props in zip(boundaries, properties, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def _geometry_json(geometry: BaseGeometry, clockwise: bool, precision: int) -> dict[str, Any]:
    """Return a Polygon or MultiPolygon geometry dict with the exteriors wound as asked."""
    if not geometry.is_valid:
        # A self-crossing ring (a few in DAGI at 1:500,000) has no winding order of its own;
        # split into valid polygons it can be oriented, or d3 may fill the globe outside it.
        geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
    # Snapping to the output grid (rather than rounding each number) drops slivers that would
    # collapse to a line and so lose their winding; neighbours snap alike.
    snapped = shapely.set_precision(geometry, 10.0**-precision)
    geometry = geometry if snapped.is_empty else snapped
    oriented = shapely.orient_polygons(geometry, exterior_cw=clockwise)
    polygons = [
        [_ring_json(p.exterior, precision), *(_ring_json(h, precision) for h in p.interiors)]
        for p in getattr(oriented, "geoms", [oriented])
    ]
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def _ring_json(ring: BaseGeometry, precision: int) -> list[list[float]]:
    """Return a ring's positions as [[lon, lat], …] rounded to `precision` decimals."""
    points = np.round(np.asarray(ring.coords, dtype=np.float64)[:, :2], precision)
    return cast(list[list[float]], points.tolist())
