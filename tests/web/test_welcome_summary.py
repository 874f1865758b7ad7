"""Newcomers per village and month: exact for the facilitator, small cells hidden for a host."""

from __future__ import annotations

import datetime

from django.urls import reverse

from samskab.welcome.models import Person

from .welcome_fixtures import hoven_page_fixture, sign_up  # noqa: F401  (fixture)

MARCH = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2026, 4, 10, 12, tzinfo=datetime.UTC)


def _newcomers(page, host) -> None:
    """Six in March (four visited), two in April (none), one protected and one unconfirmed."""
    for n in range(6):
        person = sign_up(page, f"Marts{n}", host=host,
                         visited=datetime.date(2026, 3, 20) if n < 4 else None)  # fmt: skip
        Person.objects.filter(pk=person.pk).update(consented=MARCH)
    for name, fields in (("April0", {}), ("April1", {}), ("Skjult", {"protected": True}),
                         ("Ubekræftet", {"confirmed": False})):  # fmt: skip
        person = sign_up(page, name, host=host, **fields)
        Person.objects.filter(pk=person.pk).update(consented=APRIL)


def _rows(client, project):
    response = client.get(reverse("welcome:overview", args=[project.pk]))
    return [tuple(row.values()) for row in response.context["per_month"]]


def test_the_facilitator_sees_the_exact_counts(client_for, facilitator, project, hoven_page):
    _newcomers(hoven_page, None)
    assert _rows(client_for(facilitator), project) == [
        ("april 2026", "Hoven", 2, 0),
        ("marts 2026", "Hoven", 6, 4),
    ]


def test_a_host_sees_the_small_counts_hidden(
    client_for, village_representative, project, hoven_page
):
    _newcomers(hoven_page, village_representative)
    # 2 and 4 are small; each is the only hidden cell of its column, so the column's other
    # cell is hidden too (6 and the 0 visits of April), lest it be worked out from a total.
    assert _rows(client_for(village_representative), project) == [
        ("april 2026", "Hoven", "<5", ".."),
        ("marts 2026", "Hoven", "..", "<5"),
    ]
