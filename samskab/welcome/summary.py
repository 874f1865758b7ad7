"""The welcome in figures: newcomers who signed up and were visited, per village and month.
Exact for the facilitator; small-cell suppressed for everyone else (a host sees it too)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format

from samskab.common.suppression import suppress
from samskab.projects.models import Project
from samskab.welcome.models import Kind, Person

COUNTS = ["newcomers", "visited"]


def newcomers_per_month(project: Project, *, exact: bool) -> list[dict[str, Any]]:
    """Return a row per month and village (newest month first): month (its name), village,
    newcomers who signed up and confirmed, visited (of them, those with a recorded visit)."""
    people = Person.objects.listed().filter(village__project=project, kind=Kind.NEWCOMER)
    grouped = (
        people.annotate(month=TruncMonth("consented"))
        .values("month", "village__name")
        .annotate(newcomers=Count("pk"), visited=Count("visited"))
        .order_by("-month", "village__name")
    )
    rows = [{"month": date_format(row["month"], "YEAR_MONTH_FORMAT"),
             "village": row["village__name"], "newcomers": row["newcomers"],
             "visited": row["visited"]} for row in grouped]  # fmt: skip
    if exact or not rows:
        return rows
    table = suppress(pd.DataFrame(rows), counts=COUNTS, dims=["month", "village"],
                     threshold=settings.SUPPRESS_BELOW)  # fmt: skip
    return list(table.to_dict("records"))
