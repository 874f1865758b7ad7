"""Nominal items are never treated as ordered: an item is ordinal when SPSS says so, or, read
from a file without measurement levels, when its answer labels form a scale."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from samskab.segments.codebook import forms_scale
from samskab.segments.demo_survey import IMPORTANCE, LIKELIHOOD, TRIGGERS
from samskab.segments.profiles import profile
from samskab.segments.survey import read_survey
from tests.segments.conftest import write


def _labels(*texts: str) -> tuple[list[float], dict[float, str]]:
    codes = [float(i) for i in range(1, len(texts) + 1)]
    return codes, dict(zip(codes, texts, strict=True))


@pytest.mark.parametrize(
    "texts",
    [
        IMPORTANCE,
        LIKELIHOOD,
        ("Extremely well", "Quite well", "Not too well", "Not well at all"),  # poLCA's election
        ("Helt uenig", "Uenig", "Hverken enig eller uenig", "Enig", "Helt enig"),
        ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"),
        ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"),
        ("Aldrig", "Sjældent", "Nogle gange", "Ofte", "Altid"),
        ("Meget dårlig", "Dårlig", "Middel", "God", "Meget god"),
        ("Slet ikke", "I mindre grad", "I nogen grad", "I høj grad", "I meget høj grad"),
    ],
)
def test_labels_of_a_scale_form_one(texts: tuple[str, ...]) -> None:
    assert forms_scale(*_labels(*texts))


@pytest.mark.parametrize(
    "texts",
    [
        TRIGGERS,  # "what made you move": reasons, numbered
        ("Herning", "Holstebro", "Ikast"),
        ("Bor i byen", "Bor i en landsby", "Bor på landet"),
        ("Lejer", "Ejer", "Andelshaver"),
        ("Ja", "Nej", "Ved ikke"),
        (*IMPORTANCE, "Ved ikke"),  # a scale with "don't know": its mean would count it as 6
    ],
)
def test_labels_that_name_things_do_not(texts: tuple[str, ...]) -> None:
    assert not forms_scale(*_labels(*texts))


def test_only_end_labels_of_a_numbered_scale_suffice_and_no_labels_do_not() -> None:
    codes = [float(c) for c in range(11)]
    assert forms_scale(codes, {0.0: "Slet ikke tilfreds", 10.0: "Meget tilfreds"})
    assert not forms_scale(codes, {})
    # A point of the scale nobody chose does not matter; codes far apart are no scale.
    assert forms_scale([1.0, 2.0, 4.0], {1.0: "Uenig", 2.0: "Neutral", 4.0: "Enig"})
    assert not forms_scale([1.0, 2.0, 40.0], {1.0: "Uenig", 2.0: "Neutral", 40.0: "Enig"})


def test_csv_items_are_ordinal_only_when_their_labels_form_a_scale(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", """\
        housing,trigger,rooms
        1 Meget uvigtigt,1 Den rette bolig,1
        5 Meget vigtigt,2 Job,3
        3 Hverken eller,6 Andet,2
        """)  # fmt: skip
    book = read_survey(path).codebook
    assert book["housing"].kind == "ordinal"
    assert book["trigger"].kind == "categorical"
    assert book["rooms"].kind == "categorical"  # numbers without labels: not known to be a scale


def test_spss_measurement_levels_decide_over_the_labels(tmp_path: Path) -> None:
    path = tmp_path / "survey.sav"
    frame = pd.DataFrame({"housing": [1, 5, 3, 2], "trigger": [1, 2, 6, 2], "region": [1, 2, 3, 1]})
    pyreadstat.write_sav(
        frame,
        str(path),
        variable_value_labels={
            "housing": dict(enumerate(IMPORTANCE, start=1)),
            "trigger": dict(enumerate(TRIGGERS, start=1)),
            "region": {1: "Nord", 2: "Midt", 3: "Syd"},
        },
        # The file says the scale is nominal here, and the regions are ordered.
        variable_measure={"housing": "nominal", "trigger": "nominal", "region": "ordinal"},
    )
    book = read_survey(path).codebook
    assert (book["housing"].kind, book["trigger"].kind, book["region"].kind) == (
        "categorical",
        "categorical",
        "ordinal",
    )


def test_a_nominal_item_gets_a_share_per_category_and_no_mean(tmp_path: Path) -> None:
    rows = "\n".join(f"{t},{h}" for t, h in [("1 Den rette bolig", "5 Meget vigtigt"),
                                             ("2 Job", "1 Meget uvigtigt"),
                                             ("6 Andet", "3 Hverken eller")] * 10)  # fmt: skip
    survey = read_survey(write(tmp_path, "s.csv", "trigger,housing\n" + rows + "\n"))
    segments = pd.Series([1, 2, 2] * 10, dtype="Int64")
    table = profile(survey, segments, ["trigger", "housing"])
    trigger = table[table["item"] == "trigger"]
    assert set(trigger["statistic"]) == {"share"}
    assert set(trigger["category"]) == {"Den rette bolig", "Job", "Andet"}
    assert "mean" in set(table[table["item"] == "housing"]["statistic"])


@pytest.mark.parametrize(
    ("first", "last", "scale"),
    [
        ("Ingen tillid", "Fuld tillid", True),
        ("Not at all", "Completely", True),
        ("Ikke flyttet", "Flyttet til en stor by", False),  # "ikke" and "stor", but two things
        ("Lille landsby", "Stor by", False),
    ],
)
def test_end_labels(first: str, last: str, scale: bool) -> None:
    assert forms_scale([1.0, 2.0, 3.0], {1.0: first, 3.0: last}) is scale
