"""The housing pages: the register of homes and plots, its import, each segment's demand, the
match of demand against supply with its gaps, and an expert's notes."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samskab.housing import actions
from samskab.housing.bbr import read_dwellings, stock
from samskab.housing.forms import (
    BbrForm,
    DemandForm,
    HomeForm,
    ImportForm,
    NoteForm,
    SurveyDemandForm,
    SurveyQuestionsForm,
)
from samskab.housing.imports import ImportProblems, read_homes
from samskab.housing.maps import gap_map
from samskab.housing.match import match_table
from samskab.housing.models import Demand, Home
from samskab.housing.survey_demand import (
    FEW_ANSWERS,
    HIDDEN,
    NO_KIND,
    SegmentDemand,
    guess_items,
    usable_items,
)
from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.segmentation.services import current_fit, segment_names
from samskab.segments.codebook import Codebook

T = TypeVar("T")


def _context(access: ProjectAccess, page: str, **more: Any) -> dict[str, Any]:
    return {"access": access, "project": access.project, "section": "housing", "page": page,
            **more}  # fmt: skip


@login_required
def register(request: HttpRequest, project_id: int) -> HttpResponse:
    """The homes and plots per village, and the expert's notes on what buyers ask for."""
    access = access_project(request, project_id, rules.VIEW_HOUSING)
    homes = Home.objects.filter(village__project=access.project).select_related("village")
    notes = access.project.housing_notes.select_related("author")
    note_form = NoteForm() if access.can(rules.ADD_HOUSING_NOTE) else None
    context = _context(access, "register", homes=homes, notes=notes, note_form=note_form)
    return render(request, "housing/register.html", context)


@login_required
def home_form(request: HttpRequest, project_id: int, home_id: int | None = None) -> HttpResponse:
    """Add a home or plot, or change one."""
    access = access_project(request, project_id, rules.MANAGE_HOUSING)
    home = None if home_id is None else get_object_or_404(
        Home, pk=home_id, village__project=access.project
    )  # fmt: skip
    form = HomeForm(request.POST or None, instance=home, project=access.project)
    if request.method == "POST" and form.is_valid():
        actions.do_save_home(form.save(commit=False))
        messages.success(request, _("The register was saved."))
        return redirect("housing:register", access.project.pk)
    return render(request, "housing/home_form.html", _context(access, "register", form=form,
                                                              home=home))  # fmt: skip


@require_POST
@login_required
def home_remove(request: HttpRequest, project_id: int, home_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_HOUSING)
    actions.do_remove_home(get_object_or_404(Home, pk=home_id, village__project=access.project))
    messages.success(request, _("The home was removed from the register."))
    return redirect("housing:register", access.project.pk)


@login_required
def import_homes(request: HttpRequest, project_id: int) -> HttpResponse:
    """Import homes and plots from a CSV or XLSX file: all rows, or none and every problem."""
    access = access_project(request, project_id, rules.MANAGE_HOUSING)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            plots = form.cleaned_data["plots"]
            homes = _read_upload(
                form.cleaned_data["file"],
                lambda path: read_homes(access.project, path, plots=plots),
            )
        except ImportProblems as error:
            problems = error.problems
        else:
            count = actions.do_import_homes(access.project, homes,
                                            replace=form.cleaned_data["replace"])  # fmt: skip
            messages.success(
                request, _("%(count)s homes and plots were imported.") % {"count": count}
            )
            return redirect("housing:register", access.project.pk)
    context = _context(access, "register", form=form, problems=problems)
    return render(request, "housing/import.html", context)


def _read_upload(upload: Any, read: Callable[[Path], T]) -> T:
    """Return what `read` makes of the uploaded file, kept in a temporary folder meanwhile."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(upload.name).suffix.lower()}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return read(path)


@login_required
def demand(request: HttpRequest, project_id: int, demand_id: int | None = None) -> HttpResponse:
    """What each target segment looks for; who manages the register sets it here."""
    perm = rules.MANAGE_HOUSING if request.method == "POST" or demand_id else rules.VIEW_HOUSING
    access = access_project(request, project_id, perm)
    found = None if demand_id is None else get_object_or_404(
        Demand, pk=demand_id, project=access.project
    )  # fmt: skip
    form = DemandForm(request.POST or None, instance=found, project=access.project,
                      segments=segment_names(access.project))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        actions.do_save_demand(form.save(commit=False))
        messages.success(request, _("The target group's demand was saved."))
        return redirect("housing:demand", access.project.pk)
    manage = access.can(rules.MANAGE_HOUSING)
    context = _context(access, "demand", demands=access.project.housing_demands.all(),
                       form=form if manage else None, editing=found)  # fmt: skip
    return render(request, "housing/demand.html", context)


@login_required
def demand_from_survey(request: HttpRequest, project_id: int) -> HttpResponse:
    """Set the segments' demand from the survey's questions on the home wanted: the questions
    chosen first (GET), then what their answers mean, confirmed and applied (POST)."""
    access = access_project(request, project_id, rules.MANAGE_HOUSING)
    fit = current_fit(access.project)
    if fit is None or fit.chosen is None:
        return render(request, "housing/demand_survey.html", _context(access, "demand", fit=None))
    codebook = fit.survey.read_codebook()
    chosen = SurveyQuestionsForm(request.GET if "kind_item" in request.GET else None,
                                 codebook=codebook, initial=_guessed(codebook))  # fmt: skip
    items = _items(request, chosen, codebook)
    names = [(k, fit.name(k) or f"Segment {k}") for k in range(1, fit.chosen + 1)]
    form = SurveyDemandForm(
        request.POST if request.method == "POST" else None,
        codebook=codebook, items=items, names=names, auto_id="map_%s",
    )  # fmt: skip
    if request.method == "POST" and items.get("kind") and form.is_valid():
        found = actions.do_demand_from_survey(fit, form.questions(),
                                              segments=form.cleaned_data["segments"],
                                              below=settings.SUPPRESS_BELOW)  # fmt: skip
        _report(request, found, set(form.cleaned_data["segments"]), dict(names),
                form.cleaned_data["threshold"])  # fmt: skip
        return redirect("housing:demand", access.project.pk)
    context = _context(access, "demand", fit=fit, chosen=chosen, form=form, items=items,
                       below=settings.SUPPRESS_BELOW)  # fmt: skip
    return render(request, "housing/demand_survey.html", context)


def _guessed(codebook: Codebook) -> dict[str, str]:
    return {f"{role}_item": name or "" for role, name in guess_items(codebook).items()}


def _items(
    request: HttpRequest, chosen: SurveyQuestionsForm, codebook: Codebook
) -> dict[str, str | None]:
    """Return the questions whose answers are mapped: as posted, as chosen, or as guessed."""
    if request.method == "POST":
        source = {role: request.POST.get(f"{role}_item") for role in ("kind", "rooms", "price")}
    elif chosen.is_bound:
        if not chosen.is_valid():
            return {"kind": None, "rooms": None, "price": None}
        source = {role: chosen.cleaned_data[f"{role}_item"] for role in ("kind", "rooms", "price")}
    else:
        source = dict(guess_items(codebook))
    return {role: name if name in codebook.names() and any(
                item.name == name for item in usable_items(codebook, role)) else None
            for role, name in source.items()}  # fmt: skip


def _report(request: HttpRequest, found: list[SegmentDemand], chosen: set[int],
            names: dict[int, str], threshold: int) -> None:  # fmt: skip
    set_ = [item for item in found if item.segment in chosen and not item.skipped]
    messages.success(request, ngettext(
        "The demand of %(count)s target group was set from the survey.",
        "The demand of %(count)s target groups was set from the survey.", len(set_),
    ) % {"count": len(set_)})  # fmt: skip
    below = settings.SUPPRESS_BELOW
    reasons = {
        HIDDEN: _("too few respondents in the segment to show its figures"),
        FEW_ANSWERS: _("fewer than %(below)s of the segment answered the question on the type "
                       "of home") % {"below": below},
        NO_KIND: _("no type of home is wanted by at least %(threshold)s %% and %(below)s of the "
                   "segment") % {"threshold": threshold, "below": below},
    }  # fmt: skip
    for item in found:
        if item.segment in chosen and item.skipped:
            messages.warning(request, _("%(name)s has no demand from the survey: %(why)s; set it "
                                        "by hand.") % {"name": names[item.segment],
                                                       "why": reasons[item.skipped]})  # fmt: skip


@require_POST
@login_required
def demand_remove(request: HttpRequest, project_id: int, demand_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_HOUSING)
    actions.do_remove_demand(get_object_or_404(Demand, pk=demand_id, project=access.project))
    messages.success(request, _("The target group's demand was removed."))
    return redirect("housing:demand", access.project.pk)


@login_required
def match(request: HttpRequest, project_id: int) -> HttpResponse:
    """Each segment's demand against the homes on offer per village, the gaps in words."""
    access = access_project(request, project_id, rules.VIEW_HOUSING)
    table = match_table(access.project)
    opportunities = [row.opportunity for row in stock(access.project) if row.opportunity]
    context = _context(access, "match", table=table, gap_map=gap_map(access.project, table),
                       opportunities=opportunities)  # fmt: skip
    return render(request, "housing/match.html", context)


@require_POST
@login_required
def gap_idea(request: HttpRequest, project_id: int, demand_id: int) -> HttpResponse:
    """Turn a gap (a segment in a village, or in the whole cluster) into an idea."""
    access = access_project(request, project_id, rules.MANAGE_HOUSING)
    found = get_object_or_404(Demand, pk=demand_id, project=access.project)
    village = request.POST.get("village", "")
    cells = dict(match_table(access.project)).get(found, [])
    cell = next((c for c in cells if str(c.village.pk if c.village else "") == village), None)
    if cell is None or cell.gap is None:
        messages.error(request, _("That gap is no longer there: the register has changed."))
        return redirect("housing:match", access.project.pk)
    idea = actions.do_gap_to_idea(found, cell.village, cell.gap, author=request.user)
    messages.success(request, _("The gap is now an idea on housing supply."))
    return redirect("ideas:detail", access.project.pk, idea.pk)


@require_POST
@login_required
def add_note(request: HttpRequest, project_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.ADD_HOUSING_NOTE)
    form = NoteForm(request.POST)
    if form.is_valid():
        actions.do_add_note(access.project, form.save(commit=False), author=request.user)
        messages.success(request, _("Your note was added."))
    else:
        messages.error(request, _("Write the note before adding it."))
    return redirect("housing:register", access.project.pk)


@login_required
def building_register(request: HttpRequest, project_id: int) -> HttpResponse:
    """The villages' housing stock from the building register (BBR), with the empty and
    condemned homes as opportunities; who manages the register imports the extract here."""
    perm = rules.MANAGE_HOUSING if request.method == "POST" else rules.VIEW_HOUSING
    access = access_project(request, project_id, perm)
    manage = access.can(rules.MANAGE_HOUSING)
    form = BbrForm(request.POST or None, request.FILES or None) if manage else None
    problems = []
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            dwellings = _read_upload(
                form.cleaned_data["file"], lambda path: read_dwellings(access.project, path)
            )
        except ImportProblems as error:
            problems = error.problems
        else:
            count = actions.do_import_dwellings(access.project, dwellings)
            messages.success(request, _("%(count)s dwellings of the building register were "
                                        "imported.") % {"count": count})  # fmt: skip
            return redirect("housing:bbr", access.project.pk)
    context = _context(access, "register", stock=stock(access.project), form=form,
                       problems=problems)  # fmt: skip
    return render(request, "housing/bbr.html", context)
