"""What the fact base's column names and codes are called on screen (translated)."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COLUMNS: dict[str, Promise] = {
    "area": _("Area"),
    "year": _("Year"),
    "net_internal": _("Net, within the municipality"),
    "net_external": _("Net, other places"),
    "net_total": _("Net migration"),
    "base_population": _("Population 1 January, first year"),
    "pct_of_base_population": _("% of population"),
    "rank": _("Rank"),
    "destination": _("Destination"),
    "destination_kind": _("Kind"),
    "origin": _("Origin"),
    "origin_kind": _("Kind"),
    "moves": _("Moves"),
    "share": _("Share (%)"),
    "years_after": _("Years after"),
    "newcomers": _("Newcomers"),
    "stayed": _("Still living here"),
    "share_stayed": _("Share still here (%)"),
    "in_movers": _("In-movers"),
    "returners": _("Returners"),
    "share_returners": _("Returners (%)"),
    "history_years": _("Years of history"),
    "out_movers": _("Out-movers"),
    "net": _("Net"),
}
# Columns whose values are places or kinds of place, shown through PLACES.
PLACE_COLUMNS = {"area", "destination", "origin", "destination_kind", "origin_kind"}
PLACES: dict[str, Promise] = {
    "abroad": _("Abroad"),
    "no_area": _("Outside the areas"),
    "municipality": _("Municipality"),
}
KINDS: dict[str, Promise] = {"area": _("Area"), **PLACES}
# The rows a net migration table adds after its areas (facts.migration, `area_kind`).
AREA_KINDS: dict[str, Promise] = {
    "no_area": _("Parish unknown or outside the areas"),
    "total": _("Total"),
}
HIDDEN_COLUMNS = {"area_kind"}  # read to label a row, never shown as a column
HOUSEHOLD_TYPES: dict[str, Promise] = {
    "single_no_children": _("Single without children"),
    "single_with_children": _("Single with children"),
    "couple_no_children": _("Couple without children"),
    "couple_with_children": _("Couple with children"),
    "other": _("Other household"),
    "unknown": _("Unknown"),
}


def column_label(name: str) -> str:
    """Return a column's heading (an area's own name when the column is an area)."""
    return str(COLUMNS.get(name, name))


def place_label(value: Any) -> str:
    """Return a place as shown: "abroad" and "no_area" translated, names as they are."""
    return str(PLACES.get(value, value)) if isinstance(value, str) else str(value)


def area_label(area: Any, kind: Any) -> Any:
    """Return the area cell of a net migration row: the area's name, or what the row stands
    for ("Total") in the page's language."""
    return str(AREA_KINDS[kind]) if kind in AREA_KINDS else area


def cell_label(column: str, value: Any) -> Any:
    """Return a table cell's display value (numbers stay numbers for localisation)."""
    if column.endswith("_kind"):
        return str(KINDS.get(value, value))
    if column in PLACE_COLUMNS:
        return place_label(value)
    return value
