"""No figure hidden from a participant can be worked out from everything the participant is
shown: every period's net-migration table and map, and the segment profiles with their cards."""

from __future__ import annotations

import numpy as np
import pytest
from django.urls import reverse

from samskab.factbase.actions import do_import
from tests.common.recovery import recovered

from .downloads import figure_records, profile_records
from .segmentation_fixtures import ITEMS, segmented_fixture, survey_file_fixture  # noqa: F401
from .test_factbase_import import HEADER, moves_text, storage_fixture, write_register  # noqa: F401

# Syd (7003) → Nord (7001): 3 moves in 2008 (a small cell), 7 more in 2009 (10 with the 3 of
# the base register), so 2008–2009 minus 2009 would give 2008's hidden 3.
EXTRA = "".join(
    f"{year}-06-01,760,760,7003,7001,Q{year}{n:02d},40,other,M\n"
    for year, count in ((2008, 3), (2009, 7))
    for n in range(count)
)
PERIODS = ((2008, 2008), (2009, 2009), (2008, 2009))
YEARS = (2008, 2009)
ROWS = ("Syd", "Nord", "rest")  # the rows of the net-migration table, then its total
KINDS = ("net_internal", "net_external")


@pytest.fixture(name="small_2008")
def small_2008_fixture(project, facilitator, storage):
    paths = write_register(storage / "source", **{"moves.csv": moves_text() + EXTRA})
    files = {name: paths[f"{name.replace('register', 'moves')}.csv"]
             for name in ("register", "areas", "population")}  # fmt: skip
    return do_import(project, files, individual=True, user=facilitator)


def is_hidden(value: str) -> bool:
    return value == ".." or value.startswith("<")


def _csv(client, project, slug: str, first: int, last: int) -> list[dict[str, str]]:
    address = reverse("factbase:csv", args=[project.pk, slug])
    return figure_records(client.get(address, {"first": first, "last": last}))


def _net_form(position: int, column: str, first: int, last: int) -> np.ndarray:
    """Return a shown cell as a linear form over the unknowns: each row's internal and
    external net per year (the total row sums the rows; a percentage reveals the net)."""
    form = np.zeros(len(ROWS) * len(KINDS) * len(YEARS))
    rows = ROWS if position == len(ROWS) else (ROWS[position],)
    kinds = KINDS if column in ("net_total", "pct_of_base_population") else (column,)
    for row in rows:
        for kind in kinds:
            for year in range(first, last + 1):
                start = (ROWS.index(row) * len(KINDS) + KINDS.index(kind)) * len(YEARS)
                form[start + YEARS.index(year)] = 1
    return form


def test_no_hidden_net_migration_can_be_worked_out_from_every_period(
    client_for, participant, project, small_2008
):
    client = client_for(participant)
    shown, hidden = [], {}
    for first, last in PERIODS:
        for slug in ("net-migration", "map"):
            for position, row in enumerate(_csv(client, project, slug, first, last)):
                for column, value in row.items():
                    if column in ("area", "base_population"):
                        continue
                    form = _net_form(position, column, first, last)
                    name = f"{slug} {first}-{last} {row['area']} {column}"
                    if is_hidden(value):
                        hidden[name] = form
                    else:
                        shown.append(form)
    assert "net-migration 2008-2008 Nord net_internal" in hidden
    assert recovered(shown, hidden) == []


def test_a_cell_hidden_in_one_year_is_hidden_in_every_period_holding_it(
    client_for, participant, project, small_2008
):
    client = client_for(participant)
    nord = {(f, t): next(r for r in _csv(client, project, "net-migration", f, t)
                         if r["area"] == "Nord") for f, t in PERIODS}  # fmt: skip
    assert nord[(2009, 2009)]["net_internal"] == "10"
    assert nord[(2008, 2008)]["net_internal"] == ".."
    assert nord[(2008, 2009)]["net_internal"] == ".."


def _profile_rows(client, project) -> list[dict[str, str]]:
    address = reverse("segmentation:csv", args=[project.pk])
    return profile_records(client.get(address))


class Counts:
    """The unknowns of a profile: how many of segment k gave answer `code` to `item`."""

    def __init__(self, exact: list[dict[str, str]]) -> None:
        shares = [r for r in exact if r["statistic"] == "share"]
        self.position = {(r["segment"], r["item"], r["code"]): n for n, r in enumerate(shares)}

    def form(self, segments: set[str] | None, item: str, codes: set[str] | None = None,
             *, by_code: bool = False) -> np.ndarray:  # fmt: skip
        """Return the sum of the counts of `segments` (None: all) for `item` and `codes`
        (None: all), each weighted by its code when `by_code` (a mean's numerator)."""
        form = np.zeros(len(self.position))
        for (segment, name, code), n in self.position.items():
            chosen = segments is None or segment in segments
            if name == item and chosen and (codes is None or code in codes):
                form[n] = float(code) if by_code else 1.0
        return form


def _profile_equations(
    rows: list[dict[str, str]], counts: Counts
) -> tuple[list[np.ndarray], dict[str, np.ndarray]]:
    """Return what a profile table shows as equations, and its hidden counts as forms."""
    shown, hidden = [], {}
    for r in rows:
        one, item = {r["segment"]}, r["item"]
        if r["statistic"] == "mean":
            if r["segment_value"] and not is_hidden(r["base"]):  # mean × base = Σ code × count
                shown.append(counts.form(one, item, by_code=True))
            continue
        cell = counts.form(one, item, {r["code"]})
        if is_hidden(r["count"]):
            hidden[f"segment {r['segment']} {item} {r['category']}"] = cell
        else:
            shown.append(cell)
        if not is_hidden(r["base"]):
            shown.append(counts.form(one, item))
        if r["total_value"]:  # the whole sample's share: its count, the sample being known
            shown.append(counts.form(None, item, {r["code"]}))
    return shown, hidden


def test_no_hidden_count_of_a_segment_profile_can_be_worked_out(
    client_for, facilitator, participant, segmented
):
    project = segmented.survey.project
    counts = Counts(_profile_rows(client_for(facilitator), project))
    rows = _profile_rows(client_for(participant), project)
    shown, hidden = _profile_equations(rows, counts)
    cards = client_for(participant).get(reverse("segmentation:overview", args=[project.pk]))
    for card in cards.context["cards"]:
        segment = {str(card.segment)}
        if is_hidden(str(card.count)):
            hidden[f"size of segment {card.segment}"] = counts.form(segment, ITEMS[0])
        else:  # every respondent answered every importance item: the size is each base
            shown.append(counts.form(segment, ITEMS[0]))
    assert any("Enlig med børn" in name for name in hidden)
    assert recovered(shown, hidden) == []


def test_a_segment_too_small_to_show_is_hidden_with_another_and_never_described_by_size(
    client_for, participant, segmented, settings
):
    settings.SUPPRESS_BELOW = 80  # the smaller segment has about 60 respondents, the other 100
    project = segmented.survey.project
    response = client_for(participant).get(reverse("segmentation:overview", args=[project.pk]))
    cards = response.context["cards"]
    assert [card.count for card in cards] == ["..", "<80"]
    assert [card.share for card in cards] == [None, None]
    assert all("%" not in card.description for card in cards)
