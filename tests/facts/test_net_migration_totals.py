"""The net migration tables add up where a user sees them: after the areas, a row for moves
from or to a parish that is unknown or in no area, and a total row."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.facts.migration import migration_balance, migration_balance_by_year, net_migration
from samskab.facts.store import load_dataset

from .conftest import AREAS, POPULATION, write

# Areas (conftest): Nord = 7001, 7002; Syd = 7003, 7004; 7005 is a parish of 760 in no area.
MOVES = """\
move_date,from_municipality,to_municipality,from_parish,to_parish
2008-01-01,657,760,,7001
2008-02-01,760,760,7001,7003
2008-03-01,760,760,7005,7004
2008-04-01,760,760,7004,
2008-05-01,760,760,7002,7005
2008-06-01,760,760,7003,7001
2008-07-01,760,abroad,7002,
2008-08-01,udland,760,,7003
2008-09-01,751,760,,7005
2008-10-01,760,751,,
2008-11-01,760,760,7005,
2009-01-01,760,760,,7002
"""
NO_AREA = "Parish unknown or outside the areas"


def rows(table: pd.DataFrame) -> list[tuple[object, ...]]:
    return [tuple(None if pd.isna(v) else v for v in r) for r in table.itertuples(index=False)]


def test_the_rest_and_the_total_follow_the_areas_as_counted_by_hand(dataset):
    table = net_migration(dataset(MOVES), first_year=2008, last_year=2008, totals=True)
    # Nord: internal in Syd→7001; out 7001→Syd, 7002→7005; external in 657→7001, out →abroad.
    # Syd: internal in Nord→7003, 7005→7004; out 7004→unknown, 7003→Nord; external in abroad→.
    # The rest of 760 (unknown parishes and 7005): internal in 7004→?, 7002→7005; out
    # 7005→7004; external in 751→7005, out ?→751. A move inside the rest (7005→?) crosses no
    # boundary. The areas' internal nets alone sum to -1; 760's own balance: in 3, out 2.
    assert rows(table.to_pandas()) == [
        ("Nord", -1, 0, -1, -0.1, "area"),
        ("Syd", 0, 1, 1, 0.0, "area"),
        (NO_AREA, 1, 0, 1, None, "no_area"),
        ("Total", 0, 1, 1, None, "total"),
    ]
    gross = migration_balance(dataset(MOVES), first_year=2008, last_year=2008, totals=True)
    total = gross.to_pandas().iloc[-1]
    assert (total.internal_in, total.internal_out, total.external_in, total.external_out) == (
        5,
        5,
        3,
        2,
    )


def test_without_totals_the_table_is_one_row_per_area(dataset):
    table = net_migration(dataset(MOVES), first_year=2008, last_year=2008).to_pandas()
    assert list(table.columns) == [
        "area",
        "net_internal",
        "net_external",
        "net_total",
        "pct_of_base_population",
    ]
    assert list(table.area) == ["Nord", "Syd"]


def test_each_municipality_gets_its_own_rows_named_after_it(dataset):
    areas = "parish,area,municipality\n7003,Syd,760\n7001,Nord,760\n8001,Herning by,657\n"
    population = "year,parish,population\n2008,7001,10\n2008,7003,10\n2008,8001,10\n"
    data = dataset(MOVES, areas=areas, population=population)
    table = net_migration(data, first_year=2008, last_year=2008, totals=True).to_pandas()
    assert list(table.area) == [
        "Syd",
        "Nord",
        "Herning by",
        f"{NO_AREA} (Ringkøbing-Skjern)",
        "Total (Ringkøbing-Skjern)",
        f"{NO_AREA} (Herning)",
        "Total (Herning)",
    ]
    # Herning lost one person (to 760) from a parish in no area.
    assert rows(table)[-1] == ("Total (Herning)", 0, -1, -1, None, "total")
    only = net_migration(data, first_year=2008, last_year=2008, municipality=760, totals=True)
    assert list(only.to_pandas().area) == ["Syd", "Nord", NO_AREA, "Total"]


def test_per_year_each_year_adds_up(dataset):
    table = migration_balance_by_year(dataset(MOVES), first_year=2008, last_year=2009, totals=True)
    frame = table.to_pandas()
    assert list(zip(frame.area, frame.year, strict=True))[-4:] == [
        (NO_AREA, 2008),
        (NO_AREA, 2009),
        ("Total", 2008),
        ("Total", 2009),
    ]
    for year in (2008, 2009):
        parts = frame[(frame.year == year) & (frame.area_kind != "total")]
        assert parts.net_internal.sum() == 0
    assert frame[frame.area_kind == "total"].net_external.tolist() == [1, 0]


# A register in the contract's form: parishes of the areas, a parish in no area (7005), no
# parish; another municipality with an area (Herning by: 8001) and without; abroad.
PLACES = [
    ("760", "7001"),
    ("760", "7002"),
    ("760", "7003"),
    ("760", "7004"),
    ("760", "7005"),
    ("760", ""),
    ("657", "8001"),
    ("657", ""),
    ("751", ""),
    ("abroad", ""),
]
WITH_HERNING = AREAS + "8001,Herning by,657\n"
HERNING_POPULATION = POPULATION + "2008,8001,300\n2009,8001,300\n"
move = st.tuples(
    st.sampled_from(PLACES),
    st.sampled_from(PLACES),
    st.dates(
        min_value=pd.Timestamp("2008-01-01").date(), max_value=pd.Timestamp("2009-12-31").date()
    ),
)


def _code(municipality: str) -> int:
    return 0 if municipality == "abroad" else int(municipality)


def _own_balance(moves: list[tuple[tuple[str, str], tuple[str, str], object]], code: int) -> int:
    """Return a municipality's net migration with other places, counted move by move."""
    net = 0
    for (origin, _), (destination, _), _ in moves:
        if _code(origin) != _code(destination):
            net += (_code(destination) == code) - (_code(origin) == code)
    return net


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(move, min_size=1, max_size=40), st.booleans())
def test_on_any_register_the_internal_column_sums_to_zero_and_the_total_is_the_balance(
    moves, as_flows
):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        if as_flows:
            lines = ["year,from_municipality,to_municipality,from_parish,to_parish,moves"]
            lines += [f"{d.year},{o[0]},{t[0]},{o[1]},{t[1]},2" for o, t, d in moves]
        else:
            lines = ["move_date,from_municipality,to_municipality,from_parish,to_parish"]
            lines += [f"{d.isoformat()},{o[0]},{t[0]},{o[1]},{t[1]}" for o, t, d in moves]
        register = write(base, "flows.csv" if as_flows else "moves.csv", "\n".join(lines) + "\n")
        data = load_dataset(
            areas=write(base, "areas.csv", WITH_HERNING),
            population=write(base, "population.csv", HERNING_POPULATION),
            moves=None if as_flows else register,
            flows=register if as_flows else None,
            in_memory=True,
        )
        table = migration_balance(data, first_year=2008, last_year=2009, totals=True).to_pandas()
        areas_only = net_migration(data, first_year=2008, last_year=2009).to_pandas()
    weight = 2 if as_flows else 1
    for code, name in ((760, "Ringkøbing-Skjern"), (657, "Herning")):
        own = table[table.municipality == code]
        parts, total = own[own.area_kind != "total"], own[own.area_kind == "total"].iloc[0]
        assert parts.net_internal.sum() == 0
        assert total.area == f"Total ({name})"
        assert (total.net_internal, total.net_external) == (0, weight * _own_balance(moves, code))
        for column in ("internal_in", "internal_out", "external_in", "external_out"):
            assert total[column] == parts[column].sum()
    # The areas' own rows are the table without totals, in the same order.
    areas = table[table.area_kind == "area"][list(areas_only.columns)].reset_index(drop=True)
    pd.testing.assert_frame_equal(areas, areas_only, check_dtype=False)


def _net_cli(cli, tmp_path, *extra):
    return cli(
        "facts", "net-migration",
        "--moves", write(tmp_path, "moves.csv", MOVES),
        "--areas", write(tmp_path, "areas.csv", AREAS),
        "--population", write(tmp_path, "population.csv", POPULATION),
        "--from", "2008", "--to", "2008", "--cache-dir", tmp_path / "cache", *extra,
    )  # fmt: skip


def test_csv_keeps_the_contract_and_adds_the_rows_on_request(tmp_path, cli):
    plain = _net_cli(cli, tmp_path, "--format", "csv")
    assert plain.out == (
        "area,net_internal,net_external,net_total,pct_of_base_population\n"
        "Nord,-1,0,-1,-0.1\n"
        "Syd,0,1,1,0.0\n"
    )
    totals = _net_cli(cli, tmp_path, "--format", "csv", "--with-totals")
    assert totals.out == plain.out + f"{NO_AREA},1,0,1,\nTotal,0,1,1,\n"


def test_json_with_totals_and_the_table_show_the_rows(tmp_path, cli):
    found = json.loads(_net_cli(cli, tmp_path, "--format", "json", "--with-totals").out)
    assert [(r["area"], r["net_internal"], r["area_kind"]) for r in found] == [
        ("Nord", -1, "area"),
        ("Syd", 0, "area"),
        (NO_AREA, 1, "no_area"),
        ("Total", 0, "total"),
    ]
    assert found[-1]["pct_of_base_population"] is None
    table = _net_cli(cli, tmp_path).out
    assert "Parish unknown or outside" in table and "Total" in table
    assert "with them the internal" in table  # the note below the table


def test_the_build_writes_the_rows_and_says_what_they_are(tmp_path, cli):
    out = tmp_path / "factbase"
    arguments = ["facts", "build", "--moves", write(tmp_path, "moves.csv", MOVES)]
    arguments += ["--areas", write(tmp_path, "areas.csv", AREAS)]
    arguments += ["--population", write(tmp_path, "population.csv", POPULATION)]
    arguments += ["--from", "2008", "--to", "2009", "--out", out, "--cache-dir", tmp_path / "c"]
    assert cli(*arguments).status == 0
    nets = pd.read_csv(out / "net_migration.csv")
    assert nets.area_kind.tolist() == ["area", "area", "no_area", "total"]
    assert nets[nets.area_kind != "total"].net_internal.sum() == 0
    by_year = pd.read_parquet(out / "net_migration_by_year.parquet")
    assert by_year[by_year.area_kind == "total"].net_internal.tolist() == [0, 0]
    manifest = json.loads((out / "manifest.json").read_text())
    assert "unknown or in no area" in manifest["tables"]["net_migration"]["note"]


def test_on_the_demo_register_the_csv_with_totals_adds_up(tmp_path, cli):
    assert cli("demo-data", tmp_path / "data", "--seed", "3").status == 0
    data = tmp_path / "data"
    result = cli(
        "facts", "net-migration", "--moves", data / "moves.csv", "--areas", data / "areas.csv",
        "--population", data / "population.csv", "--from", "2019", "--to", "2024",
        "--format", "csv", "--with-totals", "--cache-dir", tmp_path / "cache",
    )  # fmt: skip
    table = pd.read_csv(io.StringIO(result.out))
    assert list(table.area[-2:]) == [NO_AREA, "Total"]
    assert table.net_internal[:-1].sum() == 0 and table.net_internal.iloc[-1] == 0
    moves = pd.read_csv(data / "moves.csv", dtype=str)
    moves = moves[moves.move_date.between("2019-01-01", "2024-12-31")]
    came = ((moves.to_municipality == "760") & (moves.from_municipality != "760")).sum()
    left = ((moves.from_municipality == "760") & (moves.to_municipality != "760")).sum()
    assert table.net_external.iloc[-1] == came - left
