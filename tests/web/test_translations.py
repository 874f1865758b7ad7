"""The Danish interface is complete: every catalogue (each app's, the site's, and the fact
base's and the segments' `samskab` domain) has a Danish text for every message, compiled as
written; and every message the code and the templates mark for translation is in one of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import samskab

ROOT = Path(samskab.__file__).parent
CATALOGUES = sorted(ROOT.glob("**/locale/da/LC_MESSAGES/*.po"))


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT).parents[3])


def test_every_app_with_messages_has_its_catalogue_here():
    assert {_name(path) for path in CATALOGUES} >= {
        ".", "accounts", "common", "evaluation", "factbase", "handbook", "housing", "ideas",
        "initiatives", "marketing", "segmentation", "villages", "welcome", "workshops",
    }  # fmt: skip


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_every_message_has_a_danish_translation(path: Path):
    catalogue = polib.pofile(str(path))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_the_compiled_catalogue_matches_the_source(path: Path):
    catalogue = polib.pofile(str(path))
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    source = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.msgid_plural}
    assert source <= {(e.msgid, e.msgstr) for e in compiled}


def _translated() -> set[tuple[str | None, str]]:
    """Return every message with a Danish text in any Django catalogue (Django looks a message
    up in all of them)."""
    return {
        (entry.msgctxt, entry.msgid)
        for path in CATALOGUES
        if path.name == "django.po"
        for entry in polib.pofile(str(path)).translated_entries()
    }


def test_every_message_the_code_and_the_templates_mark_is_in_a_danish_catalogue(tmp_path):
    """Django's own extraction (makemessages, GNU xgettext) run over a copy of the sources: a
    message it finds that no catalogue translates would show in English on a Danish page."""
    copy = tmp_path / "samskab"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__", "static"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "samskab.test_settings",
           "PYTHONPATH": str(ROOT.parent)}  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "da", "--no-wrap", "--no-obsolete",
         "--ignore", "facts/*", "--ignore", "segments/*", "--ignore", "common/*",
         "--verbosity", "0"],
        cwd=copy, env=env, check=True, capture_output=True,
    )  # fmt: skip
    translated = _translated()
    missing = []
    found = 0
    for path in sorted(copy.glob("**/locale/da/LC_MESSAGES/django.po")):
        catalogue = polib.pofile(str(path))
        found += len(catalogue)
        missing += [
            f"{entry.msgid!r} ({entry.occurrences[0][0] if entry.occurrences else '?'})"
            for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()
            if (entry.msgctxt, entry.msgid) not in translated
        ]
    assert found > 1000  # the extraction ran over the whole product
    assert missing == []
