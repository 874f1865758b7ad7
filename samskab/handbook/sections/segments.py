"""The handbook's segments: the profile cards of the chosen segmentation, suppressed."""

from __future__ import annotations

from samskab.projects.models import Project
from samskab.segmentation.services import Card, cards, current_fit


def segment_cards(project: Project) -> list[Card]:
    """Return the chosen segmentation's cards as any member sees them (none without one)."""
    fit = current_fit(project)
    return cards(fit, exact=False) if fit else []
