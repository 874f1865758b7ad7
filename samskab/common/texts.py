"""The message catalogue of the packages without Django (`samskab.facts`, `samskab.segments`):
their texts for a user are a code and parameters, rendered in the user's language.

How it works, and how to add a message:
- A package keeps a registry `{code: English template}` (e.g. `samskab.facts.problem_texts`);
  a template names its parameters in braces, "'{value}' is not a parish code". The English
  template is the message id in the gettext domain `samskab`, whose Danish catalogue is
  samskab/common/locale/da/LC_MESSAGES/samskab.po (compiled to .mo by `make translations` and
  by setup.py's build step, like the Django apps' catalogues).
- `render(template, params, language)` looks the template up in the catalogue of `language`
  ("da", "en", or a locale name such as "da_DK.UTF-8") and fills in the parameters, formatted
  for that language: a parameter named `count` gets a thousands separator ("16,004" in English,
  "16.004" in Danish), a float a decimal comma in Danish; a parameter named `what`, `expected`,
  `remedy` or `layouts` is itself a template of the catalogue and is translated too; a
  parameter may also be a message of its own, `{"template": …, "params": {…}}` (see `part`),
  or a list of them, joined with "and".
- The web application renders with the request's language; the command line with
  `cli_language()`, which reads LANGUAGE, LC_ALL, LC_MESSAGES and LANG, English by default.
- To add a message: add the code and template to the registry, add the template with its Danish
  text to samskab.po; tests/common/test_texts.py fails for a code with no Danish text.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "samskab"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "da")
_GROUPED = frozenset({"count"})  # integer parameters written with a thousands separator
# Parameters that are themselves a template of the catalogue ("a year"), translated in turn.
_TRANSLATED = frozenset({"what", "expected", "remedy", "layouts"})


def language_code(name: str | None) -> str:
    """Return "da" for a Danish language or locale name ("da", "da-dk", "da_DK.UTF-8"), else
    "en"."""
    return "da" if (name or "").strip().lower()[:2] == "da" else "en"


def cli_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the command line's language as gettext chooses it: the first of LANGUAGE (a
    colon-separated list), LC_ALL, LC_MESSAGES and LANG that is set; English by default."""
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            first = value.split(":")[0]
            return "en" if first in {"C", "POSIX"} else language_code(first)
    return "en"


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


def translate(template: str, language: str) -> str:
    """Return `template` in `language`, or the English template where there is no translation."""
    code = language_code(language)
    return template if code == "en" else _catalogue(code).gettext(template)


def render(template: str, params: Mapping[str, Any] | None = None, language: str = "en") -> str:
    """Return `template` translated into `language` with its parameters filled in."""
    text = translate(template, language)
    if not params:
        return text
    code = language_code(language)
    return text.format(**{name: formatted(name, value, code) for name, value in params.items()})


def part(template: str, **params: Any) -> dict[str, Any]:
    """Return a message to stand as the parameter of another (kept as JSON keeps it)."""
    return {"template": template, "params": params}


def formatted(name: str, value: Any, language: str = "en") -> str:
    """Return a parameter as text for `language`: a count with a thousands separator, a float
    with a decimal comma in Danish; anything else as it is."""
    danish = language_code(language) == "da"
    if isinstance(value, dict) and "template" in value:
        return render(value["template"], value.get("params"), language)
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        parts = [formatted(name, v, language) for v in value]
        return f" {translate('and', language)} ".join(parts)
    if name in _TRANSLATED and isinstance(value, str):
        return translate(value, language)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) and name in _GROUPED:
        text = f"{value:,}"
        return text.replace(",", ".") if danish else text
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if danish else text
    return str(value)
