"""The demo data: a fictional municipality in the contract's format, with realistic patterns."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from shapely.geometry import shape

from samskab.demo_data import FILES, write_demo_data
from samskab.facts.demo_people import CITIES, NEARBY, Register
from samskab.facts.demo_places import parishes
from samskab.facts.demo_sim import simulate
from samskab.facts.municipalities import municipality_codes
from samskab.facts.public import public_fact_base

HOUSEHOLD_TYPES = {
    "single_no_children",
    "single_with_children",
    "couple_no_children",
    "couple_with_children",
    "other",
}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder with the demo data for the default seed."""
    folder = tmp_path_factory.mktemp("demo")
    write_demo_data(folder)
    return folder


@pytest.fixture(scope="module")
def moves(demo_dir: Path) -> pd.DataFrame:
    """Return moves.csv as text columns, plus the year and the age as numbers."""
    frame = pd.read_csv(demo_dir / "moves.csv", dtype=str, keep_default_na=False)
    return frame.assign(year=frame.move_date.str[:4].astype(int), age=frame.age.astype(int))


@pytest.fixture(scope="module")
def areas(demo_dir: Path) -> pd.DataFrame:
    return pd.read_csv(demo_dir / "areas.csv", dtype=str)


@pytest.fixture(scope="module")
def population(demo_dir: Path) -> pd.DataFrame:
    return pd.read_csv(demo_dir / "population.csv", dtype={"parish": str})


@pytest.fixture(scope="module")
def register() -> Register:
    """Return the simulation behind the default seed's files (for ages of the residents)."""
    return simulate(parishes(), seed=2016)


def _external_in(moves: pd.DataFrame) -> pd.DataFrame:
    return moves[(moves.from_municipality != "760") & (moves.to_municipality == "760")]


def _external_out(moves: pd.DataFrame) -> pd.DataFrame:
    return moves[(moves.from_municipality == "760") & (moves.to_municipality != "760")]


def test_the_cli_writes_byte_identical_files_for_the_same_seed(
    demo_dir: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    result = cli("demo-data", tmp_path, "--seed", "2016")
    assert result.status == 0
    assert "Parishes: 45, areas: 7" in result.out
    assert "2024:" in result.out
    for name in FILES.values():
        assert (tmp_path / name).read_bytes() == (demo_dir / name).read_bytes(), name
    statbank = sorted(path.name for path in (tmp_path / "statbank").iterdir())
    assert statbank == ["BEV107_demo.csv", "FLY66_demo.csv", "FOLK1A_demo.csv", "KM1_demo.csv"]
    for name in statbank:
        assert (tmp_path / "statbank" / name).read_bytes() == (
            demo_dir / "statbank" / name
        ).read_bytes(), name


def test_another_seed_gives_other_moves_in_the_same_places(demo_dir: Path, tmp_path: Path) -> None:
    paths = write_demo_data(tmp_path, seed=2017)
    assert paths["moves"].read_bytes() != (demo_dir / "moves.csv").read_bytes()
    assert paths["areas"].read_bytes() == (demo_dir / "areas.csv").read_bytes()
    assert paths["parishes"].read_bytes() == (demo_dir / "parishes.geojson").read_bytes()


def test_it_says_the_data_are_synthetic(demo_dir: Path) -> None:
    assert "synthetic" in (demo_dir / "README.txt").read_text(encoding="utf-8")


def test_sizes_are_those_of_a_rural_municipality(
    moves: pd.DataFrame, areas: pd.DataFrame, population: pd.DataFrame
) -> None:
    assert 40 <= len(areas) <= 50
    assert areas.area.nunique() == 7
    totals = population.groupby("year").population.sum()
    assert list(totals.index) == list(range(2008, 2026))
    assert 52_000 <= totals[2008] <= 62_000
    per_year = moves.groupby("year").size()
    assert list(per_year.index) == list(range(2008, 2025))
    assert per_year.between(4_000, 6_000).all()


def test_every_parish_is_in_exactly_one_area(
    demo_dir: Path, moves: pd.DataFrame, areas: pd.DataFrame, population: pd.DataFrame
) -> None:
    assert areas.parish.is_unique
    assert set(areas.municipality) == {"760"}
    assert set(population.parish) == set(areas.parish)
    used = set(moves.from_parish) | set(moves.to_parish)
    assert used - {""} <= set(areas.parish)
    sizes = population[population.year == 2008].set_index("parish").population
    by_area = sizes.groupby(areas.set_index("parish").area).sum()
    assert by_area.max() > 2 * by_area.min()  # areas of different sizes


def test_codes_are_well_formed(moves: pd.DataFrame, areas: pd.DataFrame) -> None:
    assert areas.parish.str.fullmatch(r"99\d\d").all()
    allowed = {str(code) for code in municipality_codes()} | {"abroad"}
    assert set(moves.from_municipality) | set(moves.to_municipality) <= allowed
    for side in ("from", "to"):
        outside = moves[f"{side}_municipality"] != "760"
        assert (moves.loc[outside, f"{side}_parish"] == "").all()
    assert moves.person_id.str.fullmatch(r"P\d{6}").all()
    assert moves.age.between(0, 125).all()
    assert set(moves.household_type) == HOUSEHOLD_TYPES
    assert set(moves.sex) == {"M", "F"}
    assert pd.to_datetime(moves.move_date, format="%Y-%m-%d").notna().all()


def test_moves_are_spread_over_the_year(moves: pd.DataFrame) -> None:
    days = moves.move_date.str[5:]
    assert (days == "01-01").any() and (days == "12-31").any()
    assert days.str[:2].nunique() == 12


def test_all_kinds_of_moves_occur_and_unknown_parishes_are_rare(moves: pd.DataFrame) -> None:
    inside = moves[(moves.from_municipality == "760") & (moves.to_municipality == "760")]
    assert (inside.from_parish == inside.to_parish).any()  # within a parish
    assert (inside.from_parish != inside.to_parish).any()  # between parishes
    assert (moves.from_municipality == "abroad").sum() > 100
    assert (moves.to_municipality == "abroad").sum() > 100
    unknown = (inside.from_parish == "") | (inside.to_parish == "")
    assert 0 < unknown.sum() < 0.01 * len(moves)


def test_young_adults_leave_for_the_cities(moves: pd.DataFrame, register: Register) -> None:
    to_cities = _external_out(moves)
    to_cities = to_cities[to_cities.to_municipality.isin({str(c) for c in CITIES})]
    young_movers = to_cities.age.between(18, 29).mean()
    ages = sum(register.ages[year] for year in range(2008, 2025))
    young_residents = ages[18:30].sum() / ages.sum()
    assert young_movers > 3 * young_residents


def test_families_arrive_from_nearby_towns(moves: pd.DataFrame) -> None:
    arrivals = _external_in(moves)
    nearby = arrivals[arrivals.from_municipality.isin({str(c) for c in NEARBY})]
    assert nearby.household_type.value_counts().index[0] == "couple_with_children"
    families = arrivals[arrivals.household_type == "couple_with_children"]
    assert families.from_municipality.isin({str(c) for c in NEARBY}).mean() > 0.4


def test_a_quarter_or_more_of_in_movers_are_returners(moves: pd.DataFrame) -> None:
    lived_here = moves[moves.from_municipality == "760"].groupby("person_id").move_date.min()
    arrivals = _external_in(moves)
    returned = arrivals.move_date > arrivals.person_id.map(lived_here).fillna("9999")
    assert returned.mean() >= 0.25


def test_some_newcomers_leave_again_within_three_years(moves: pd.DataFrame) -> None:
    arrivals = _external_in(moves)
    arrivals = arrivals[arrivals.year <= 2021]
    arrived = pd.to_datetime(arrivals.groupby("person_id").move_date.min())
    leaving = _external_out(moves)
    leaving = leaving.assign(arrived=leaving.person_id.map(arrived)).dropna(subset=["arrived"])
    stayed = pd.to_datetime(leaving.move_date) - leaving.arrived
    left_soon = leaving[(stayed.dt.days > 0) & (stayed.dt.days <= 3 * 365)].person_id.nunique()
    assert 0.05 < left_soon / len(arrived) < 0.5


def _net_by_area(moves: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Return net internal and external moves per area over 2008–2013 (the contract's rules)."""
    area_of = dict(zip(areas.parish, areas.area, strict=True))
    period = moves[moves.year <= 2013].assign(
        from_area=lambda m: m.from_parish.map(area_of), to_area=lambda m: m.to_parish.map(area_of)
    )
    rows = {}
    for area in areas.area.unique():
        into = period[(period.to_area == area) & (period.from_area != area)]
        out = period[(period.from_area == area) & (period.to_area != area)]
        internal = (into.from_municipality == "760").sum() - (out.to_municipality == "760").sum()
        external = (into.from_municipality != "760").sum() - (out.to_municipality != "760").sum()
        rows[area] = {"internal": internal, "external": external}
    return pd.DataFrame.from_dict(rows, orient="index")


def test_remote_areas_lose_and_the_main_town_gains(
    moves: pd.DataFrame, areas: pd.DataFrame
) -> None:
    net = _net_by_area(moves, areas)
    total = net.internal + net.external
    assert total["Bykernen"] > 0
    assert total["Hedeklyngen"] < 0 and total["Område Syd"] < 0
    # Unknown parishes make a few internal moves count for one end only.
    assert abs(net.internal.sum()) < 40


def test_population_counts_are_the_simulated_residents(
    population: pd.DataFrame, register: Register
) -> None:
    for year, counts in register.population.items():
        assert population[population.year == year].population.tolist() == counts.tolist()


def test_parish_map_is_valid_geojson_with_clockwise_rings(
    demo_dir: Path, areas: pd.DataFrame
) -> None:
    collection = json.loads((demo_dir / "parishes.geojson").read_text(encoding="utf-8"))
    features = collection["features"]
    assert [f["properties"]["parish"] for f in features] == areas.parish.tolist()
    for feature in features:
        props = feature["properties"]
        assert set(props) == {"parish", "parish_name", "area", "municipality"}
        assert re.fullmatch(r"[A-ZÆØÅ][\w ]+", props["parish_name"])
        geometry = shape(feature["geometry"])
        assert geometry.is_valid and not geometry.is_empty
        assert 55.7 < geometry.centroid.y < 56.3 and 8.0 < geometry.centroid.x < 9.0
        for polygon in getattr(geometry, "geoms", [geometry]):
            assert not polygon.exterior.is_ccw  # d3-geo reads clockwise rings as the inside


def test_a_persons_age_advances_with_the_years(moves: pd.DataFrame) -> None:
    repeated = moves[moves.person_id.duplicated(keep=False)].sort_values(["person_id", "move_date"])
    first = repeated.groupby("person_id").first()
    last = repeated.groupby("person_id").last()
    gap = (last.age - first.age) - (last.year - first.year)
    assert len(first) > 1_000
    assert gap.between(-1, 1).all()


def test_the_demos_statbank_files_are_its_register_counted(demo_dir: Path) -> None:
    """The public fact base read from the demo's StatBank files has the register's moves in,
    out, from and to abroad and its residents, counted here from moves.csv and population.csv."""
    result = public_fact_base(demo_dir / "statbank", 2008, 2024)
    counted: dict[tuple[int, str], int] = defaultdict(int)
    with (demo_dir / "moves.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            year, source, to = (
                int(row["move_date"][:4]),
                row["from_municipality"],
                row["to_municipality"],
            )
            if source == to:
                continue
            kind = ("immigrated" if source == "abroad" else "emigrated" if to == "abroad"
                    else "moved_in" if to == "760" else "moved_out")  # fmt: skip
            counted[year, kind] += 1
    net = result.tables["net_migration"].set_index(["year", "municipality_code"])
    change = result.tables["population_change"].set_index("year")
    for year in range(2008, 2025):
        assert net.loc[(year, 760), "moves_in"] == counted[year, "moved_in"]
        assert net.loc[(year, 760), "moves_out"] == counted[year, "moved_out"]
        for kind in ("moved_in", "moved_out", "immigrated", "emigrated"):
            assert change.loc[year, kind] == counted[year, kind], (year, kind)
    residents: dict[int, int] = defaultdict(int)
    with (demo_dir / "population.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            residents[int(row["year"])] += int(row["population"])
    population = result.tables["population"].set_index("year")["population"]
    assert {year: population[year] for year in range(2008, 2025)} == {
        year: residents[year] for year in range(2008, 2025)
    }
    parishes = result.tables["parish_population"]
    assert parishes.groupby("year")["population"].sum().to_dict() == {
        year: residents[year] for year in range(2008, 2025)
    }
    assert result.checks["fly66_against_bev107"]["differ"] == 0
