"""Whatever a boundary file holds (GeoJSON or TopoJSON with any part replaced, bytes damaged,
nesting too deep), reading it and making the map from it either works or raises InputError
naming the file: never another error."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.facts.boundaries import parish_pieces, read_boundaries, simplify, to_geojson
from samskab.facts.errors import InputError
from tests.common.damage import damaged, edited_documents

NORD = {"SOGNEKODE": "7001", "SOGNENAVN": "Nord", "KOMKODE": "0760", "KOMNAVN": "R"}
SYD = {"SOGNEKODE": 7002, "SOGNENAVN": "Syd", "KOMKODE": 760, "KOMNAVN": "R"}


def square(x: float, y: float) -> list[list[list[float]]]:
    return [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]


GEOJSON: dict[str, Any] = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": NORD,
         "geometry": {"type": "Polygon", "coordinates": square(8, 56)}},
        {"type": "Feature", "properties": SYD,
         "geometry": {"type": "MultiPolygon", "coordinates": [square(9, 56), square(8, 55)]}},
    ],
}  # fmt: skip
TOPOJSON: dict[str, Any] = {
    "type": "Topology",
    "transform": {"scale": [0.001, 0.001], "translate": [8, 56]},
    "objects": {
        "sogne": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": NORD},
                {"type": "MultiPolygon", "arcs": [[[~1, 2]]], "properties": SYD},
            ],
        }
    },
    "arcs": [
        [[1000, 0], [-1000, 0], [0, 1000], [1000, 0]],
        [[1000, 1000], [0, -1000]],
        [[1000, 1000], [1000, 0], [0, -1000], [-1000, 0]],
    ],
}


def _nested(depth: int) -> bytes:
    return b'{"type": "FeatureCollection", "features": ' + b"[" * depth + b"]" * depth + b"}"


@st.composite
def boundary_files(
    draw: st.DrawFn, good: tuple[dict[str, Any], ...] = (GEOJSON, TOPOJSON)
) -> bytes:
    """Return a boundary file: edited, its bytes damaged, or nested deeper than any parser goes."""
    kind = draw(st.sampled_from(["edited"] * 6 + ["damaged", "nested"]))
    if kind == "nested":
        return _nested(draw(st.sampled_from([100, 10_000, 200_000])))
    document = draw(edited_documents(draw(st.sampled_from(good))))
    content = json.dumps(document).encode()
    return draw(damaged(content, most=1)) if kind == "damaged" else content


def read_and_draw(content: bytes) -> None:
    """Read the file at both levels and make the map as `samskab facts boundaries` does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sogne.geojson"
        path.write_bytes(content)
        try:
            parishes = read_boundaries(path, "parish")
            municipalities = read_boundaries(path, "municipality")
        except InputError as error:
            assert error.problems
            assert all(p.file == str(path) and p.message for p in error.problems)
            return
    pieces = parish_pieces(parishes, municipalities)
    shapes = simplify([piece for _, piece in pieces], 0.1)
    json.dumps(to_geojson(shapes), allow_nan=False)


@settings(max_examples=100, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(boundary_files())
def test_any_boundary_file_is_drawn_or_refused(content):
    read_and_draw(content)


def refusal(tmp_path: Path, content: bytes) -> str:
    """Return the message of the InputError that reading `content` raises."""
    path = tmp_path / "sogne.geojson"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_boundaries(path, "parish")
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    return problem.message


def test_a_file_nested_deeper_than_json_can_be_read_is_refused(tmp_path):
    # Was a RecursionError from json.loads.
    assert refusal(tmp_path, _nested(200_000)) == "not valid JSON: nested too deeply to be read"


def test_a_geometry_of_an_unknown_type_is_refused(tmp_path):
    # Was shapely's GeometryTypeError ("Unknown geometry type: 'polon'").
    document = copy.deepcopy(GEOJSON)
    document["features"][1]["geometry"]["type"] = "Polon"
    assert refusal(tmp_path, json.dumps(document).encode()) == (
        "feature 2 (code 7002): the Polon geometry is not valid GeoJSON"
    )


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_geojson_position_that_is_not_a_number_is_refused(tmp_path, value):
    # Was a GEOSException ("encountered NaN/Inf numbers") when the map was made.
    document = copy.deepcopy(GEOJSON)
    document["features"][0]["geometry"]["coordinates"][0][2][0] = value
    assert refusal(tmp_path, json.dumps(document).encode()) == (
        "feature 1 (code 7001): a position is not a pair of finite numbers"
    )


@pytest.mark.parametrize(
    ("where", "value"),
    [(("arcs", 0, 2, 0), None), (("transform", "scale", 0), float("nan")),
     (("transform", "translate", 1), float("inf")), (("arcs", 0, 0, 0), 1e308)],
)  # fmt: skip
def test_a_topojson_position_that_is_not_a_number_is_refused(tmp_path, where, value):
    # Was a GEOSException ("Points of LinearRing do not form a closed linestring"); 1e308 is a
    # finite number that is no longer one once scaled.
    document = copy.deepcopy(TOPOJSON)
    document["transform"]["scale"] = [1000, 1000]
    parent = document
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = value
    assert refusal(tmp_path, json.dumps(document).encode()) == (
        "not valid TopoJSON: arc 0 has a position that is not a pair of finite numbers"
    )
