"""The changes to the marketing plan."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from samskab.initiatives.models import Initiative
from samskab.marketing.models import SegmentPlan


@transaction.atomic
def do_save_plan(plan: SegmentPlan, *, initiatives: Iterable[Initiative]) -> SegmentPlan:
    """Save a target group's plan and the initiatives that carry it out."""
    plan.save()
    plan.initiatives.set(initiatives)
    return plan


def do_remove_plan(plan: SegmentPlan) -> None:
    plan.delete()
