"""The live results board for the projector, its cheap poll, and the exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from samskab.core.exports import XLSX, csv_download, download, xlsx_bytes
from samskab.ideas import exports
from samskab.ideas.actions import do_export_scores
from samskab.ideas.forms import IdeaFilterForm
from samskab.ideas.models import DIMENSIONS
from samskab.ideas.results import HEADINGS, change_key, quick_win_threshold, results_for
from samskab.projects import rules
from samskab.workshops.access import WorkshopAccess, access_workshops

# The poll's answer when nothing changed: no content, so htmx keeps the board as it is.
UNCHANGED = 204


def _board_context(request: HttpRequest, found: WorkshopAccess, key: str | None = None) -> dict:
    # The key is read before the board: a score arriving in between makes the next poll fetch
    # the board again rather than be missed.
    key = key or change_key(found.project)
    form = IdeaFilterForm(request.GET, project=found.project)
    village = form.value("village")
    board = results_for(found.project, village or None)
    return found.context(
        "results",
        form=form,
        village=village,
        board=board,
        key=key,
        threshold=quick_win_threshold(board.scale_max),
        headings=[(HEADINGS[name], question) for name, question in DIMENSIONS],
        eligible=found.project.memberships.filter(role__in=_scoring_roles()).count(),
    )


def _scoring_roles() -> frozenset[str]:
    return rules.PHASE_PERMISSIONS[3][rules.SCORE_IDEA]


@login_required
def board(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show the results board; `?screen=1` shows it alone, large, for the projector."""
    found = access_workshops(request, project_id)
    context = _board_context(request, found)
    screen = request.GET.get("screen") == "1"
    context["screen"] = screen
    template = "ideas/projector.html" if screen else "ideas/results.html"
    return render(request, template, context)


@login_required
def board_live(request: HttpRequest, project_id: int) -> HttpResponse:
    """Answer the board's 2-second poll: 204 (keep the board) when the change key is the one
    the board shows, else the freshly computed board."""
    found = access_workshops(request, project_id)
    key = change_key(found.project)
    if request.GET.get("since") == key:
        return HttpResponse(status=UNCHANGED)
    context = _board_context(request, found, key)
    context["screen"] = request.GET.get("screen") == "1"
    return render(request, "ideas/board.html", context)


@login_required
def ranking_csv(request: HttpRequest, project_id: int) -> HttpResponse:
    """Return the ranking (aggregates only) as CSV, for every member."""
    found = access_workshops(request, project_id)
    rows = exports.ranking_rows(results_for(found.project))
    return csv_download(rows, "ranking.csv")


@login_required
def scores_csv(request: HttpRequest, project_id: int) -> HttpResponse:
    """Return every named score as CSV (facilitator and contact person)."""
    found = access_workshops(request, project_id, rules.EXPORT_SCORES)
    rows = do_export_scores(found.project, request.user, "scores.csv")
    return csv_download(rows, "scores.csv")


@login_required
def results_xlsx(request: HttpRequest, project_id: int) -> HttpResponse:
    """Return the ranking and every named score as one workbook with two sheets."""
    found = access_workshops(request, project_id, rules.EXPORT_SCORES)
    sheets = [
        (_("Ranking"), exports.ranking_rows(results_for(found.project))),
        (_("Scores"), do_export_scores(found.project, request.user, "results.xlsx")),
    ]
    return download(xlsx_bytes(sheets), "results.xlsx", XLSX)
