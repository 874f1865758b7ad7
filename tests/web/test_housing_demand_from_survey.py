"""Each segment's housing demand read from the survey's questions on the home wanted, held
against the segment profiles' own counts, with what the survey cannot tell left unset."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from django.urls import reverse

from samskab.housing.models import Demand
from samskab.housing.survey_demand import (
    FEW_ANSWERS,
    HIDDEN,
    NO_KIND,
    Questions,
    SegmentDemand,
    demand_per_segment,
)
from samskab.segmentation import actions
from samskab.segmentation.models import Fit
from samskab.segmentation.services import profile_table

from .segmentation_fixtures import ITEMS, import_survey
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401

HOME = ("1 Parcelhus", "2 Rækkehus", "3 Lejlighed", "4 Byggegrund", "5 Ved ikke")
ROOMS = ("1 1-2 værelser", "2 3 værelser", "3 4 værelser", "4 5 værelser eller flere")
PRICE = ("1 Under 1 mio. kr.", "2 1-1,5 mio. kr.", "3 1,5-2 mio. kr.", "4 Over 2 mio. kr.")


def test_a_segments_demand_is_what_enough_of_it_want():
    # Segment 1: 10 answers — 6 houses, 2 terraced, 2 plots (20 % each but fewer than 5: not
    # counted); rooms 3,3,4,4,4,5,5,5,5,5 (lower median 4); prices 1.5 mio. ×4, no bound ×6
    # (lower median: no bound). Segment 3 has 3 respondents and is hidden, and segment 2 (6)
    # with it, as the next smallest: the sizes add up to the respondents placed.
    kinds = [1] * 6 + [2] * 2 + [4] * 2 + [1, 1, 1, 3, None, None] + [3, 3, 3]
    rooms = [1, 1, 2, 2, 2, 3, 3, 3, 3, 3] + [None] * 6 + [1, 1, 1]
    price = [2] * 4 + [4] * 6 + [None] * 6 + [1, 1, 1]
    segments = pd.Series([1] * 10 + [2] * 6 + [3] * 3 + [pd.NA], dtype="Int64")
    frame = pd.DataFrame({"k": [*kinds, 1], "r": [*rooms, 1], "p": [*price, 1]}, dtype=float)
    questions = Questions(
        "k", {1.0: "house", 2.0: "terraced", 3.0: "flat", 4.0: "plot", 5.0: ""},
        "r", {1.0: 3, 2.0: 4, 3.0: 5}, "p", {1.0: 1_000_000, 2.0: 1_500_000, 4.0: None},
        threshold=20,
    )  # fmt: skip
    found = demand_per_segment(frame, segments, questions, below=5)
    assert found == [
        SegmentDemand(1, 10, 10, {"house": 0.6}, min_rooms=4, max_price=None, share=53),
        SegmentDemand(2, 6, skipped=HIDDEN),
        SegmentDemand(3, 3, skipped=HIDDEN),
    ]
    # With a threshold above 60 %, no type counts; with segment 2 large enough but only four
    # answers to the type question, it has too few answers.
    assert demand_per_segment(frame, segments, Questions("k", questions.kinds, threshold=61),
                              below=5)[0].skipped == NO_KIND  # fmt: skip
    # Segments 1 and 2 alone (no hidden one): segment 2 has 4 answers of its 6; as one segment
    # with the 3 flats of segment 3 its 7 answers are 3 houses and 4 flats, neither 5 times.
    shown = pd.Series([1] * 10 + [2] * 6 + [pd.NA] * 4, dtype="Int64")
    assert demand_per_segment(frame, shown, questions, below=5)[1] == SegmentDemand(
        2, 6, 4, skipped=FEW_ANSWERS
    )
    joined = pd.Series([1] * 10 + [2] * 9 + [pd.NA], dtype="Int64")
    assert demand_per_segment(frame, joined, questions, below=5)[1] == SegmentDemand(
        2, 9, 7, skipped=NO_KIND
    )


def _home_survey(path: Path) -> Path:
    """160 respondents in two planted segments (ITEMS as in the segmentation fixtures): the
    first 100 mostly want houses of 4+ rooms under 2 mio., the other 60 mostly flats."""
    rng = np.random.default_rng(11)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", *ITEMS, "boligtype", "vaerelser", "pris"])
        for i in range(160):
            family = i < 100
            answers = []
            for j in range(len(ITEMS)):
                high = family == (j < 2)
                chances = (0.05, 0.15, 0.8) if high else (0.8, 0.15, 0.05)
                answers.append(
                    ("1 Uvigtigt", "2 Hverken eller", "3 Vigtigt")[rng.choice(3, p=chances)]
                )
            home = rng.choice(
                5, p=(0.6, 0.25, 0.05, 0.08, 0.02) if family else (0.05, 0.2, 0.7, 0.0, 0.05)
            )
            rooms = rng.choice(4, p=(0.05, 0.2, 0.45, 0.3) if family else (0.5, 0.35, 0.1, 0.05))
            price = rng.choice(4, p=(0.1, 0.2, 0.5, 0.2) if family else (0.55, 0.3, 0.1, 0.05))
            writer.writerow([f"r{i}", *answers, HOME[home], ROOMS[rooms],
                             "" if i % 17 == 0 else PRICE[price]])  # fmt: skip
    return path


@pytest.fixture(name="home_fit")
def home_fit_fixture(project, tmp_path) -> Fit:
    survey = import_survey(project, _home_survey(tmp_path / "flyttere.csv"))
    fit = actions.do_start_fit(survey, range(2, 3), bootstrap=2, user=None, background=False)
    actions.do_choose(fit, 2)
    actions.do_name_segments(fit, ["Familierne", "Byfolket"])
    return fit


def _reference(fit: Fit) -> dict[str, tuple[list[str], int | None, int | None]]:
    """The demand worked out from the exact profile table (a segment's count of each answer),
    by hand-written rules: types of at least 20 % and 5 answers; the first answer whose
    cumulative count reaches half (rounded up) of those answering, for rooms and price."""
    table = profile_table(fit, exact=True)
    kinds = {1.0: "house", 2.0: "terraced", 3.0: "flat", 4.0: "plot"}
    rooms = {1.0: 1, 2.0: 3, 3.0: 4, 4.0: 5}
    prices = {1.0: 1_000_000, 2.0: 1_500_000, 3.0: 2_000_000, 4.0: None}
    found = {}
    for segment, name in ((1, "Familierne"), (2, "Byfolket")):
        rows = table[(table["segment"] == segment) & (table["statistic"] == "share")]

        def counts(item: str, rows=rows) -> list[tuple[float, int]]:
            part = rows[rows["item"] == item].sort_values("code")
            return [(float(c), int(n)) for c, n in zip(part["code"], part["count"], strict=True)]

        answered = sum(n for _, n in counts("boligtype"))
        wanted = [kinds[c] for c, n in sorted(counts("boligtype"), key=lambda cn: -cn[1])
                  if c in kinds and n >= 5 and 5 * n >= answered]  # fmt: skip

        def lower_median(pairs: list[tuple[float, int]]) -> float:
            total, running = sum(n for _, n in pairs), 0
            for code, n in pairs:
                running += n
                if running >= (total + 1) // 2:
                    return code
            raise AssertionError

        found[name] = (wanted, rooms[lower_median(counts("vaerelser"))],
                       prices[lower_median(counts("pris"))])  # fmt: skip
    return found


def test_the_demand_read_from_the_survey_agrees_with_the_profiles(
    client_for, facilitator, project, home_fit
):
    client = client_for(facilitator)
    url = reverse("housing:demand_from_survey", args=[project.pk])
    page = client.get(url).content.decode()
    # The questions are found by their names, and the answers' meaning filled in from their
    # labels: a house, "5 værelser eller flere" as 5 rooms, "Over 2 mio. kr." without a bound.
    assert '<option value="boligtype" selected>' in page
    assert '<option value="house" selected>' in page
    assert 'name="rooms_4" value="5"' in page
    assert 'name="price_2" value="1500000"' in page
    assert 'name="open_4" id="map_open_4" checked' in page
    posted = {"kind_item": "boligtype", "rooms_item": "vaerelser", "price_item": "pris",
              "kind_1": "house", "kind_2": "terraced", "kind_3": "flat", "kind_4": "plot",
              "kind_5": "", "rooms_1": "1", "rooms_2": "3", "rooms_3": "4", "rooms_4": "5",
              "price_1": "1000000", "price_2": "1500000", "price_3": "2000000", "open_4": "on",
              "threshold": "20", "segments": ["1", "2"]}  # fmt: skip
    response = client.post(url, posted, follow=True)
    assert "Efterspørgslen for 2 målgrupper blev sat ud fra undersøgelsen." in (
        response.content.decode()
    )
    stored = {d.segment: (d.kinds, d.min_rooms, d.max_price) for d in Demand.objects.all()}
    assert stored == _reference(home_fit)
    families = Demand.objects.get(segment="Familierne")
    assert families.kinds[0] == "house" and families.min_rooms == 4
    assert families.max_price == 2_000_000
    counts = profile_table(home_fit, exact=True).groupby("segment")["base"].max()
    assert families.share == round(100 * counts[1] / counts.sum())
    assert families.share + Demand.objects.get(segment="Byfolket").share == 100
    answered = profile_table(home_fit, exact=True).query("item == 'boligtype' and segment == 1")
    assert families.basis["survey"] == "flyttere.csv"
    assert families.basis["answered"] == answered["base"].iloc[0]
    demand_page = client.get(reverse("housing:demand", args=[project.pk])).content.decode()
    assert "Undersøgelsen (flyttere.csv)" in demand_page


def test_nothing_is_set_when_no_answer_names_a_home(client_for, facilitator, project, home_fit):
    Demand.objects.create(project=project, segment="Familierne", kinds=["farm"], min_rooms=7)
    client = client_for(facilitator)
    url = reverse("housing:demand_from_survey", args=[project.pk])
    response = client.post(url, {"kind_item": "boligtype", "threshold": "20",
                                 "segments": ["1", "2"]})  # fmt: skip
    assert response.status_code == 200
    assert "Angiv, hvilke svar der er en boligtype." in response.content.decode()
    assert list(Demand.objects.values_list("segment", "kinds", "min_rooms")) == [
        ("Familierne", ["farm"], 7)
    ]


def test_a_demand_changed_by_hand_no_longer_claims_the_survey(
    client_for, facilitator, project, home_fit
):
    demand = Demand.objects.create(project=project, segment="Familierne", kinds=["house"],
                                   basis={"survey": "flyttere.csv", "answered": 90})  # fmt: skip
    client = client_for(facilitator)
    client.post(reverse("housing:demand_edit", args=[project.pk, demand.pk]),
                {"segment": "Familierne", "kinds": ["house", "plot"], "min_rooms": "4"})  # fmt: skip
    demand.refresh_from_db()
    assert demand.kinds == ["house", "plot"] and demand.basis == {}


def test_without_segments_the_page_says_how_to_get_them(client_for, facilitator, project):
    page = (
        client_for(facilitator)
        .get(reverse("housing:demand_from_survey", args=[project.pk]))
        .content.decode()
    )
    assert "Projektet har ingen segmenter endnu." in page


def test_the_questions_are_found_by_names_written_with_underscores():
    # "rooms_wanted" did not match "rooms" as a word, so the demo survey's rooms question was
    # not found when its file came without question texts.
    from samskab.housing.survey_demand import guess_items
    from samskab.segments.codebook import Codebook, Item

    def coded(name: str, *labels: str) -> Item:
        return Item(name, "categorical", labels={float(i): t for i, t in enumerate(labels, 1)})

    codebook = Codebook((
        coded("age_band", "Under 30", "30 eller derover"),
        coded("home_type", "Parcelhus", "Lejlighed"),
        coded("rooms_wanted", "1 værelse", "5 værelser eller flere"),
        coded("price-band", "Under 1 mio. kr.", "Over 3 mio. kr."),
    ))  # fmt: skip
    assert guess_items(codebook) == {"kind": "home_type", "rooms": "rooms_wanted",
                                     "price": "price-band"}  # fmt: skip
