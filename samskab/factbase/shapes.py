"""Parish shapes for the map: read a boundary file once, return GeoJSON ready for Vega.

Two kinds of file are accepted: DAGI parish boundaries (TopoJSON or GeoJSON with SOGNEKODE or
code properties, read by samskab.facts.boundaries, rings wound for Vega there), and GeoJSON whose
features carry a `parish` property, as the demo data's parishes.geojson (rings already wound).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape

from samskab.facts.boundaries import read_boundaries, to_geojson
from samskab.facts.boundary_files import geojson_polygons, load_json
from samskab.facts.errors import InputError, Problem


def read_parish_shapes(path: Path, *, display_name: str | None = None) -> dict[str, Any]:
    """Return a FeatureCollection with properties `parish` (int) and `parish_name` per feature.

    Raises InputError naming the file when it holds no parish polygons."""
    file = display_name or path.name
    document = load_json(path, file)
    features = document.get("features")
    if isinstance(features, list) and features and _has_parish_property(features):
        return {"type": "FeatureCollection", "features": _demo_features(features, file)}
    boundaries = read_boundaries(path, "parish", name=file)
    properties = [{"parish": b.code, "parish_name": b.name} for b in boundaries]
    return to_geojson(boundaries, properties=properties, for_vega=True, precision=5)


def _has_parish_property(features: list[Any]) -> bool:
    """Return whether a feature has a `parish` property: then every feature needs one."""
    properties = (f.get("properties") for f in features if isinstance(f, dict))
    return any(isinstance(p, dict) and "parish" in p for p in properties)


def _demo_features(features: list[Any], file: str) -> list[dict[str, Any]]:
    """Return the features with integer parish codes; InputError for one without a parish code
    or without a polygon that can be drawn."""
    result = []
    problems = []
    for number, feature in enumerate(features, start=1):
        parsed = _demo_feature(feature)
        if parsed is None:
            problems.append(Problem.of(file, "demo_feature", number=number))
        else:
            result.append(parsed)
    if problems:
        raise InputError(problems[:10])
    return result


def _demo_feature(feature: Any) -> dict[str, Any] | None:
    """Return the feature with its parish code as a number, or None when it is not usable."""
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        return None
    props, geometry = feature["properties"], feature.get("geometry")
    code = str(props.get("parish", "")).strip()
    if not code.isdigit() or not _is_polygon(geometry):
        return None
    name = str(props.get("parish_name") or props.get("name") or code)
    properties = {"parish": int(code), "parish_name": name}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _is_polygon(geometry: Any) -> bool:
    """Return whether the geometry is a Polygon or MultiPolygon that can be drawn as it is."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return False
    try:
        geojson_polygons(geometry)
    except ValueError:
        return False
    return True


def area_label_points(collection: dict[str, Any], area_of: dict[int, str]) -> list[dict[str, Any]]:
    """Return one point per area (longitude, latitude, area) inside the union of its parishes."""
    by_area: dict[str, list[Any]] = {}
    for feature in collection["features"]:
        area = area_of.get(feature["properties"]["parish"])
        if area is not None:
            by_area.setdefault(area, []).append(shape(feature["geometry"]).buffer(0))
    points = []
    for area, parts in by_area.items():
        point = shapely.union_all(parts).representative_point()
        points.append({"area": area, "longitude": point.x, "latitude": point.y})
    return points


def dumps(collection: dict[str, Any]) -> str:
    """Return the collection as compact JSON (stored beside the dataset's files)."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
