"""Where a segment's movers came from or went to: the survey question that names
municipalities is found, and its answers are counted per segment as by hand."""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path

import pandas as pd

from samskab.segments.places import place_question, segment_places
from samskab.segments.survey import read_survey

TOWNS = ["Herning", "Lemvig", "Holstebro", "Ikast", "Varde", "København"]


def _survey(tmp_path: Path, rows: int = 200) -> tuple[Path, list[dict[str, str]], pd.Series]:
    rng = random.Random(5)
    records = []
    for i in range(rows):
        town = rng.choice(TOWNS[:3] if i % 2 else TOWNS) if i % 17 else ""
        records.append({"respondent": f"r{i}", "household": rng.choice(["Par", "Enlig"]),
                        "town": town, "age": str(rng.randint(20, 70))})  # fmt: skip
    path = tmp_path / "movers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    segments = pd.Series([1 + i % 2 for i in range(rows)], dtype="Int64")
    return path, records, segments


def test_the_question_naming_municipalities_is_found(tmp_path: Path) -> None:
    path, _, _ = _survey(tmp_path)
    assert place_question(read_survey(path)) == "town"  # "Ikast" names none: 5 of 6 do


def test_no_question_is_taken_when_too_few_answers_name_a_municipality(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    lines = ["respondent,town"] + [f"r{i},{'Herning' if i < 7 else 'Vesterby'}" for i in range(10)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert place_question(read_survey(path)) is None  # 7 of 10 answers name a municipality


def test_each_segments_places_are_its_answers_counted(tmp_path: Path) -> None:
    path, records, segments = _survey(tmp_path)
    found = segment_places(read_survey(path), "town", segments)
    for segment in (1, 2):
        mine = [r["town"] for i, r in enumerate(records) if segments[i] == segment and r["town"]]
        counted = sorted(Counter(mine).items(), key=lambda item: (-item[1], item[0]))[:3]
        places = found[segment]
        assert [(p.text, p.answers) for p in places.places] == counted
        assert places.answered == len(mine)
        assert places.share == sum(n for _, n in counted) / len(mine)
    herning = next(p for p in found[2].places if p.text == "Herning")
    assert herning.municipality == 657


def test_a_place_few_named_and_a_small_segment_are_hidden(tmp_path: Path) -> None:
    path, _, _ = _survey(tmp_path, rows=40)
    segments = pd.Series([1] * 36 + [2] * 4, dtype="Int64")
    exact = segment_places(read_survey(path), "town", segments)
    shown = segment_places(read_survey(path), "town", segments, suppress_below=5)
    assert all(p.answers >= 5 for p in shown[1].places)
    assert [p.text for p in shown[1].places] == [p.text for p in exact[1].places if p.answers >= 5]
    assert exact[2].places and shown[2].places == ()  # 4 answers: nothing of the segment


def test_municipality_codes_written_as_numbers_are_places(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    rows = ["respondent,age,from_code"] + [
        f"r{i},{20 + i},{[657, 661, 760][i % 3] if i % 7 else ''}" for i in range(30)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    survey = read_survey(path)
    assert place_question(survey) == "from_code"  # ages 20-49 name no municipality
    found = segment_places(survey, "from_code", pd.Series([1] * 30, dtype="Int64"))
    counted = Counter([657, 661, 760][i % 3] for i in range(30) if i % 7)
    names = {657: "Herning", 661: "Holstebro", 760: "Ringkøbing-Skjern"}
    expected = sorted(counted.items(), key=lambda item: (-item[1], str(item[0])))
    assert [(p.text, p.municipality, p.answers) for p in found[1].places] == [
        (names[code], code, n) for code, n in expected
    ]


def test_the_question_of_who_moved_which_way_is_found(tmp_path: Path) -> None:
    from samskab.segments.places import direction_question, directions

    path = tmp_path / "ways.csv"
    answers = ["1 Tilflyttet", "2 Fraflyttet", "in", "UD", "Moved in"] * 4
    rows = ["respondent,way,household"] + [f"r{i},{a},Par" for i, a in enumerate(answers)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    survey = read_survey(path)
    assert direction_question(survey) == "way"
    assert directions(survey, "way").tolist()[:5] == ["in", "out", "in", "out", "in"]
    rows[1:3] = ["r0,Ved ikke,Par", "r1,Ved ikke,Par"]  # 18 of 20 say a way: 90 % is enough
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert direction_question(read_survey(path)) == "way"
    rows[3] = "r2,Ved ikke,Par"  # 17 of 20 are not
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert direction_question(read_survey(path)) is None
