"""Every page a facilitator can open speaks one language: each GET route of the URL conf (the
persona project, with one of every object a URL can name, a fact base and fitted segments), in
Danish and in English, shows no sentence of the other language's catalogue, in its text or in
the attributes a screen reader or a tooltip reads (aria-label, title, alt, placeholder). And no
GET writes to the database, but for the audit row of a download of personal data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .segmentation_fixtures import segmented_fixture, survey_file_fixture  # noqa: F401
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401
from .test_language_crawl import EXCEPTIONS, _sentences, _visible
from .url_access import Visitor, every_route, persona_project_fixture, world_fixture  # noqa: F401

# Not pages of the product's own: Django's admin (its own translations) and files.
SKIPPED = ("admin/",)
# The downloads of personal data, each recorded in the project's audit log when it is made.
AUDITED_DOWNLOADS = ("accounts:member_data_json", "ideas:scores_csv", "ideas:results_xlsx",
                     "welcome:export", "welcome_public:my_data_file")  # fmt: skip
# The fixture survey's own answer labels, shown as the survey has them in either language.
SURVEY_LABELS = {"Enlig med børn"}


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_page_shows_no_sentence_of_the_other_language(world, language):
    visitor = Visitor(world.people["facilitator"])
    visitor.client.post(reverse("accounts:set_language"), {"language": language, "next": "/"})
    visitor.cookies = {key: morsel.value for key, morsel in visitor.client.cookies.items()}
    other = 0 if language == "da" else 1
    pairs = _sentences()
    sentences = {pair[other] for pair in pairs} - EXCEPTIONS - SURVEY_LABELS
    read = 0
    writes: dict[str, list[str]] = {}
    found: dict[str, list[str]] = {}
    for route in every_route():
        if route.route.startswith(SKIPPED):
            continue
        path = world.path(route)
        with CaptureQueriesContext(connection) as queries:
            response = visitor.client.get(path)
        written = [
            q["sql"][:60]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        if written:
            writes[route.key] = written
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        text = _visible(response.content.decode(), attributes=True)
        hits = sorted(s for s in sentences if s in text)
        if hits:
            found[route.key] = hits
    assert found == {}
    # Reading a page writes nothing, but the audit row of a download of personal data.
    audit_row = 'INSERT INTO "projects_auditevent" ("project_id", "actor_id",'
    assert {key: set(sql) for key, sql in writes.items()} == {
        key: {audit_row} for key in AUDITED_DOWNLOADS
    }
    assert read > 80  # the crawl reached the pages, not a sign-in page
