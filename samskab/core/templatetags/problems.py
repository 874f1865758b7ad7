"""`{{ problem|problem_text }}`: a problem with an input file in the page's language.

A problem of the fact base or the segments (samskab.facts.errors.Problem, or a FileProblem kept
with a dataset) carries a code and parameters, rendered through the catalogue `samskab` (see
samskab.common.texts); a problem without a code (one kept before problems had codes, or worded
by the web application itself) is looked up in the web application's catalogues."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language, gettext

from samskab.facts.errors import Problem

register = template.Library()


@register.filter
def problem_text(problem: Any) -> str:
    """Return the problem's message in the active language."""
    code = getattr(problem, "code", None)
    if code is None:
        return gettext(str(problem.message))
    coded = Problem(problem.file, problem.message, problem.row, problem.column, code,
                    dict(getattr(problem, "params", None) or {}))  # fmt: skip
    return coded.text(get_language() or "en")
