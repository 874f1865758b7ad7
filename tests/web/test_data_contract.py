"""The data contract: in the repository, as a page in Danish and English, linked from every
form that uploads a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

import samskab

from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401

ROOT = Path(samskab.__file__).parent
CONTRACT = ROOT / "core" / "contract"


def test_the_repository_holds_the_contract_the_page_shows():
    docs = ROOT.parent / "docs" / "data-contract.md"
    assert docs.read_text(encoding="utf-8") == (CONTRACT / "data-contract.en.md").read_text(
        encoding="utf-8"
    )


def test_the_danish_contract_has_the_english_ones_sections_and_columns():
    english = (CONTRACT / "data-contract.en.md").read_text(encoding="utf-8")
    danish = (CONTRACT / "data-contract.da.md").read_text(encoding="utf-8")
    assert english.count("\n## ") == danish.count("\n## ")
    columns = {
        line.split("|")[1].strip() for line in english.splitlines() if line.startswith("| `")
    }
    for column in columns:
        assert column in danish


@pytest.mark.django_db
def test_the_page_is_danish_by_default_and_english_on_request(client):
    html = client.get(reverse("data_contract")).content.decode()
    assert "<h1>Dataaftale: hvad samskab læser</h1>" in html
    assert "<th>kolonne</th>" in html and "<code>move_date</code>" in html
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("data_contract")).content.decode()
    assert "<h1>Data contract: what samskab reads</h1>" in html and "<th>column</th>" in html


@pytest.mark.parametrize(
    "page",
    ["factbase:upload", "factbase:statbank", "segmentation:surveys", "housing:import",
     "housing:bbr", "welcome:letters"],
)  # fmt: skip
def test_every_upload_form_links_to_the_contract(client_for, facilitator, project, page):
    html = client_for(facilitator).get(reverse(page, args=[project.pk])).content.decode()
    assert f'<a href="{reverse("data_contract")}">' in html
    assert "Hvad hver fil skal indeholde: dataaftalen" in html


def test_the_municipality_boundaries_upload_links_to_the_contract(
    client_for, facilitator, project, facts
):
    page = client_for(facilitator).get(reverse("factbase:where", args=[project.pk]))
    html = page.content.decode()
    form = html[html.index('<details class="where-outlines">') :]
    assert f'<a href="{reverse("data_contract")}">' in form[: form.index("</details>")]


def test_the_contract_names_every_column_the_housing_and_letter_imports_read():
    english = (CONTRACT / "data-contract.en.md").read_text(encoding="utf-8")
    for name in ("landsby", "byggegrund", "til salg", "sognekode", "enhedens anvendelse",
                 "opførelsesår", "kondemneret", "postcode", "protected", "KOMKODE"):  # fmt: skip
        assert f"`{name}`" in english, name
