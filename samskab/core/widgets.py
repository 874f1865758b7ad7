"""Form widgets every app uses the same way."""

from __future__ import annotations

from django import forms

# A browser's date picker shows only an ISO date (2026-01-31): a value in the page's own
# format ("31.01.2026") leaves it empty, and the form is then sent without the date.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
