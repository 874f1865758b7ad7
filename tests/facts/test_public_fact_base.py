"""`samskab facts public`: the public fact base of every municipality from StatBank files.

The moves are fly66_layouts' seeded counts, read in every layout StatBank gives FLY66 in and
held against sums worked out here with plain loops; BEV107, FOLK1A and KM1 are written as the
API writes them from the same counts; the population is held against Statistics Denmark's own
figures for 1 January 2014 (../shared/data/dst2014). No test touches the network.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from samskab.facts.bands import parse_age_bands
from samskab.facts.errors import AnalysisUnavailable, InputError
from samskab.facts.public import public_fact_base
from samskab.facts.statbank_api import fetch_public

from .conftest import Result
from .fly66_layouts import COUNTS, LAYOUTS, NAMES, Layout, api_long

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dst2014"


def by_hand() -> dict[tuple[int, int], tuple[int, int]]:
    """Return (moves in, moves out) per (year, municipality) from the counts, with loops."""
    moves: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for (year, to, source, _age, _sex), count in COUNTS.items():
        if to == source:
            continue
        moves[int(year), int(to)][0] += count
        moves[int(year), int(source)][1] += count
    return {key: (a, b) for key, (a, b) in moves.items()}


def bev107(moves: Mapping[tuple[int, int], tuple[int, int]], shift: int = 0) -> str:
    """Return BEV107 as the API writes it with labels: the moves in and out per municipality
    (the first one's moves in 2024 `shift` higher), births and migration beside them."""
    lines = ["OMRÅDE;BEVÆGELSE;KØN;TID;INDHOLD"]
    for (year, code), (moved_in, moved_out) in sorted(moves.items()):
        name = NAMES[str(code)]
        changed = moved_in + (shift if (year, code) == (2024, 101) else 0)
        for movement, count in (("Levendefødte", 9), ("Tilflyttede", changed),
                                ("Fraflyttede", moved_out), ("Indvandrede", code % 50),
                                ("Udvandrede", code % 7)):  # fmt: skip
            lines.append(f"{name};{movement};I alt;{year};{count}")
    return "\n".join(lines) + "\n"


def write(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / name).write_bytes(data)
    return folder


def table(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_net_migration_and_flows_are_the_counts_summed_by_hand(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    folder = write(tmp_path / "in", {"FLY66_2023-2024.csv": api_long()})
    result = cli("facts", "public", "--from", 2023, "--to", 2024, "--out", tmp_path / "out",
                 "--statbank", folder)  # fmt: skip
    assert result.status == 0, result.err
    rows = table(tmp_path / "out", "net_migration")
    found = {(int(r["year"]), int(r["municipality_code"])): (int(r["moves_in"]),
             int(r["moves_out"])) for r in rows}  # fmt: skip
    assert found == by_hand()
    assert all(int(r["net"]) == int(r["moves_in"]) - int(r["moves_out"]) for r in rows)
    for year in (2023, 2024):
        assert sum(int(r["net"]) for r in rows if r["year"] == str(year)) == 0
    flows = table(tmp_path / "out", "flows")
    expected: dict[tuple[int, int, int], int] = defaultdict(int)
    for (year, to, source, _age, _sex), count in COUNTS.items():
        if to != source and count:
            expected[int(year), int(to), int(source)] += count
    assert {(int(r["year"]), int(r["to_municipality"]), int(r["from_municipality"])):
            int(r["moves"]) for r in flows} == expected  # fmt: skip
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["read"]["FLY66"]["observations"] == len(COUNTS)
    assert manifest["checks"]["nets_sum_to_zero"] is True
    assert set(manifest["skipped"]) == {"population_change", "population", "parish_population"}
    total = sum(COUNTS.values())  # every move read, the same municipality's included
    assert (
        f"read FLY66: 1 file, {len(COUNTS):,} lines, {len(COUNTS):,} observations, {total:,} moves"
    ) in result.out
    assert manifest["read"]["FLY66"]["moves"] == total
    assert "left out population: no FOLK1A file in" in result.out


@pytest.mark.parametrize("layout", LAYOUTS[::3], ids=[layout.name for layout in LAYOUTS[::3]])
def test_every_fly66_layout_gives_the_same_net_migration(tmp_path: Path, layout: Layout) -> None:
    files = {name if name.upper().startswith("FLY66") else f"FLY66_{name}": data
             for name, data in layout.write()}  # fmt: skip
    result = public_fact_base(write(tmp_path, files), 2023, 2024)
    net = result.tables["net_migration"]
    found = {(y, c): (i, o) for y, c, i, o in
             net[["year", "municipality_code", "moves_in", "moves_out"]].itertuples(index=False)}  # fmt: skip
    assert found == by_hand()


def test_bev107_is_held_against_fly66(tmp_path: Path, cli: Callable[..., Result]) -> None:
    folder = write(tmp_path / "in", {"FLY66.csv": api_long(), "BEV107.csv": bev107(by_hand())})
    result = public_fact_base(folder, 2023, 2024)
    change = result.tables["population_change"]
    row = change[(change["year"] == 2024) & (change["municipality_code"] == 760)].iloc[0]
    moved_in, moved_out = by_hand()[2024, 760]
    assert (row["moved_in"], row["moved_out"], row["immigrated"], row["emigrated"]) == (
        moved_in, moved_out, 760 % 50, 760 % 7)  # fmt: skip
    assert row["net"] == moved_in - moved_out + 760 % 50 - 760 % 7
    assert result.checks["fly66_against_bev107"] == {
        "compared": 10, "differ": 0, "largest_difference": 0}  # fmt: skip

    write(folder, {"BEV107.csv": bev107(by_hand(), shift=3)})
    told = cli("facts", "public", "--from", 2023, "--to", 2024, "--out", tmp_path / "out",
               "--statbank", folder)  # fmt: skip
    assert told.status == 0
    assert (
        "check: FLY66 and BEV107 differ on the moves in or out of 1 of 10 municipality-years "
        "(at most 3 moves" in told.out
    )


def test_bev107_without_the_moves_is_refused(tmp_path: Path) -> None:
    text = "OMRÅDE;BEVÆGELSE;TID;INDHOLD\nHerning;Levendefødte;2023;5\nHerning;Døde;2024;4\n"
    folder = write(tmp_path, {"FLY66.csv": api_long(), "BEV107_x.csv": text})
    with pytest.raises(InputError, match="BEV107 lacks the rows moved_in, moved_out"):
        public_fact_base(folder, 2023, 2024)


def test_population_is_the_first_quarter_with_the_country_beside_it(tmp_path: Path) -> None:
    folk1a = (
        "OMRÅDE;KØN;TID;INDHOLD\n"
        "000;1;2023K1;30\n000;2;2023K1;31\n"  # the country, split by sex: summed
        "760;1;2023K1;20\n760;2;2023K1;21\n657;1;2023K1;10\n657;2;2023K1;10\n"
        "760;1;2023K2;99\n"  # not 1 January
        "081;1;2023K1;61\n"  # a region: not a municipality, not read
        "000;1;2024K1;40\n000;2;2024K1;20\n"
        "760;1;2024K1;20\n760;2;2024K1;20\n657;1;2024K1;10\n657;2;2024K1;10\n"
    )
    km1 = (
        "SOGN;FKMED;TID;INDHOLD\n"
        "7284 Ringkøbing;I alt;2023K1;60\n7284 Ringkøbing;Medlem;2023K1;50\n"
        "7284 Ringkøbing;Ikke medlem;2023K1;10\n"  # the total is taken, not added to its parts
        "7284 Ringkøbing;I alt;2024K1;62\n7002 Hellevad;I alt;2024K1;5\n"
    )
    folder = write(tmp_path, {"FLY66.csv": api_long(), "FOLK1A.csv": folk1a, "KM1.csv": km1})
    result = public_fact_base(folder, 2023, 2024)
    population = result.tables["population"]
    assert population.values.tolist() == [
        [2023, 657, "Herning", 20], [2023, 760, "Ringkøbing-Skjern", 41],
        [2024, 657, "Herning", 20], [2024, 760, "Ringkøbing-Skjern", 40],
    ]  # fmt: skip
    assert result.checks["population_against_country"] == [
        {"year": 2023, "municipalities": 61, "country": 61},
        {"year": 2024, "municipalities": 60, "country": 60},
    ]
    assert result.tables["parish_population"].values.tolist() == [
        [2023, 7284, "Ringkøbing", 60], [2024, 7002, "Hellevad", 5], [2024, 7284, "Ringkøbing", 62],
    ]  # fmt: skip


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/dst2014 is not beside the clone")
def test_the_population_of_1_january_2014_is_statistics_denmarks(tmp_path: Path) -> None:
    """FOLK1A and SOGN1 of 1 January 2014, by sex and age, written as the API writes them with
    labels: the sums are Statistics Denmark's published figures."""
    lines = ["OMRÅDE;KØN;ALDER;TID;INDHOLD"]
    with gzip.open(SHARED / "std_kommuner_2014K1.csv.gz", "rt", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            sex = {"Men": "Mænd", "Women": "Kvinder"}[row["kon"]]
            lines.append(f"{row['kommune']};{sex};{row['alder']} år;2014K1;{row['antal']}")
    parishes = ["SOGN;KØN;ALDER;TID;INDHOLD"]
    with gzip.open(SHARED / "std_sogne_2014.csv.gz", "rt", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            parishes.append(f"{row['sogn']};{row['kon']};{row['alder']};2014K1;{row['antal']}")
    fly66 = "TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n760;657;2014;1\n"
    folder = write(tmp_path, {"FLY66.csv": fly66, "FOLK1A.csv": "\n".join(lines) + "\n",
                              "KM1.csv": "\n".join(parishes) + "\n"})  # fmt: skip
    result = public_fact_base(folder, 2014, 2014)
    population = result.tables["population"]
    assert population["population"].sum() == 5_627_235
    assert len(population) == 99  # Christiansø too
    ringkobing = population[population["municipality_code"] == 760]["population"]
    assert ringkobing.tolist() == [57_093]
    parish = result.tables["parish_population"]
    assert parish["population"].sum() == 5_627_235 and len(parish) == 2_181
    assert result.read["FOLK1A"].observations == 19_962


def test_a_year_missing_refuses_the_build_and_writes_nothing(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    folk1a = "OMRÅDE;TID;INDHOLD\n760;2023K1;5\n"
    folder = write(tmp_path / "in", {"FLY66.csv": api_long(), "FOLK1A.csv": folk1a})
    result = cli("facts", "public", "--from", 2023, "--to", 2024, "--out", tmp_path / "out",
                 "--statbank", folder)  # fmt: skip
    assert result.status != 0
    assert "FOLK1A lacks 2024 of the period 2023-2024" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists()
    with pytest.raises(AnalysisUnavailable, match="FLY66 lacks 2022 of the period 2022-2024"):
        public_fact_base(folder, 2022, 2024)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "OMRÅDE;TID;INDHOLD\n760;2023K1;5\nAtlantis;2023K1;4\n",
            "row 3, column OMRÅDE",
            "not an area of FOLK1A: 'Atlantis'",
        ),
        (
            "OMRÅDE;TID;INDHOLD\n760;2023K1;5\n760;sidste år;4\n",
            "row 3, column TID",
            "expected a year or a quarter (2024, 2024K1), found 'sidste år'",
        ),
        (
            "OMRÅDE;TID;INDHOLD\n760;2023K1;fem\n",
            "row 2, column INDHOLD",
            "expected a whole number (or '..' or '-'), found 'fem'",
        ),
        (
            "OMRÅDE;INDHOLD\n760;5\n",
            "row 1",
            "this is not FOLK1A as the StatBank API writes it: the header names OMRÅDE;INDHOLD, "
            "and lacks TID",
        ),
        (
            "OMRÅDE;TID;INDHOLD\n760;2023K1;5\n760;2023K1;6\n",
            "row 2",
            "FOLK1A holds Ringkøbing-Skjern 2023K1 twice",
        ),
    ],
    ids=["area", "period", "count", "header", "twice"],
)
def test_a_bad_cell_is_named_by_file_line_and_column(
    tmp_path: Path, cli: Callable[..., Result], text: str, where: str, message: str
) -> None:
    folder = write(tmp_path / "in", {"FLY66.csv": api_long(), "FOLK1A.csv": text})
    result = cli("facts", "public", "--from", 2023, "--to", 2023, "--out", tmp_path / "out",
                 "--statbank", folder)  # fmt: skip
    assert result.status != 0
    assert "FOLK1A.csv" in result.err and where in result.err and message in result.err
    assert not (tmp_path / "out").exists()


def test_a_folder_without_fly66_is_refused(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write(tmp_path / "in", {"FOLK1A.csv": "OMRÅDE;TID;INDHOLD\n760;2023K1;5\n"})
    result = cli("facts", "public", "--from", 2023, "--to", 2023, "--out", tmp_path / "out",
                 "--statbank", tmp_path / "in")  # fmt: skip
    assert result.status != 0 and "no FLY66 file in this folder" in result.err


def _tableinfo(table: str, variables: list[tuple[str, list[str], bool, bool]]) -> bytes:
    return json.dumps({
        "id": table, "text": table, "unit": "antal", "updated": "2025-02-11T08:00:00",
        "variables": [{"id": name, "text": name, "elimination": elimination, "time": time,
                       "values": [{"id": v, "text": v} for v in values]}
                      for name, values, elimination, time in variables],
    }).encode("utf-8")  # fmt: skip


class FakeStatBank:
    """Answers as api.statbank.dk does, from the same counts; remembers every data request."""

    def __init__(self) -> None:
        self.bodies: dict[str, dict[str, Any]] = {}

    def __call__(self, url: str, body: Mapping[str, Any]) -> bytes:
        table = str(body["table"])
        codes = ["000", "081", *NAMES, "999"]
        years = ["2022", "2023", "2024"]
        quarters = [f"{y}K{q}" for y in years for q in (1, 2)]
        infos = {
            "FLY66": [("TILKOMMUNE", codes[2:], False, False),
                      ("FRAKOMMUNE", codes[2:], False, False),
                      ("ALDER", ["0", "1"], True, False), ("Tid", years, False, True)],
            "BEV107": [("OMRÅDE", codes, False, False),
                       ("BEVÆGELSE", ["B05", "B06"], False, False), ("Tid", years, False, True)],
            "FOLK1A": [("OMRÅDE", codes, False, False), ("KØN", ["1", "2"], True, False),
                       ("Tid", quarters, False, True)],
            "KM1": [("SOGN", ["7284"], False, False), ("Tid", quarters, False, True)],
        }  # fmt: skip
        if url.endswith("/tableinfo"):
            return _tableinfo(table, infos[table])
        self.bodies[table] = dict(body)
        moves = by_hand()
        answers = {
            "FLY66": api_long(),
            "BEV107": bev107(moves),
            "FOLK1A": "OMRÅDE;TID;INDHOLD\n" + "".join(
                f"{code};{y}K1;{int(code) * 10}\n" for code in NAMES for y in ("2023", "2024")),
            "KM1": "SOGN;TID;INDHOLD\n7284 Ringkøbing;2023K1;60\n7284 Ringkøbing;2024K1;61\n",
        }  # fmt: skip
        return answers[table].encode("utf-8")


def test_the_tables_are_fetched_for_every_municipality_and_read(tmp_path: Path) -> None:
    fake = FakeStatBank()
    paths = fetch_public(2023, 2024, tmp_path, get=fake)
    assert [p.name for p in paths] == [
        "FLY66_2023-2024.csv", "BEV107_2023-2024.csv", "FOLK1A_2023-2024.csv",
        "KM1_2023-2024.csv",
    ]  # fmt: skip
    selection = {table: {v["code"]: v["values"] for v in body["variables"]}
                 for table, body in fake.bodies.items()}  # fmt: skip
    assert selection["FLY66"] == {"Tid": ["2023", "2024"], "TILKOMMUNE": list(NAMES),
                                  "FRAKOMMUNE": list(NAMES)}  # fmt: skip
    assert fake.bodies["FLY66"]["format"] == "BULK"
    # The country is asked for beside the municipalities; a region and an unknown code are not.
    assert selection["BEV107"]["OMRÅDE"] == ["000", *NAMES]
    assert selection["BEV107"]["BEVÆGELSE"] == ["*"]
    assert fake.bodies["BEV107"]["valuePresentation"] == "Value"
    assert selection["FOLK1A"] == {"Tid": ["2023K1", "2023K2", "2024K1", "2024K2"],
                                   "OMRÅDE": ["000", *NAMES]}  # fmt: skip
    assert selection["KM1"]["SOGN"] == ["*"]
    result = public_fact_base(tmp_path, 2023, 2024)
    assert result.checks["fly66_against_bev107"]["differ"] == 0
    assert len(result.tables["population"]) == 10


@pytest.mark.parametrize("labels", [False, True], ids=["codes", "labels"])
def test_flows_by_age_band_are_the_counts_banded_by_hand(tmp_path: Path, labels: bool) -> None:
    folder = write(tmp_path, {"FLY66.csv": api_long(labels=labels)})
    bands = parse_age_bands("0-9,10-17,18+")
    result = public_fact_base(folder, 2023, 2024, bands)
    expected: dict[tuple[int, int, int, str], int] = defaultdict(int)
    for (year, to, source, age, _sex), count in COUNTS.items():
        band = "0-9" if int(age) <= 9 else "10-17" if int(age) <= 17 else "18+"
        if to != source and count:
            expected[int(year), int(to), int(source), band] += count
    rows = result.tables["flows_by_age"].values.tolist()
    assert {tuple(row[:4]): row[4] for row in rows} == expected
    assert [row[3] for row in rows[:3]] == ["0-9", "10-17", "18+"]  # the bands in their order
    assert result.checks["flows_by_age_against_flows"]["differ"] == 0


def test_flows_by_age_are_left_out_when_the_files_hold_no_age(tmp_path: Path) -> None:
    totals = "TILKOMMUNE;FRAKOMMUNE;ALDER;TID;INDHOLD\n760;657;IALT;2023;5\n657;760;IALT;2023;4\n"
    result = public_fact_base(write(tmp_path / "a", {"FLY66.csv": totals}), 2023, 2023)
    assert "flows_by_age" not in result.tables
    assert result.skipped["flows_by_age"] == (
        "the ages of FLY66 do not add up to its flows for 2 of 2 pairs of municipalities and years"
    )
    download = next(layout for layout in LAYOUTS if layout.files[0][0] == "fly66.csv")
    folder = write(tmp_path / "b", dict(download.write()))
    result = public_fact_base(folder, 2023, 2024)
    assert "flows_by_age" not in result.tables
    assert "fly66.csv has no ALDER column" in result.skipped["flows_by_age"]


@pytest.mark.parametrize("codes", [False, True], ids=["labels", "codes"])
def test_bev107s_totals_are_taken_and_their_parts_not_added(tmp_path: Path, codes: bool) -> None:
    """BEV107 writes the immigrants and emigrants of a year as a total and its parts (moved in
    this year, or before it): only the total counts, in labels or in codes."""
    rows = [("B05", "Tilflyttede", 17), ("B06", "Fraflyttede", 10), ("B07", "Nettotilflyttede", 7),
            ("B08AA", "Indvandrede i alt", 31), ("B08A", "Indvandret i indeværende år", 25),
            ("B08B", "Indvandret før indeværende år", 6), ("B09BA", "Udvandrede i alt", 8),
            ("B09A", "Udvandret i indeværende år", 5), ("B09B", "Udvandret før indeværende år", 3),
            ("B10", "Nettoindvandrede", 23)]  # fmt: skip
    lines = ["OMRÅDE;BEVÆGELSE;TID;INDHOLD"]
    for year in (2023, 2024):
        area = "760" if codes else "Ringkøbing-Skjern"
        lines += [f"{area};{code if codes else label};{year};{n}" for code, label, n in rows]
    fly66 = "TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n760;657;2023;17\n760;657;2024;17\n"
    folder = write(tmp_path, {"FLY66.csv": fly66, "BEV107.csv": "\n".join(lines) + "\n"})
    change = public_fact_base(folder, 2023, 2024).tables["population_change"]
    assert change[["moved_in", "moved_out", "immigrated", "emigrated", "net"]].values.tolist() == [
        [17, 10, 31, 8, 30], [17, 10, 31, 8, 30],
    ]  # fmt: skip
