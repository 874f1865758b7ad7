"""A table of the handbook that is not a fact-base figure (members, ranking): its published
frame, suppressed by the common rule, and its cells as the template shows them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from django.conf import settings

from samskab.common.suppression import suppress
from samskab.factbase.figures import Cell, table_cells


@dataclass
class Table:
    slug: str
    title: str
    frame: pd.DataFrame  # as published: small cells already hidden
    headers: list[Cell]
    rows: list[list[Cell]]

    @property
    def spec(self) -> Table:
        """Return itself: the fact base's table template reads a figure's `spec.title`."""
        return self


def published_table(
    slug: str,
    title: str,
    frame: pd.DataFrame,
    *,
    counts: Sequence[str],
    derived: Mapping[str, Sequence[str]] | None = None,
) -> Table:
    """Return the frame with small counts (and what is computed from them) hidden; no sum of
    its cells is published, so a hidden cell needs no second one to protect it."""
    if not frame.empty:
        frame = suppress(
            frame, counts=counts, derived=derived, lines=[], threshold=settings.SUPPRESS_BELOW
        )
    return as_table(slug, title, frame)


def as_table(slug: str, title: str, frame: pd.DataFrame) -> Table:
    """Return a frame that is published as it is as a table of the handbook."""
    headers, rows = table_cells(frame)
    return Table(slug=slug, title=title, frame=frame, headers=headers, rows=rows)
