"""The project's handbook as one HTML document and as PDF (WeasyPrint): the same charts as
the pages (Vega-Lite rendered to SVG on the server), every count suppressed for publication,
no personal data beyond the names of the members who agreed to be named."""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from samskab.handbook.sections import evaluation, facts, ideas, initiatives, lessons, segments
from samskab.handbook.sections import workshops as workshop_sections
from samskab.ideas.results import scorable_ideas
from samskab.projects.models import Project, ProjectLogo


def logo_data_url(project: Project) -> str | None:
    """Return the project's logo as a data URL for the cover, or None without one."""
    logo = ProjectLogo.objects.filter(project=project).first()
    if logo is None:
        return None
    return "data:image/png;base64," + base64.b64encode(bytes(logo.png)).decode("ascii")


def handbook_context(project: Project) -> dict[str, Any]:
    """Return everything the handbook shows, in the active language."""
    people = workshop_sections.people(project)
    printed, _whole = ideas.ranking(project)
    return {
        "project": project,
        "logo": logo_data_url(project),
        "today": datetime.date.today(),
        "facts": facts.fact_base(project),
        "cards": segments.segment_cards(project),
        "workshops": workshop_sections.workshops(project),
        "people": people,
        "expectations": workshop_sections.expectations(project, people),
        "ideas": scorable_ideas(project),
        "ranking": printed,
        "initiatives": initiatives.initiatives(project, people),
        "evaluation": evaluation.evaluation(project),
        "lessons": lessons.lessons(project),
        "suppress_below": settings.SUPPRESS_BELOW,
    }


def handbook_html(project: Project, language: str) -> str:
    """Return the handbook as a self-contained HTML document in `language` ("da" or "en")."""
    with translation.override(language):
        context = handbook_context(project) | {"language": language}
        return render_to_string("handbook/document.html", context)


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


def handbook_pdf(html: str) -> Rendered:
    """Return the handbook's HTML as PDF. Everything it shows is inline (styles, SVG charts,
    the logo as a data URL), so nothing is fetched: only data URLs are allowed."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    document = HTML(string=html, url_fetcher=fetcher).render()
    return Rendered(pdf=document.write_pdf(), pages=len(document.pages))
