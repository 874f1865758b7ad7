"""A place's moves by municipality, cut from flow cells (samskab.facts.where): the sums, the
one rule for hidden sums and nets, the order, the top list, and the outlines for the map."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from samskab.facts.where import outline_json, published, top, where_cells

# (origin, origin kind, origin municipality, destination, kind, municipality, moves, hidden)
CELLS = [
    ("Nord", "area", 760, "Syd", "area", 760, 9, False),  # between the chosen areas
    ("Nord", "area", 760, "Ringkøbing-Skjern", "no_area", 760, 2, True),  # home, small
    ("Syd", "area", 760, "Ringkøbing-Skjern", "no_area", 760, 6, False),  # home
    ("Nord", "area", 760, "Herning", "municipality", 657, 30, False),
    ("Syd", "area", 760, "Herning", "municipality", 657, 8, False),
    ("Holstebro", "municipality", 661, "Nord", "area", 760, 20, False),
    ("Nord", "area", 760, "Aarhus", "municipality", 751, 3, True),  # hidden out
    ("Aarhus", "municipality", 751, "Syd", "area", 760, 12, False),
    ("Nord", "area", 760, "abroad", "abroad", 0, 12, False),
    ("abroad", "abroad", 0, "Syd", "area", 760, 7, False),
]
COLUMNS = ["origin", "origin_kind", "origin_municipality", "destination", "destination_kind",
           "destination_municipality", "moves", "hidden"]  # fmt: skip


def cells() -> pd.DataFrame:
    return pd.DataFrame(CELLS, columns=COLUMNS)


def test_both_areas_together_sum_their_moves_by_municipality_and_keep_their_own_apart():
    table = where_cells(cells(), ["Nord", "Syd"])
    rows = {(r.place, r.kind): (r.moved_out, r.moved_in, r.net) for r in table.itertuples()}
    assert rows == {
        ("Herning", "municipality"): (38, 0, -38),
        ("Holstebro", "municipality"): (0, 20, 20),
        ("Aarhus", "municipality"): (3, 12, 9),
        ("Ringkøbing-Skjern", "home"): (8, 0, -8),
        ("abroad", "abroad"): (12, 7, -5),
    }


def test_a_sum_with_a_hidden_cell_is_hidden_and_so_is_its_net():
    table = where_cells(cells(), ["Nord", "Syd"]).set_index("place")
    assert table.loc["Ringkøbing-Skjern", "moved_out_hidden"]  # 2 hidden + 6 shown
    assert table.loc["Aarhus", ["moved_out_hidden", "moved_in_hidden", "net_hidden"]].tolist() == [
        True, False, True]  # fmt: skip
    shown = published(where_cells(cells(), ["Nord", "Syd"]), 5).set_index("place")
    assert shown.loc["Aarhus"].tolist()[1:] == ["municipality", "<5", 12, ".."]
    assert shown.loc["Ringkøbing-Skjern"].tolist()[1:] == ["home", "..", 0, ".."]
    exact = published(where_cells(cells(), ["Nord", "Syd"]), None).set_index("place")
    assert exact.loc["Aarhus"].tolist()[1:] == ["municipality", 3, 12, 9]


def test_rows_are_ordered_by_shown_figures_never_by_hidden_ones():
    table = where_cells(cells(), ["Nord", "Syd"])
    # Herning 38 and Holstebro 20 by size; Aarhus (15 in all, but one side hidden) after them.
    assert list(table["place"]) == ["Herning", "Holstebro", "Aarhus", "Ringkøbing-Skjern", "abroad"]


def test_the_top_list_ranks_only_shown_figures_of_other_municipalities():
    table = where_cells(cells(), ["Nord", "Syd"])
    assert list(top(table, "moved_out", 5)["place"]) == ["Herning"]
    assert list(top(table, "moved_in", 5)["place"]) == ["Holstebro", "Aarhus"]
    assert list(top(table, "net", 5)["place"]) == ["Herning", "Holstebro"]  # Aarhus's is hidden


def test_one_area_counts_moves_to_the_other_as_inside_the_municipality():
    table = where_cells(cells(), ["Nord"]).set_index("place")
    assert table.loc["Ringkøbing-Skjern", ["moved_out", "moved_in"]].tolist() == [11, 0]
    assert "Holstebro" in table.index and table.loc["Herning", "moved_out"] == 30


def test_the_outlines_carry_code_name_and_a_label_point_inside(tmp_path: Path):
    def square(x: float) -> list[list[list[float]]]:
        return [[[x, 56], [x, 57], [x + 1, 57], [x + 1, 56], [x, 56]]]

    features = [
        {"type": "Feature", "properties": {"KOMKODE": code, "KOMNAVN": name},
         "geometry": {"type": "Polygon", "coordinates": square(x)}}
        for code, name, x in (("0760", "Ringkøbing-Skjern", 8.0), ("0657", "Herning", 9.0))
    ]  # fmt: skip
    path = tmp_path / "kommuner.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    outlines = outline_json(path, name="kommuner.geojson")
    props = sorted((f["properties"] for f in outlines["features"]), key=lambda p: p["code"])
    assert [(p["code"], p["name"]) for p in props] == [(657, "Herning"), (760, "Ringkøbing-Skjern")]
    assert 9 < props[0]["lon"] < 10 and 56 < props[0]["lat"] < 57
