"""The flow page's lists (samskab.facts.flow_lists) are ordered by the figures they show: a
hidden cell is placed after the shown ones by name, never by its exact size."""

from __future__ import annotations

import pandas as pd

from samskab.facts.flow_lists import between_areas, largest_flows, top_places

# (origin, origin kind, destination, destination kind, moves, hidden)
CELLS = [
    ("Nord", "area", "Herning", "municipality", 40, False),
    ("Nord", "area", "Aarhus", "municipality", 30, True),  # hidden, though large
    ("Nord", "area", "Billund", "municipality", 2, True),  # hidden and small
    ("Nord", "area", "Holstebro", "municipality", 9, False),
    ("Nord", "area", "Syd", "area", 7, False),
    ("Syd", "area", "Nord", "area", 25, True),  # hidden, though large
    ("Syd", "area", "Vejle", "municipality", 6, False),
]
COLUMNS = ["origin", "origin_kind", "destination", "destination_kind", "moves", "hidden"]


def cells() -> pd.DataFrame:
    return pd.DataFrame(CELLS, columns=COLUMNS)


def test_top_destinations_place_hidden_ones_after_the_shown_ones_by_name():
    table = top_places(cells(), "out", n=10, areas=["Nord", "Syd"], threshold=5)
    nord = table[table["area"] == "Nord"]
    assert nord["destination"].tolist() == ["Herning", "Holstebro", "Syd", "Aarhus", "Billund"]
    assert nord["moves"].tolist() == [40, 9, 7, "..", "<5"]
    assert nord["rank"].tolist() == [1, 2, 3, 4, 5]


def test_a_short_top_list_chooses_its_hidden_places_by_name_not_by_size():
    hidden_large = top_places(cells(), "out", n=4, areas=["Nord", "Syd"], threshold=5)
    smaller = cells()
    smaller.loc[smaller["destination"] == "Aarhus", "moves"] = 1
    hidden_small = top_places(smaller, "out", n=4, areas=["Nord", "Syd"], threshold=5)
    assert hidden_large["destination"].tolist() == hidden_small["destination"].tolist()


def test_the_largest_flows_and_the_flows_between_areas_never_rank_a_hidden_size():
    flows = largest_flows(cells(), n=10, threshold=5)
    pairs = list(zip(flows["origin"], flows["destination"], strict=True))
    assert pairs[:5] == [("Nord", "Herning"), ("Nord", "Holstebro"), ("Nord", "Syd"),
                         ("Syd", "Vejle"), ("Nord", "Aarhus")]  # fmt: skip
    assert pairs[5:] == [("Nord", "Billund"), ("Syd", "Nord")]
    between = between_areas(cells(), threshold=5)
    assert list(zip(between["origin"], between["destination"], strict=True)) == [
        ("Nord", "Syd"), ("Syd", "Nord")]  # fmt: skip


def test_with_exact_figures_every_list_is_ordered_by_size():
    exact = cells().assign(hidden=False)
    table = top_places(exact, "out", n=10, areas=["Nord", "Syd"], threshold=None)
    assert table[table["area"] == "Nord"]["destination"].tolist() == [
        "Herning", "Aarhus", "Holstebro", "Syd", "Billund"]  # fmt: skip
    flows = largest_flows(exact, n=2, threshold=None)
    assert flows["destination"].tolist() == ["Herning", "Aarhus"]
