"""Read boundary files: TopoJSON or GeoJSON features with a code and a name property."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import shapely
from shapely.geometry import Polygon, shape

from samskab.facts.errors import InputError, Problem, Refusal
from samskab.facts.topojson import (
    Arcs,
    PolygonArcs,
    TopologyError,
    build_polygon,
    decode_arcs,
    topo_features,
)

Level = Literal["parish", "municipality"]

# Property names that hold a feature's code and name, tried in this order (any letter case).
_PARISH = ("SOGNEKODE", "SOGNENAVN")
_MUNICIPALITY = ("KOMKODE", "KOMNAVN")
_GENERIC = ("code", "name")
_PROPERTY_PAIRS: dict[Level | None, tuple[tuple[str, str], ...]] = {
    "parish": (_PARISH, _GENERIC),
    "municipality": (_MUNICIPALITY, _GENERIC),
    None: (_PARISH, _MUNICIPALITY, _GENERIC),
}
_MAX_PROBLEMS = 10


@dataclass
class Part:
    """One feature of a file, before features sharing a code are merged.

    `arc_polygons` holds the TopoJSON arc references of `polygons`, one for one (empty when the
    file is GeoJSON).
    """

    code: int
    name: str
    polygons: list[Polygon]
    arc_polygons: list[PolygonArcs]


def load_json(path: Path, file: str) -> dict[str, Any]:
    """Return the parsed JSON document of a file, raising InputError a user can act on."""
    try:
        document = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise InputError([Problem.of(file, "file_not_found")]) from None
    except OSError as error:
        problem = Problem.of(file, "cannot_read_file", reason=str(error.strerror))
        raise InputError([problem]) from None
    except UnicodeDecodeError:
        raise InputError([Problem.of(file, "json_not_utf8")]) from None
    except json.JSONDecodeError as error:
        problem = Problem.of(
            file, "invalid_json", row=error.lineno, reason=error.msg, position=error.colno
        )
        raise InputError([problem]) from None
    except RecursionError:  # arrays or objects inside each other thousands of levels deep
        raise InputError([Problem.of(file, "json_too_deep")]) from None
    if not isinstance(document, dict):
        raise InputError([Problem.of(file, "json_not_object")])
    return cast(dict[str, Any], document)


def topology_parts(
    document: dict[str, Any], file: str, level: Level | None
) -> tuple[list[Part], Arcs]:
    """Return the features of a TopoJSON document and the arcs they share."""
    try:
        arcs = decode_arcs(document)
        features = topo_features(document)
        labels = _labels([f.properties for f in features], file, level)
        parts = [
            _topology_part(arcs, f.polygons, code, name)
            for f, (code, name) in zip(features, labels, strict=True)
        ]
    except TopologyError as error:
        raise InputError([Problem.of(file, "invalid_topojson", reason=str(error))]) from None
    empty = [
        Problem.of(file, "feature_no_area", number=n, code=p.code)
        for n, p in enumerate(parts, start=1)
        if not p.polygons
    ]
    if empty:
        raise InputError(empty[:_MAX_PROBLEMS])
    return parts, arcs


def _topology_part(arcs: Arcs, polygons: Sequence[PolygonArcs], code: int, name: str) -> Part:
    """Return a Part with the feature's polygons, leaving out polygons that have no area."""
    built = [(polygon, build_polygon(arcs, polygon)) for polygon in polygons]
    kept = [(refs, polygon) for refs, polygon in built if polygon is not None]
    return Part(code, name, [polygon for _, polygon in kept], [refs for refs, _ in kept])


def geojson_parts(document: dict[str, Any], file: str, level: Level | None) -> list[Part]:
    """Return the features of a GeoJSON FeatureCollection (or single Feature)."""
    raw = document.get("features") if document["type"] == "FeatureCollection" else [document]
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        raise InputError([Problem.of(file, "features_not_list")])
    properties = [f.get("properties") or {} for f in raw]
    if not all(isinstance(props, dict) for props in properties):
        raise InputError([Problem.of(file, "properties_not_objects")])
    labels = _labels(properties, file, level)
    parts: list[Part] = []
    problems: list[Problem] = []
    for number, (feature, (code, name)) in enumerate(zip(raw, labels, strict=True), start=1):
        try:
            parts.append(Part(code, name, geojson_polygons(feature.get("geometry")), []))
        except Refusal as error:
            feature_code = f"feature_{error.code}"
            problems.append(
                Problem.of(file, feature_code, number=number, code=code, **error.params)
            )
    if problems:
        raise InputError(problems[:_MAX_PROBLEMS])
    return parts


def geojson_polygons(geometry: Any) -> list[Polygon]:
    """Return the polygons of a GeoJSON geometry; ValueError saying why when it has none with an
    area or is not valid."""
    if not isinstance(geometry, dict):
        raise Refusal("no_geometry")
    try:
        parsed = shape(geometry)
    except (
        KeyError,
        TypeError,
        ValueError,
        IndexError,
        AttributeError,
        shapely.errors.ShapelyError,
    ):
        raise Refusal("invalid_geometry", type=str(geometry.get("type"))) from None
    if not np.isfinite(shapely.get_coordinates(parsed)).all():  # null, NaN or Infinity
        raise Refusal("not_finite")
    polygons = [p for p in getattr(parsed, "geoms", [parsed]) if isinstance(p, Polygon)]
    if not polygons:
        raise Refusal("not_polygon", type=parsed.geom_type)
    polygons = [p for p in polygons if p.area > 0]  # not its corners all on a line
    if not polygons:
        raise Refusal("no_area")
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
        value = props.get(keys.get(code_key, ""))
        code = _parse_code(value)
        if code is None:
            key = keys.get(code_key, code_key.upper())
            if value is None:
                problems.append(Problem.of(file, "feature_no_key", number=number, key=key))
            else:
                problems.append(
                    Problem.of(
                        file, "feature_key_not_whole", number=number, key=key, value=repr(value)
                    )
                )
        labels.append((code or 0, str(props.get(keys.get(name_key, "")) or "")))
    if problems:
        raise InputError(problems[:_MAX_PROBLEMS])
    return labels


def _detect_keys(
    properties: Sequence[dict[str, Any]], file: str, level: Level | None
) -> tuple[str, str]:
    """Return the (code, name) property names in lower case, the first pair the file has."""
    names = {key for props in properties for key in props}
    present = {key.lower() for key in names}
    pairs = _PROPERTY_PAIRS[level]
    for code_key, name_key in pairs:
        if code_key.lower() in present and name_key.lower() in present:
            return code_key.lower(), name_key.lower()
    accepted = " or ".join(f"{code}/{name}" for code, name in pairs)
    found = ", ".join(sorted(names)) or "none"
    code = f"no_{level}_properties" if level else "no_properties"
    raise InputError([Problem.of(file, code, accepted=accepted, found=found)])


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
