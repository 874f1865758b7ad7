"""Template filters of the evaluation pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from samskab.core.formats import rounded

register = template.Library()


@register.filter
def shown(value: object, decimals: int = 1) -> str:
    """Return a number formatted for the page's language, a suppressed cell ("<5", "..") as it
    is, and nothing to show as "–"."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return rounded(value, decimals)
    if isinstance(value, int):
        return number_format(value, 0)
    return str(value)
