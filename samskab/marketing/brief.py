"""The one-page brief of a target group's plan, as HTML and as PDF, for whoever designs the
campaign: everything inline, nothing fetched."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from samskab.marketing.models import SegmentPlan
from samskab.marketing.origins import top_origins


def brief_context(plan: SegmentPlan, *, exact: bool) -> dict[str, Any]:
    """Return what the brief shows: the plan, its project and where in-movers come from."""
    return {"plan": plan, "project": plan.project,
            "origins": top_origins(plan.project, exact=exact)}  # fmt: skip


def brief_html(plan: SegmentPlan, *, exact: bool) -> str:
    """Return the brief as a self-contained HTML document (its style inline) for the PDF."""
    return render_to_string("marketing/brief.html", brief_context(plan, exact=exact))


def brief_pdf(html: str) -> bytes:
    """Return the brief's HTML as PDF; only data URLs may be fetched."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"])).write_pdf()
