"""Errors the segments package reports to a user.

They are the fact base's error types, so the command line reports both packages' input errors
the same way (file, row, column) with the same exit status.
"""

from __future__ import annotations

from samskab.facts.errors import FactsError, InputError, Problem

__all__ = ["InputError", "ModelError", "Problem"]


class ModelError(FactsError):
    """A model that cannot be fitted or used as asked (too few respondents, a foreign file)."""
