"""Small text rules shared by every app: one line where a line break would do harm."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def one_line(text: str) -> str:
    """Return the text with every run of whitespace, line breaks included, made one space: a
    mail subject must not hold a line break."""
    return " ".join(text.split())


def refuse_line_breaks(text: str) -> None:
    """Raise ValidationError when the text holds a line break (a title is one line)."""
    if any(mark in text for mark in "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
        raise ValidationError(_("Write the title on one line."), code="line_break")
