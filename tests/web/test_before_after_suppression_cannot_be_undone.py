"""No move hidden from a participant can be worked out from an initiative's before/after view
together with the flow lists and net-migration tables of the same areas and years: the view's
in- and out-movers of a year are sums of the flows across the target areas' boundary."""

from __future__ import annotations

from itertools import product

import numpy as np
from django.urls import reverse

from samskab.evaluation.trends import YearMoves
from samskab.projects.models import Area
from tests.common.recovery import recovered

from .initiatives_fixtures import initiative_fixture  # noqa: F401  (fixture)
from .test_flow_suppression_cannot_be_undone import (  # noqa: F401  (fixtures)
    AGE_BANDS,
    HOUSEHOLDS,
    UNKNOWNS,
    _flow_equations,
    _net_equations,
    is_hidden,
    register_fixture,
    storage_fixture,
)

TARGETS = (("Nord",), ("Syd",), ("Syd", "Nord"))


def _across(areas, year: int, age: str, household: str, *, into: bool) -> np.ndarray:
    """Return the moves of the year and filter into (or out of) `areas` from outside them."""
    return np.array([
        float(y == year and age in ("", a) and household in ("", h)
              and ((d in areas) if into else (o in areas))
              and not ((o in areas) if into else (d in areas)))
        for y, o, d, a, h in UNKNOWNS
    ])  # fmt: skip


def _trend(client, initiative, areas, age: str, household: str):
    initiative.target_areas.set(Area.objects.filter(project=initiative.project, name__in=areas))
    type(initiative).objects.filter(pk=initiative.pk).update(
        target_age_band=age, target_household=household
    )
    address = reverse("evaluation:before_after", args=[initiative.project_id, initiative.pk])
    return client.get(address).context["trend"].years


def _before_after_equations(client, initiative, shown: list, hidden: dict) -> None:
    """Add every year's in-, out- and net movers of every target and filter."""
    for areas, age, household in product(TARGETS, AGE_BANDS, HOUSEHOLDS):
        for row in _trend(client, initiative, areas, age, household):
            into = _across(areas, row.year, age, household, into=True)
            out = _across(areas, row.year, age, household, into=False)
            cells = {"in": (row.in_movers, into), "out": (row.out_movers, out),
                     "net": (row.net, into - out)}  # fmt: skip
            for name, (value, form) in cells.items():
                if is_hidden(str(value)):
                    hidden[
                        f"before/after {'+'.join(areas)} {age}/{household} {row.year} {name}"
                    ] = form
                else:
                    shown.append(form)


def test_no_hidden_move_can_be_worked_out_from_the_before_after_view_and_the_flow_lists(
    client_for, participant, project, register, initiative
):
    client = client_for(participant)
    shown: list[np.ndarray] = []
    hidden: dict[str, np.ndarray] = {}
    _before_after_equations(client, initiative, shown, hidden)
    assert "before/after Nord / 2008 in" in hidden
    _flow_equations(client, project, shown, hidden)
    _net_equations(client, project, shown, hidden)
    assert recovered(shown, hidden) == []


def test_the_view_shows_what_the_flow_lists_and_nets_add_up_to_and_hides_the_rest(
    client_for, facilitator, participant, register, initiative
):
    # Nord, 2008: 20 in from Holstebro and 3 from Syd (small in the flow lists), 6 out to the
    # rest; 2009: 10 in from Syd, 12 out abroad, 9 to Syd and 2 to the rest, net −13 (shown
    # in the net-migration table), so 23 out.
    exact = _trend(client_for(facilitator), initiative, ("Nord",), "", "")
    assert exact == [YearMoves(2008, 23, 6, 17), YearMoves(2009, 10, 23, -13)]
    seen = _trend(client_for(participant), initiative, ("Nord",), "", "")
    assert seen == [YearMoves(2008, "..", "..", ".."), YearMoves(2009, 10, 23, -13)]
