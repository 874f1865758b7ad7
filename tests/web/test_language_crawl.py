"""The main pages of a project with a fact base, as its facilitator sees them, and the public
pages speak one language: in Danish no sentence of the English catalogue appears as visible
text, and in English no sentence of the Danish one. Sentences are entries of every catalogue (the web application's and the `samskab`
one) of three words or more, without placeholders, whose Danish text differs from the English."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.urls import reverse

import samskab

from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401  (fixtures)

ROOT = Path(samskab.__file__).parent
PAGES = [
    "projects:detail", "factbase:overview", "factbase:flows", "factbase:population",
    "factbase:map", "factbase:upload", "factbase:statbank", "segmentation:overview",
    "segmentation:surveys", "workshops:overview", "evaluation:overview", "ideas:list",
]  # fmt: skip
PUBLIC = ["data_contract", "accessibility"]
# Sentences that are the same words in both languages' pages for a reason.
EXCEPTIONS: set[str] = set()


def _sentences() -> list[tuple[str, str]]:
    pairs = []
    for path in ROOT.rglob("locale/da/LC_MESSAGES/*.po"):
        for entry in polib.pofile(str(path)).translated_entries():
            english, danish = entry.msgid, entry.msgstr
            if english == danish or re.search(r"%\(|\{|%s|%d", english) or entry.msgid_plural:
                continue
            if len(english.split()) >= 3 and len(danish.split()) >= 3:
                pairs.append((english, danish))
    return pairs


# The attributes a screen reader or a tooltip reads out.
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


class _Text(HTMLParser):
    """The text a reader sees: text nodes outside script and style, whitespace collapsed; with
    `attributes`, also what READ_ATTRIBUTES say."""

    def __init__(self, *, attributes: bool = False) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self._attributes = attributes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")
        if self._attributes:
            self.parts += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _visible(html: str, *, attributes: bool = False) -> str:
    parser = _Text(attributes=attributes)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _pages(client, project) -> dict[str, str]:  # type: ignore[no-untyped-def]
    pages = {name: client.get(reverse(name, args=[project.pk])) for name in PAGES}
    pages |= {name: client.get(reverse(name)) for name in PUBLIC}
    assert {name: r.status_code for name, r in pages.items() if r.status_code != 200} == {}
    return {name: _visible(response.content.decode()) for name, response in pages.items()}


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_page_shows_no_sentence_of_the_other_language(
    client_for, facilitator, project, facts, language
):
    client = client_for(facilitator)
    client.post(reverse("accounts:set_language"), {"language": language, "next": "/"})
    other = 0 if language == "da" else 1  # English sentences on Danish pages, and the reverse
    pairs = _sentences()
    sentences = {pair[other] for pair in pairs} - EXCEPTIONS
    own = {pair[1 - other] for pair in pairs}
    texts = _pages(client, project)
    found = {name: sorted(s for s in sentences if s in text) for name, text in texts.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}
    # The pages are read as a reader sees them: each shows sentences of its own language.
    assert all(any(s in text for s in own) for text in texts.values())
