"""Numbers as the fact base writes them: whole numbers with the language's thousands separator
("1.234" in Danish, "1,234" in English), signed where a net figure is meant."""

from __future__ import annotations

from numbers import Integral
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def grouped(value: Any) -> str:
    """Return a whole number with thousands separators; anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        return "" if value is None else str(value)
    return number_format(int(value), decimal_pos=0, force_grouping=True)


@register.filter
def signed(value: Any) -> str:
    """Return a whole number with thousands separators and a sign (+1.234, −56, 0)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        return "" if value is None else str(value)
    value = int(value)
    text = number_format(abs(value), decimal_pos=0, force_grouping=True)
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text
