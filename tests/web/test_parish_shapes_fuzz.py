"""Whatever a dataset's boundary file holds, the map's parish shapes are made from it (as JSON a
browser can parse, with a label point per area) or it is refused with InputError naming it."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from samskab.factbase.shapes import area_label_points, dumps, read_parish_shapes
from samskab.facts.errors import InputError
from tests.facts.test_boundary_fuzz import GEOJSON, TOPOJSON, boundary_files, square

DEMO: dict[str, Any] = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"parish": 7001, "parish_name": "Nord"},
         "geometry": {"type": "Polygon", "coordinates": square(8, 56)}},
        {"type": "Feature", "properties": {"parish": "7002", "name": "Syd"},
         "geometry": {"type": "MultiPolygon", "coordinates": [square(9, 56)]}},
    ],
}  # fmt: skip
AREAS = {7001: "Nord", 7002: "Syd"}


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in the shapes: a browser's JSON.parse refuses the file")


def shapes_or_refused(content: bytes) -> None:
    """Read the file as a dataset's import does, then make the map's label points."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sogne.geojson"
        path.write_bytes(content)
        try:
            shapes = read_parish_shapes(path, display_name="sogne.geojson")
        except InputError as error:
            assert error.problems
            assert all(p.file == "sogne.geojson" and p.message for p in error.problems)
            return
    stored = json.loads(dumps(shapes), parse_constant=_no_constant)
    area_label_points(stored, AREAS)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(boundary_files(good=(DEMO, DEMO, GEOJSON, TOPOJSON)))
def test_any_boundary_file_makes_the_map_or_is_refused(content):
    shapes_or_refused(content)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_demo_parish_whose_position_is_not_a_number_is_refused(tmp_path, value):
    # Was kept as it was: NaN in the stored shapes, which no browser parses, and a
    # GEOSException when the area's label point was placed.
    document = copy.deepcopy(DEMO)
    document["features"][1]["geometry"]["coordinates"][0][0][1][1] = value
    path = tmp_path / "sogne.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_parish_shapes(path)
    assert [str(p) for p in caught.value.problems] == [
        "sogne.geojson: feature 2 has no parish code or no polygon geometry"
    ]


def refused(tmp_path: Path, document: Any) -> list[str]:
    """Return the problems, as a user reads them, of a boundary file uploaded as sogne.geojson."""
    path = tmp_path / "0-upload.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_parish_shapes(path, display_name="sogne.geojson")
    return [str(p) for p in caught.value.problems]


def test_a_refused_dagi_file_is_named_as_it_was_uploaded(tmp_path):
    # Was named by its path on the server, and so tied to no field of the form.
    document = copy.deepcopy(TOPOJSON)
    document["objects"]["sogne"]["geometries"][1]["arcs"] = [["x"]]
    assert refused(tmp_path, document) == [
        "sogne.geojson: not valid TopoJSON: object 'sogne', feature 2: \"arcs\" must hold lists "
        "of arc numbers"
    ]


def test_a_first_feature_whose_properties_are_not_an_object_is_refused(tmp_path):
    # Was a TypeError ("argument of type 'int' is not iterable").
    document = copy.deepcopy(DEMO)
    document["features"][0]["properties"] = 20384
    assert refused(tmp_path, document) == [
        "sogne.geojson: feature 1 has no parish code or no polygon geometry"
    ]


def test_a_demo_geometry_whose_type_is_not_a_name_is_refused(tmp_path):
    # Was a TypeError ("unhashable type: 'dict'").
    document = copy.deepcopy(DEMO)
    document["features"][0]["geometry"]["type"] = {"a": []}
    assert refused(tmp_path, document) == [
        "sogne.geojson: feature 1 has no parish code or no polygon geometry"
    ]


@pytest.mark.parametrize("good", [DEMO, GEOJSON])
def test_a_parish_whose_polygon_has_no_area_is_refused(tmp_path, good):
    # Was kept, and a GEOSException ("getX called on empty Point") when its area's label point
    # was placed on the map.
    document = copy.deepcopy(good)
    document["features"][0]["geometry"]["coordinates"] = [[[8, 56], [9, 56], [8, 56], [8, 56]]]
    assert refused(tmp_path, document) == [
        "sogne.geojson: feature 1 has no parish code or no polygon geometry"
        if good is DEMO
        else "sogne.geojson: feature 1 (code 7001) has no polygon with an area"
    ]


def test_a_topojson_parish_whose_polygon_has_no_area_is_refused(tmp_path):
    # A scale of 0 puts every corner on one point.
    document = copy.deepcopy(TOPOJSON)
    document["transform"]["scale"] = [0, 0.001]
    assert refused(tmp_path, document) == [
        "sogne.geojson: feature 1 (code 7001) has no polygon with an area",
        "sogne.geojson: feature 2 (code 7002) has no polygon with an area",
    ]
