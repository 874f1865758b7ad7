"""The fact base speaks Danish by default and English on request."""

from __future__ import annotations

import re
from html import unescape

from django.urls import reverse

from .test_factbase_import import (  # noqa: F401  (fixtures)
    POPULATION,
    _uploads,
    facts_fixture,
    storage_fixture,
    write_register,
)


def test_the_pages_are_danish_by_default_with_danish_numbers(
    client_for, facilitator, project, facts
):
    html = (
        client_for(facilitator)
        .get(reverse("factbase:overview", args=[project.pk]))
        .content.decode()
    )
    assert "Nettotilflytning pr. område" in html and "Hent som CSV" in html
    assert '<td class="num">1.500</td>' in html and '<td class="num">0,7</td>' in html


def test_the_pages_speak_english_on_request(client_for, facilitator, project, facts):
    client = client_for(facilitator)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("factbase:overview", args=[project.pk])).content.decode()
    assert "Net migration per area" in html and "Download as CSV" in html


def _refused_upload(client, project, storage):  # type: ignore[no-untyped-def]
    bad = POPULATION.replace("2009,7002,500", "2009,7002,many")
    paths = write_register(storage / "source", **{"population.csv": bad})
    return client.post(reverse("factbase:upload", args=[project.pk]), _uploads(paths))


def test_a_refused_upload_names_its_problem_in_danish(client_for, facilitator, project, storage):
    response = _refused_upload(client_for(facilitator), project, storage)
    html = unescape(response.content.decode())
    assert "'many' er ikke et helt tal; forventede et antal indbyggere mellem 0 og" in html
    assert "is not a whole number" not in html


def test_a_refused_upload_names_its_problem_in_english_on_request(
    client_for, facilitator, project, storage
):
    client = client_for(facilitator)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    html = unescape(_refused_upload(client, project, storage).content.decode())
    assert "'many' is not a whole number; expected a number of residents between 0 and" in html
    assert "er ikke et helt tal" not in html


def test_the_charts_speak_to_a_screen_reader_in_the_pages_language_only(
    client_for, facilitator, project, facts
):
    client = client_for(facilitator)
    for name in ("factbase:overview", "factbase:flows", "factbase:population", "factbase:map"):
        html = client.get(reverse(name, args=[project.pk])).content.decode()
        assert '<svg role="img" aria-label="' in html, name
        labels = re.findall(r'aria-(?:label|roledescription)="([^"]*)"', html)
        assert not [t for t in labels if "axis" in t.lower() or "lon" in t.split()], name
        assert "aria-roledescription" not in html, name
