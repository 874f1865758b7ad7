"""The segment cards of the demo say where each segment's movers came from or went to (the
survey's question naming municipalities), beside the moves Statistics Denmark counted between
the municipality and those places at the segment's typical age: both held against counts made
here from the survey and the demo's FLY66 file."""

from __future__ import annotations

import csv
import re
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samskab.demo_data import write_demo_data
from samskab.factbase.demo import seed_public_facts
from samskab.facts.municipalities import resolve_municipality
from samskab.projects.models import Project
from samskab.segmentation.demo import seed_demo_segments
from samskab.segmentation.services import answers_and_segments


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_demo_data(folder)
    return folder


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _moves_by_hand(
    fly66: Path, codes: set[int], way: str, low: int, high: int | None
) -> tuple[int, int]:
    """Return the moves 2020-2024 into 760 from `codes` (`way` "in") or out of it to them, at
    ages low-high, and all of 760's moves that way."""
    mine = together = 0
    with fly66.open(encoding="utf-8") as file:
        for row in csv.DictReader(file, delimiter=";"):
            age, year = int(row["ALDER"]), int(row["TID"])
            if not 2020 <= year <= 2024 or age < low or (high is not None and age > high):
                continue
            to, source, moves = int(row["TILKOMMUNE"]), int(row["FRAKOMMUNE"]), int(row["INDHOLD"])
            if to == source or (to if way == "in" else source) != 760:
                continue
            together += moves
            if (source if way == "in" else to) in codes:
                mine += moves
    return mine, together


BANDS = {"0-17": (0, 17), "18-29": (18, 29), "30-44": (30, 44), "45-64": (45, 64),
         "65+": (65, None)}  # fmt: skip


def test_each_card_names_where_its_movers_came_from_and_went_beside_the_published_moves(
    demo: Path, settings: Any, project: Project, facilitator: User,
    client_for: Callable[[User | None], Client],
) -> None:  # fmt: skip
    seed_public_facts(demo)
    fit = seed_demo_segments(project, demo)
    _, segments = answers_and_segments(fit)
    with (demo / "survey.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    page = client_for(facilitator).get(reverse("segmentation:overview", args=[project.pk]))
    text = _text(page.content.decode())
    words = {"in": ("Tilflyttere", "kom fra", "til Ringkøbing-Skjern fra", "tilflytninger fra"),
             "out": ("Fraflyttere", "flyttede til", "fra Ringkøbing-Skjern til",
                     "fraflytninger til")}  # fmt: skip
    for segment in range(1, 5):
        mine = [r for i, r in enumerate(rows) if segments.iloc[i] == segment]
        age = statistics.median(int(r["age"]) for r in mine)
        band = next(b for b, (lo, hi) in BANDS.items() if lo <= age and (hi is None or age <= hi))
        for way, (movers, verb, between, kind) in words.items():
            towns = Counter(r["town"] for r in mine if r["town"] and r["mover"] == way)
            top = sorted(towns.items(), key=lambda item: (-item[1], item[0]))[:3]
            percent = round(100 * sum(n for _, n in top) / sum(towns.values()))
            named = f"{top[0][0]}, {top[1][0]} og {top[2][0]}"
            assert f"{movers}: {percent} % {verb} {named} ({sum(towns.values())} svar på »" in text
            codes = {resolve_municipality(t) for t, _ in top} - {None}
            fly66 = demo / "statbank" / "FLY66_demo.csv"
            moves, together = _moves_by_hand(fly66, codes, way, *BANDS[band])  # type: ignore[arg-type]
            shown = f"{moves:,}".replace(",", ".")
            assert (
                f"Danmarks Statistik talte {shown} flytninger {between} disse kommuner i "
                f"2020–2024 i alderen {band}, {round(100 * moves / together)} % af kommunens "
                f"{kind} andre kommuner i den alder."
            ) in text, (segment, way)


def test_without_public_facts_the_card_names_the_places_only(
    demo: Path, project: Project, facilitator: User, client_for: Callable[[User | None], Client]
) -> None:
    seed_demo_segments(project, demo)
    page = client_for(facilitator).get(reverse("segmentation:overview", args=[project.pk]))
    text = _text(page.content.decode())
    assert "Tilflyttere:" in text and "kom fra" in text and "Fraflyttere:" in text
    assert "Danmarks Statistik talte" not in text


def _cards(html: str) -> dict[int, str]:
    """Return each segment card's text by its segment number."""
    parts = re.split(r'<section class="card segment-card" aria-labelledby="segment-(\d+)">', html)
    return {int(number): _text(body.split("</section>")[0]) for number, body in
            zip(parts[1::2], parts[2::2], strict=True)}  # fmt: skip


def test_others_read_where_the_movers_went_without_the_answers_behind_it(
    demo: Path, project: Project, facilitator: User, participant: User,
    client_for: Callable[[User | None], Client],
) -> None:  # fmt: skip
    seed_public_facts(demo)
    seed_demo_segments(project, demo)
    address = reverse("segmentation:overview", args=[project.pk])
    exact = _cards(client_for(facilitator).get(address).content.decode())
    shown = _cards(client_for(participant).get(address).content.decode())
    for segment, text in shown.items():
        # The same shares and places, but no count of answers a hidden figure could be
        # worked out from: "56 % kom fra … (442 svar på »…«)" becomes "56 % af dem, der
        # svarede på »…«, kom fra …".
        found = re.findall(r"(Tilflyttere|Fraflyttere): (\d+) % (kom fra|flyttede til) ([^(]+) "
                           r"\((\d+) svar på »([^«]+)«\)", exact[segment])  # fmt: skip
        assert len(found) == 2, exact[segment]
        for movers, percent, verb, places, _answers, question in found:
            assert (f"{movers}: {percent} % af dem, der svarede på »{question}«, {verb} "
                    f"{places.strip()}.") in text  # fmt: skip
        assert " svar på »" not in text
        assert "Danmarks Statistik talte" in text


def test_a_hidden_segments_card_names_no_places(
    demo: Path, settings: Any, project: Project, facilitator: User, participant: User,
    client_for: Callable[[User | None], Client],
) -> None:  # fmt: skip
    fit = seed_demo_segments(project, demo)
    _, segments = answers_and_segments(fit)
    # The smallest segment is hidden, and one beside it so that it cannot be worked out.
    settings.SUPPRESS_BELOW = int(segments.value_counts().min()) + 1
    address = reverse("segmentation:overview", args=[project.pk])
    exact = _cards(client_for(facilitator).get(address).content.decode())
    shown = _cards(client_for(participant).get(address).content.decode())
    hidden = [k for k, text in shown.items() if re.search(r"(&lt;\d+|\.\.) respondenter", text)]
    assert len(hidden) == 2, shown
    for segment in hidden:
        assert "Tilflyttere:" in exact[segment]
        assert "Tilflyttere:" not in shown[segment] and "Fraflyttere:" not in shown[segment]
