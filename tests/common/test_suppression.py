"""Small-cell suppression: small counts hidden, and never recoverable from what is shown."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from samskab.common.suppression import COMPLEMENT_MARKER, suppress


def test_small_counts_read_below_the_threshold_and_their_complements_read_dots():
    table = pd.DataFrame({"area": ["A", "B", "C"], "moves": [3, 10, 20]})
    shown = suppress(table, counts=["moves"], dims=["area"])
    # Hiding 3 alone would leave it as total − 30; the next smallest cell goes with it.
    assert shown.moves.tolist() == ["<5", COMPLEMENT_MARKER, 20]


def test_zero_is_shown_and_a_clean_table_is_unchanged():
    table = pd.DataFrame({"area": ["A", "B"], "moves": [0, 12]})
    assert suppress(table, counts=["moves"], dims=["area"]).moves.tolist() == [0, 12]


def test_a_net_is_hidden_with_its_counts_and_cannot_be_recomputed():
    table = pd.DataFrame(
        {
            "area": ["A", "B", "C"],
            "moves_in": [3, 10, 20],
            "moves_out": [8, 9, 16],
            "net": [-5, 1, 4],
        }
    )
    shown = suppress(
        table,
        counts=["moves_in", "moves_out"],
        dims=["area"],
        derived={"net": ["moves_in", "moves_out"]},
    )
    assert shown.net.tolist()[:2] == [COMPLEMENT_MARKER, COMPLEMENT_MARKER]
    assert shown.net.tolist()[2] == 4


def test_a_threshold_can_be_chosen():
    table = pd.DataFrame({"area": ["A", "B", "C"], "moves": [7, 7, 30]})
    assert suppress(table, counts=["moves"], dims=["area"], threshold=10).moves.tolist() == [
        "<10",
        "<10",
        30,
    ]


cells = st.lists(st.integers(min_value=0, max_value=40), min_size=12, max_size=12)


@settings(max_examples=200, deadline=None)
@given(cells)
def test_no_line_of_a_two_way_table_has_exactly_one_hidden_cell(values):
    table = pd.DataFrame(
        {
            "area": [a for a in "ABCD" for _ in range(3)],
            "age_band": ["0-17", "18-29", "30+"] * 4,
            "moves": values,
        }
    )
    shown = suppress(table, counts=["moves"], dims=["area", "age_band"])
    hidden = shown.moves.map(lambda v: isinstance(v, str))
    assert not (shown.moves[~hidden].between(1, 4)).any()
    for dim in ("area", "age_band"):
        other = "age_band" if dim == "area" else "area"
        per_line = hidden.groupby(table[other]).sum()
        assert (per_line != 1).all(), f"a line along {dim} has a lone hidden cell"
