"""No figure hidden from a participant can be worked out from everything the participant is
shown: every period's net-migration table and map, and the segment profiles with their cards."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from django.urls import reverse

from samskab.factbase.actions import do_import
from tests.common.recovery import recovered

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
    text = client.get(address, {"first": first, "last": last}).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


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
