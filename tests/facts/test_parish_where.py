"""A parish's moves (samskab.facts.parish_where): to and from the other parishes of its
municipality and by municipality beyond it, held against a plain count of a hand-made register."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from samskab.facts.municipalities import ABROAD, municipality_name
from samskab.facts.parish_where import by_municipality, by_parish, chosen, home_municipality

HERE = 7001
# (from municipality, from parish, to municipality, to parish, age band, household, moves)
REGISTER = [
    (760, 7001, 760, 7002, "18-29", "single", 4),
    (760, 7002, 760, 7001, "30-44", "couple", 9),
    (760, 7001, 760, 7003, "18-29", "couple", 2),
    (760, 7001, 760, None, "65+", "single", 1),  # a parish of the municipality, unknown
    (760, 7001, 657, 6001, "18-29", "single", 11),
    (657, 6002, 760, 7001, "30-44", "couple", 5),
    (661, None, 760, 7001, "18-29", "single", 3),
    (760, 7001, ABROAD, None, "30-44", "single", 6),
    (ABROAD, None, 760, 7001, "18-29", "couple", 2),
    (760, 7002, 657, 6001, "18-29", "single", 40),  # not the parish's: left out
]
COLUMNS = ["from_municipality", "from_parish", "to_municipality", "to_parish", "age_band",
           "household_type", "moves"]  # fmt: skip


def counted() -> pd.DataFrame:
    frame = pd.DataFrame(REGISTER, columns=COLUMNS)
    frame = frame[(frame["from_parish"] == HERE) | (frame["to_parish"] == HERE)]
    return frame.astype({"from_parish": "Int64", "to_parish": "Int64"}).reset_index(drop=True)


def plain(age: str = "", household: str = ""):
    """Count by hand: {other parish: (out, in)} in 760 and {(municipality, kind): (out, in)}."""
    parishes: Counter = Counter()
    places: Counter = Counter()
    for fm, fp, tm, tp, a, h, n in REGISTER:
        if age not in ("", a) or household not in ("", h):
            continue
        for here, there, municipality, side in ((fp, tp, tm, 0), (tp, fp, fm, 1)):
            if here != HERE:
                continue
            if municipality == 760:
                parishes[(there, side)] += n
            kind = "abroad" if municipality == ABROAD else (
                "home" if municipality == 760 else "municipality")  # fmt: skip
            places[(municipality, kind, side)] += n
    pairs = {k[0] for k in parishes}
    keys = {k[:2] for k in places}
    return (
        {p: (parishes[(p, 0)], parishes[(p, 1)]) for p in pairs},
        {k: (places[(*k, 0)], places[(*k, 1)]) for k in keys},
    )


def test_every_figure_is_the_plain_count_in_every_filter():
    for age in ("", "18-29", "30-44", "65+"):
        for household in ("", "single", "couple"):
            moves = chosen(counted(), age or None, household or None)
            parishes, places = plain(age, household)
            table = by_parish(moves, HERE, 760)
            got = {
                (None if pd.isna(r.parish) else int(r.parish)): (r.moved_out, r.moved_in)
                for r in table.itertuples()
            }
            assert got == parishes, (age, household)
            assert (table["net"] == table["moved_in"] - table["moved_out"]).all()
            rows = by_municipality(moves, HERE)
            assert {(r.code, r.kind): (r.moved_out, r.moved_in) for r in rows.itertuples()} == (
                places
            ), (age, household)
            assert not rows[["moved_out_hidden", "moved_in_hidden", "net_hidden"]].any().any()


def test_the_rows_are_ordered_and_named():
    table = by_parish(counted(), HERE, 760)
    assert [None if pd.isna(p) else int(p) for p in table["parish"]] == [7002, 7003, None]
    assert table["net"].tolist() == [5, -2, -1]
    rows = by_municipality(counted(), HERE)
    assert rows["place"].tolist() == [
        municipality_name(657), municipality_name(661), municipality_name(760), "abroad"]  # fmt: skip
    assert rows["kind"].tolist() == ["municipality", "municipality", "home", "abroad"]


def test_the_home_municipality_is_where_the_parish_lies():
    assert home_municipality(counted(), HERE) == 760
    assert home_municipality(counted(), 9999) is None
    assert by_parish(counted(), HERE, None).empty
