"""Tests for reading, joining, simplifying and exporting parish and municipality boundaries."""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import Polygon

from samskab.facts.boundaries import (
    Assignment,
    Boundary,
    assign_parishes,
    read_boundaries,
    simplify,
    to_geojson,
    vertex_count,
)
from samskab.facts.boundaries_cli import register
from samskab.facts.errors import FactsError, InputError
from samskab.facts.municipalities import municipality_codes

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
DAGI = SHARED / "dagi2014"


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area: positive for counter-clockwise rings (x east, y north)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


# Two unit squares side by side sharing arc 0 (the border x = 11), and an island triangle of
# parish 7002, quantized with scale (0.5, 0.25) and translate (10, 55). Arc 1 starts with a
# three-value point, as some DAGI arcs do. In quantized units: A = (0,0)-(2,4), B = (2,0)-(4,4),
# island (6,0), (7,0), (6,2).
VEST = {"SOGNEKODE": "7001", "SOGNENAVN": "Vest"}
OEST = {"SOGNEKODE": "7002", "SOGNENAVN": "Øst"}
TWO_SQUARES: dict[str, Any] = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 55]},
    "arcs": [
        [[2, 0], [0, 4]],
        [[2, 4, -999], [-2, 0], [0, -4], [2, 0]],
        [[2, 0], [2, 0], [0, 4], [-2, 0]],
        [[6, 0], [1, 0], [-1, 2], [0, -2]],
    ],
    "objects": {
        "sogne": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": VEST},
                {"type": "Polygon", "arcs": [[-1, 2]], "properties": OEST},
                {"type": "MultiPolygon", "arcs": [[[3]]], "properties": OEST},
            ],
        }
    },
}


def square(x0: float, y0: float, x1: float, y1: float) -> list[list[list[float]]]:
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


MUNICIPALITIES: dict[str, Any] = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"komkode": "0760", "komnavn": "Ringkøbing-Skjern"},
            "geometry": {"type": "Polygon", "coordinates": square(9.9, 54.9, 12.05, 56.1)},
        },
        {
            "type": "Feature",
            "properties": {"KomKode": 661, "KomNavn": "Holstebro"},
            "geometry": {"type": "Polygon", "coordinates": square(12.9, 54.9, 13.6, 55.6)},
        },
    ],
}


@pytest.fixture
def squares(tmp_path: Path) -> list[Boundary]:
    return read_boundaries(write(tmp_path / "sogne.topojson", TWO_SQUARES), "parish")


def test_topojson_decodes_quantized_delta_arcs(squares: list[Boundary]) -> None:
    west = squares[0]
    assert (west.code, west.name) == (7001, "Vest")
    assert list(west.geometry.exterior.coords) == [(11, 55), (11, 56), (10, 56), (10, 55), (11, 55)]
    assert west.geometry.area == pytest.approx(1.0)


def test_reversed_arc_index_walks_the_shared_arc_backwards(squares: list[Boundary]) -> None:
    east = squares[1]
    first = east.geometry.geoms[0]
    assert list(first.exterior.coords) == [(11, 56), (11, 55), (12, 55), (12, 56), (11, 56)]
    assert first.intersection(squares[0].geometry).length == pytest.approx(1.0)


def test_features_sharing_a_code_merge_into_one_multipolygon(squares: list[Boundary]) -> None:
    east = squares[1]
    assert east.geometry.geom_type == "MultiPolygon"
    island = east.geometry.geoms[1]
    assert list(island.exterior.coords) == [(13, 55), (13.5, 55), (13, 55.5), (13, 55)]
    assert [b.code for b in squares] == [7001, 7002]


def test_unquantized_topojson_and_nested_geometry_collection(tmp_path: Path) -> None:
    document = {
        "type": "Topology",
        "arcs": [[[8.0, 55.0], [9.0, 55.0], [9.0, 56.0], [8.0, 55.0]]],
        "objects": {
            "x": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "GeometryCollection",
                        "properties": {"code": 5, "name": "Five"},
                        "geometries": [{"type": "Polygon", "arcs": [[0]]}],
                    }
                ],
            }
        },
    }
    (five,) = read_boundaries(write(tmp_path / "five.json", document))
    assert (five.code, five.name) == (5, "Five")
    assert list(five.geometry.exterior.coords) == [(8, 55), (9, 55), (9, 56), (8, 55)]


def test_geojson_with_any_case_property_names(tmp_path: Path) -> None:
    municipalities = read_boundaries(write(tmp_path / "k.geojson", MUNICIPALITIES), "municipality")
    assert [(m.code, m.name) for m in municipalities] == [
        (661, "Holstebro"),
        (760, "Ringkøbing-Skjern"),
    ]
    assert municipalities[1].geometry.bounds == (9.9, 54.9, 12.05, 56.1)


def test_assign_parishes_by_representative_point(tmp_path: Path, squares: list[Boundary]) -> None:
    municipalities = read_boundaries(write(tmp_path / "k.geojson", MUNICIPALITIES))
    # Parish 7002's island lies in 661: a parish cut by a municipal border gets a row for each
    # municipality, the one holding most of its area first.
    assert assign_parishes(squares, municipalities) == [
        Assignment(7001, "Vest", 760),
        Assignment(7002, "Øst", 760),
        Assignment(7002, "Øst", 661),
    ]


def test_parish_in_no_municipality_is_left_out(
    squares: list[Boundary], caplog: pytest.LogCaptureFixture
) -> None:
    far_away = Boundary(101, "Elsewhere", Polygon([(0, 0), (1, 0), (1, 1)]))
    assert assign_parishes(squares, [far_away]) == []
    assert "parish 7001 Vest is in no municipality" in caplog.text


def test_overlap_decides_when_the_point_is_in_no_municipality(squares: list[Boundary]) -> None:
    # 760 stops just short of the middle of parish 7001 (x = 10.5), 661 covers the rest.
    west = Boundary(760, "Vest", shapely.box(9, 54, 10.4, 57))
    east = Boundary(661, "Øst", shapely.box(10.45, 54, 14, 57))
    rows = assign_parishes(squares[:1], [west, east])
    assert rows == [Assignment(7001, "Vest", 661)]


def test_to_geojson_winds_exteriors_clockwise_for_vega(tmp_path: Path) -> None:
    outer = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]]
    hole = [[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 1.0], [1.0, 1.0]]
    holed = Boundary(1, "Holed", Polygon(outer, [hole]))
    vega = to_geojson([holed])["features"][0]["geometry"]["coordinates"]
    assert signed_area(vega[0]) == pytest.approx(-16) and signed_area(vega[1]) == pytest.approx(1)
    rfc = to_geojson([holed], for_vega=False)["features"][0]["geometry"]["coordinates"]
    assert signed_area(rfc[0]) == pytest.approx(16) and signed_area(rfc[1]) == pytest.approx(-1)


def test_to_geojson_properties_and_rounding(squares: list[Boundary]) -> None:
    collection = to_geojson(squares, properties=[{"parish": 1}, {"parish": 2}], precision=1)
    assert [f["properties"] for f in collection["features"]] == [{"parish": 1}, {"parish": 2}]
    assert collection["features"][1]["geometry"]["type"] == "MultiPolygon"
    assert to_geojson(squares)["features"][0]["properties"] == {"code": 7001, "name": "Vest"}
    # Rounded to whole degrees the island collapses to a line and is left out.
    rounded = to_geojson(squares, precision=0)["features"][1]["geometry"]
    assert rounded["type"] == "Polygon" and signed_area(rounded["coordinates"][0]) == -1


ZIGZAG: dict[str, Any] = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [
        [[10, 0], [1, 2], [-2, 2], [2, 2], [-2, 2], [1, 2]],
        [[10, 10], [-10, 0], [0, -10], [10, 0]],
        [[10, 0], [10, 0], [0, 10], [-10, 0]],
    ],
    "objects": {
        "o": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"code": 1, "name": "A"}},
                {"type": "Polygon", "arcs": [[-1, 2]], "properties": {"code": 2, "name": "B"}},
            ],
        }
    },
}


def test_simplify_keeps_shared_borders_identical(tmp_path: Path) -> None:
    a, b = read_boundaries(write(tmp_path / "zigzag.topojson", ZIGZAG))
    simple_a, simple_b = simplify([a, b], 2.0)
    # The zigzag border became the straight line x = 10 on both sides: no gap, no overlap.
    assert vertex_count([simple_a, simple_b]) < vertex_count([a, b])
    assert simple_a.geometry.intersection(simple_b.geometry).area == pytest.approx(0)
    assert simple_a.geometry.union(simple_b.geometry).area == pytest.approx(200)
    assert simple_a.geometry.area == pytest.approx(100)


def test_simplify_never_collapses_a_feature(squares: list[Boundary]) -> None:
    simplified = simplify(squares, 100.0)
    assert all(not b.geometry.is_empty and b.geometry.area > 0 for b in simplified)
    assert [b.code for b in simplified] == [7001, 7002]


def test_simplify_geojson_features_one_by_one(tmp_path: Path) -> None:
    ring = [[0, 0], [5, 0.01], [10, 0], [10, 10], [0, 10], [0, 0]]
    document = {
        "type": "Feature",
        "properties": {"CODE": 3, "NAME": "C"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    (feature,) = read_boundaries(write(tmp_path / "c.geojson", document))
    (simple,) = simplify([feature], 0.1)
    assert vertex_count([simple]) == 5 and simple.topology is None


# What a user sees for bad input: the file, and what is wrong with it.


def message(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_boundaries(path, "parish")
    return str(caught.value)


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"type": "Topology",\n  "arcs": [}', encoding="utf-8")
    assert message(path) == f"{path}, row 2: not valid JSON: Expecting value (column 12)"


def test_json_that_is_not_geojson(tmp_path: Path) -> None:
    assert message(write(tmp_path / "list.json", [1, 2])) == (
        f"{tmp_path / 'list.json'}: not TopoJSON or GeoJSON: the file is not a JSON object"
    )
    point = write(tmp_path / "point.json", {"type": "Point", "coordinates": [1, 2]})
    assert message(point) == (
        f"{point}: not TopoJSON or GeoJSON: \"type\" is 'Point'; "
        "expected Topology or FeatureCollection"
    )


def test_missing_file(tmp_path: Path) -> None:
    assert message(tmp_path / "nope.topojson") == f"{tmp_path / 'nope.topojson'}: file not found"


def test_no_code_property(tmp_path: Path) -> None:
    document = {**MUNICIPALITIES}
    path = write(tmp_path / "kommuner.geojson", document)
    assert message(path) == (
        f"{path}: no parish code and name properties: expected SOGNEKODE/SOGNENAVN or "
        "code/name (found: KomKode, KomNavn, komkode, komnavn)"
    )


def test_code_that_is_not_a_number(tmp_path: Path) -> None:
    document = json.loads(json.dumps(TWO_SQUARES))
    document["objects"]["sogne"]["geometries"][1]["properties"]["SOGNEKODE"] = "Øst"
    del document["objects"]["sogne"]["geometries"][2]["properties"]["SOGNEKODE"]
    path = write(tmp_path / "sogne.topojson", document)
    assert message(path) == (
        f"{path}: feature 2 SOGNEKODE 'Øst' is not a whole number\n"
        f"{path}: feature 3 has no SOGNEKODE"
    )


def test_arc_index_out_of_range(tmp_path: Path) -> None:
    document = json.loads(json.dumps(TWO_SQUARES))
    document["objects"]["sogne"]["geometries"][0]["arcs"] = [[0, -9]]
    path = write(tmp_path / "sogne.topojson", document)
    assert message(path) == f"{path}: not valid TopoJSON: arc -9 does not exist (the file has 4)"


def test_line_geometry_is_refused(tmp_path: Path) -> None:
    document = json.loads(json.dumps(TWO_SQUARES))
    document["objects"]["sogne"]["geometries"][0]["type"] = "LineString"
    path = write(tmp_path / "sogne.topojson", document)
    assert message(path) == (
        f"{path}: not valid TopoJSON: object 'sogne', feature 1 is a LineString, "
        "not a Polygon or MultiPolygon"
    )


# The command line.


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="samskab")
    register(parser.add_subparsers(required=True))
    args = parser.parse_args(["boundaries", *argv])
    result: int = args.handler(args)
    return result


def test_cli_writes_one_municipality(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parishes = write(tmp_path / "sogne.topojson", TWO_SQUARES)
    municipalities = write(tmp_path / "kommuner.geojson", MUNICIPALITIES)
    out = tmp_path / "out.geojson"
    files = ["--parishes", str(parishes), "--municipalities", str(municipalities)]
    assert run_cli(*files, "--out", str(out), "--municipality", "661") == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    (feature,) = written["features"]
    assert feature["properties"] == {"parish": 7002, "parish_name": "Øst", "municipality": 661}
    (ring,) = feature["geometry"]["coordinates"]
    assert sorted(map(tuple, ring)) == [(13, 55), (13, 55.5), (13, 55.5), (13.5, 55)]
    assert signed_area(ring) == pytest.approx(-0.125)
    printed = capsys.readouterr().out
    assert "Assigned 2 of 2 parishes to 2 of 2 municipalities." in printed
    assert "1 parish in Holstebro (661)." in printed


def test_cli_unknown_municipality(tmp_path: Path) -> None:
    parishes = write(tmp_path / "sogne.topojson", TWO_SQUARES)
    municipalities = write(tmp_path / "kommuner.geojson", MUNICIPALITIES)
    files = ["--parishes", str(parishes), "--municipalities", str(municipalities)]
    with pytest.raises(FactsError, match="there is no municipality with code 999"):
        run_cli(*files, "--out", str(tmp_path / "o.geojson"), "--municipality", "999")


# The real DAGI 2014 boundaries.

needs_dagi = pytest.mark.skipif(
    not DAGI.is_dir(), reason=f"reference data not found at {DAGI} (only in the project checkout)"
)


@pytest.fixture(scope="module")
def dagi() -> tuple[list[Boundary], list[Boundary]]:
    parishes = read_boundaries(DAGI / "sogne.topojson", "parish")
    municipalities = read_boundaries(DAGI / "kommuner.topojson", "municipality")
    return parishes, municipalities


@needs_dagi
@pytest.mark.shared
def test_dagi_every_parish_gets_a_municipality(
    dagi: tuple[list[Boundary], list[Boundary]],
) -> None:
    parishes, municipalities = dagi
    rows = assign_parishes(parishes, municipalities)
    assert len(parishes) == 2148
    assert {row.parish for row in rows} == {p.code for p in parishes}
    assert {m.code for m in municipalities} == set(municipality_codes())
    assert len({row.parish for row in rows if row.municipality == 760}) == 44
    # Husby lies on both sides of the Holstebro / Ringkøbing-Skjern border.
    assert [row.municipality for row in rows if row.parish == 8739] == [661, 760]


@needs_dagi
@pytest.mark.shared
def test_dagi_geojson_for_vega_is_clockwise(dagi: tuple[list[Boundary], list[Boundary]]) -> None:
    parishes, _ = dagi
    polygons = []
    for feature in to_geojson(parishes)["features"]:
        geometry = feature["geometry"]
        coordinates = geometry["coordinates"]
        polygons.extend([coordinates] if geometry["type"] == "Polygon" else coordinates)
    assert all(signed_area(polygon[0]) < 0 for polygon in polygons)
    holes = [ring for polygon in polygons for ring in polygon[1:]]
    assert holes and all(signed_area(ring) > 0 for ring in holes)


@needs_dagi
@pytest.mark.shared
def test_dagi_simplify_reduces_vertices(dagi: tuple[list[Boundary], list[Boundary]]) -> None:
    parishes, _ = dagi
    simplified = simplify(parishes, 0.001)
    assert [b.code for b in simplified] == [b.code for b in parishes]
    assert all(not b.geometry.is_empty and b.geometry.area > 0 for b in simplified)
    assert vertex_count(simplified) < 0.8 * vertex_count(parishes)
