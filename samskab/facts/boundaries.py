"""Parish and municipality boundaries: read DAGI TopoJSON or GeoJSON, join, simplify, export.

DAGI parishes carry no municipality code, so a parish gets the municipality whose polygon holds
its representative point (a point guaranteed inside the parish, unlike its centroid).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from samskab.facts.errors import InputError, Problem
from samskab.facts.topojson import (
    Arcs,
    TopologyError,
    TopoShape,
    build_polygons,
    decode_arcs,
    simplify_arcs,
    topo_features,
)

Level = Literal["parish", "municipality"]

# Property names that hold a feature's code and name, tried in this order (any letter case).
_PROPERTY_PAIRS: dict[Level, tuple[tuple[str, str], ...]] = {
    "parish": (("sognekode", "sognenavn"), ("code", "name")),
    "municipality": (("komkode", "komnavn"), ("code", "name")),
}
_MAX_PROBLEMS = 10

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


@dataclass
class _Part:
    """One feature of a file before features sharing a code are merged."""

    code: int
    name: str
    polygons: list[Polygon]
    arc_polygons: list[Any]


def read_boundaries(path: Path | str, level: Level | None = None) -> list[Boundary]:
    """Return the file's boundaries, one per code (islands merged), sorted by code.

    `level` limits the accepted code properties: "parish" (SOGNEKODE or code), "municipality"
    (KOMKODE or code); None accepts any of them.
    """
    file = str(path)
    document = _load_json(Path(path), file)
    kind = document.get("type") if isinstance(document, dict) else None
    if kind == "Topology":
        parts, arcs = _topology_parts(document, file, level)
    elif kind in ("FeatureCollection", "Feature"):
        parts, arcs = _geojson_parts(document, file, level), None
    else:
        found = f'"type" is {kind!r}' if kind else 'there is no "type"'
        message = f"not TopoJSON or GeoJSON: {found}; expected Topology or FeatureCollection"
        raise InputError([Problem(file, message)])
    return _merge(parts, arcs)


def _load_json(path: Path, file: str) -> dict[str, Any]:
    """Return the parsed JSON document of a file, raising InputError a user can act on."""
    try:
        document = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise InputError([Problem(file, "file not found")]) from None
    except OSError as error:
        raise InputError([Problem(file, f"cannot read the file: {error.strerror}")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(file, "not JSON: the file is not UTF-8 text")]) from None
    except json.JSONDecodeError as error:
        problem = Problem(file, f"not valid JSON: {error.msg} (column {error.colno})", error.lineno)
        raise InputError([problem]) from None
    if not isinstance(document, dict):
        raise InputError([Problem(file, "not TopoJSON or GeoJSON: the file is not a JSON object")])
    return cast(dict[str, Any], document)


def _topology_parts(
    document: dict[str, Any], file: str, level: Level | None
) -> tuple[list[_Part], Arcs]:
    """Return the features of a TopoJSON document and the arcs they share."""
    try:
        arcs = decode_arcs(document)
        features = topo_features(document)
        labels = _labels([f.properties for f in features], file, level)
        parts = [
            _Part(code, name, build_polygons(arcs, f.polygons), list(f.polygons))
            for f, (code, name) in zip(features, labels, strict=True)
        ]
    except TopologyError as error:
        raise InputError([Problem(file, f"not valid TopoJSON: {error}")]) from None
    return parts, arcs


def _geojson_parts(document: dict[str, Any], file: str, level: Level | None) -> list[_Part]:
    """Return the features of a GeoJSON FeatureCollection (or single Feature)."""
    raw = document.get("features") if document["type"] == "FeatureCollection" else [document]
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        raise InputError([Problem(file, 'not valid GeoJSON: "features" is not a list of objects')])
    labels = _labels([f.get("properties") or {} for f in raw], file, level)
    parts: list[_Part] = []
    problems: list[Problem] = []
    for number, (feature, (code, name)) in enumerate(zip(raw, labels, strict=True), start=1):
        try:
            parts.append(_Part(code, name, _geojson_polygons(feature.get("geometry")), []))
        except ValueError as error:
            problems.append(Problem(file, f"feature {number} (code {code}): {error}"))
    if problems:
        raise InputError(problems[:_MAX_PROBLEMS])
    return parts


def _geojson_polygons(geometry: Any) -> list[Polygon]:
    """Return the polygons of a GeoJSON geometry; ValueError when it has none or is not valid."""
    if not isinstance(geometry, dict):
        raise ValueError("has no geometry")
    try:
        parsed = shape(geometry)
    except (
        KeyError,
        TypeError,
        ValueError,
        IndexError,
        AttributeError,
        shapely.errors.GEOSException,
    ):
        raise ValueError(f"the {geometry.get('type')} geometry is not valid GeoJSON") from None
    polygons = [p for p in getattr(parsed, "geoms", [parsed]) if isinstance(p, Polygon)]
    if not polygons:
        raise ValueError(f"is a {parsed.geom_type}, not a Polygon or MultiPolygon")
    return polygons


def _labels(
    properties: Sequence[dict[str, Any]], file: str, level: Level | None
) -> list[tuple[int, str]]:
    """Return (code, name) for every feature, from the first property pair the file has."""
    code_key, name_key = _detect_keys(properties, file, level)
    labels: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for number, props in enumerate(properties, start=1):
        keys = {key.lower(): key for key in props}
        value = props.get(keys.get(code_key, code_key))
        code = _parse_code(value)
        if code is None:
            problems.append(Problem(file, f"feature {number}: code {value!r} is not a number"))
        labels.append((code or 0, str(props.get(keys.get(name_key, name_key)) or "")))
    if problems:
        raise InputError(problems[:_MAX_PROBLEMS])
    return labels


def _detect_keys(
    properties: Sequence[dict[str, Any]], file: str, level: Level | None
) -> tuple[str, str]:
    """Return the (code, name) property names in lower case, the first pair the file has."""
    present = {key.lower() for props in properties for key in props}
    pairs = (
        _PROPERTY_PAIRS[level] if level else tuple(dict.fromkeys(sum(_PROPERTY_PAIRS.values(), ())))
    )
    for code_key, name_key in pairs:
        if code_key in present and name_key in present:
            return code_key, name_key
    what = f"{level} " if level else ""
    accepted = " or ".join(f"{c.upper()}/{n.upper()}" for c, n in pairs)
    found = ", ".join(sorted(present)) or "none"
    message = f"no {what}code and name properties: expected {accepted} (found: {found})"
    raise InputError([Problem(file, message)])


def _parse_code(value: Any) -> int | None:
    """Return a code as an int ("0760" -> 760, 7284 -> 7284), or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip() if isinstance(value, str) else ""
    return int(text) if text.isdigit() else None


def _merge(parts: Iterable[_Part], arcs: Arcs | None) -> list[Boundary]:
    """Return one Boundary per code, joining the polygons of parts that share it."""
    by_code: dict[int, _Part] = {}
    for part in parts:
        known = by_code.setdefault(part.code, _Part(part.code, part.name, [], []))
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
    """Return an Assignment (parish, parish_name, municipality) per parish that could be placed.

    A parish goes to the municipality holding its representative point; when none holds it (or
    overlapping municipality polygons hold it twice), to the one it overlaps most. Parishes that
    overlap no municipality are left out and logged as a warning.
    """
    tree = shapely.STRtree([m.geometry for m in municipalities])
    points = shapely.point_on_surface([p.geometry for p in parishes])
    holders: dict[int, list[int]] = {}
    for parish_index, municipality_index in tree.query(points, predicate="within").T.tolist():
        holders.setdefault(parish_index, []).append(municipality_index)
    assignments: list[Assignment] = []
    for index, parish in enumerate(parishes):
        candidates = holders.get(index) or tree.query(parish.geometry, predicate="intersects")
        chosen = _largest_overlap(parish.geometry, [municipalities[i] for i in candidates])
        if chosen is None:
            log.warning("parish %s %s lies in no municipality", parish.code, parish.name)
        else:
            assignments.append(Assignment(parish.code, parish.name, chosen.code))
    return assignments


def _largest_overlap(geometry: BaseGeometry, candidates: Sequence[Boundary]) -> Boundary | None:
    """Return the only candidate, else the one overlapping the geometry most (None if no area)."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    areas = shapely.area(shapely.intersection(geometry, [c.geometry for c in candidates]))
    best = int(np.argmax(areas))
    return candidates[best] if areas[best] > 0 else None


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
        geometry = _join(build_polygons(new_arcs, topology.polygons))
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


def default_properties(boundary: Boundary) -> dict[str, Any]:
    """Return {"code": …, "name": …}, the properties to_geojson writes unless told otherwise."""
    return {"code": boundary.code, "name": boundary.name}


def to_geojson(
    boundaries: Iterable[Boundary],
    *,
    properties: Callable[[Boundary], dict[str, Any]] = default_properties,
    for_vega: bool = True,
    precision: int = 6,
) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection dict of the boundaries.

    With `for_vega` exterior rings run clockwise and holes counter-clockwise: Vega's geoshape
    draws with d3-geo, which reads rings as spherical polygons and takes a counter-clockwise
    exterior to enclose the rest of the globe. Without it the rings follow RFC 7946 (the
    opposite). Coordinates are rounded to `precision` decimals (6 is about 0.1 m).
    """
    features = [
        {
            "type": "Feature",
            "properties": properties(boundary),
            "geometry": _geometry_json(boundary.geometry, for_vega, precision),
        }
        for boundary in boundaries
    ]
    return {"type": "FeatureCollection", "features": features}


def _geometry_json(geometry: BaseGeometry, clockwise: bool, precision: int) -> dict[str, Any]:
    """Return a Polygon or MultiPolygon geometry dict with the exteriors wound as asked."""
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
