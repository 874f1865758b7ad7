"""CSV downloads open right in a spreadsheet of the page's language: in Danish `;` between the
cells, a decimal comma and Danish headings (as Excel set to Danish reads CSV); in English `,`,
a decimal point and English headings; both UTF-8 with a byte-order mark."""

from __future__ import annotations

from django.urls import reverse

from .downloads import csv_rows
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401

# The small register's net migration 2008–2009 (test_factbase_import.MOVES), by hand:
# Nord: 3 in from Syd, 20 in from Holstebro, 12 out abroad; 1,500 inhabitants → 11, 0.7 %.
# Syd: 3 out to Nord, 8 out to Herning, 6 in from abroad; 3,500 inhabitants → −5, −0.1 %.


def _net_migration(client, project):
    address = reverse("factbase:csv", args=[project.pk, "net-migration"])
    return client.get(address, {"first": 2008, "last": 2009})


def test_danish_csv_has_semicolons_decimal_commas_and_danish_headings(
    client_for, facilitator, project, facts
):
    response = _net_migration(client_for(facilitator), project)
    assert response["Content-Language"] == "da"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffOmråde;Netto, inden for kommunen;Netto, andre steder;")
    rows = csv_rows(response)
    assert rows[0] == [
        "Område", "Netto, inden for kommunen", "Netto, andre steder", "Nettotilflytning",
        "Befolkning 1. januar, første år", "% af befolkningen",
    ]  # fmt: skip
    by_area = {row[0]: row[1:] for row in rows[1:]}
    assert by_area["Nord"] == ["3", "8", "11", "1500", "0,7"]
    assert by_area["Syd"] == ["-3", "-2", "-5", "3500", "-0,1"]
    assert by_area["I alt"][:3] == ["0", "6", "6"]


def test_english_csv_has_commas_decimal_points_and_english_headings(
    client_for, facilitator, project, facts
):
    client = client_for(facilitator)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    response = _net_migration(client, project)
    assert response["Content-Language"] == "en"
    rows = csv_rows(response)
    assert rows[0][:2] == ["Area", "Net, within the municipality"]
    by_area = {row[0]: row[1:] for row in rows[1:]}
    assert by_area["Nord"] == ["3", "8", "11", "1500", "0.7"]
    assert by_area["Total"][:3] == ["0", "6", "6"]


def test_a_place_is_named_in_the_pages_language(client_for, facilitator, project, facts):
    address = reverse("factbase:csv", args=[project.pk, "largest-flows"])
    rows = csv_rows(client_for(facilitator).get(address, {"first": 2008, "last": 2009}))
    places = {cell for row in rows[1:] for cell in row}
    assert "Udlandet" in places and "abroad" not in places
