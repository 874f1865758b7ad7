"""Segment pages: the profile cards for every member, and for facilitators the surveys, the
codebook, the fit and the choice of K.

Every view asks access_project for its permission first. Whether a person sees exact figures
or suppressed ones is decided once, from VIEW_EXACT_FACTS.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from samskab.core.exports import csv_download
from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.segmentation import actions, services
from samskab.segmentation.forms import (
    ChooseForm,
    FitForm,
    NamesForm,
    SurveyUploadForm,
    codebook_formset,
    edited_codebook,
)
from samskab.segmentation.models import Fit, Survey


def _context(access: ProjectAccess, page: str, **more: Any) -> dict[str, Any]:
    return {"access": access, "project": access.project, "section": "segments", "page": page,
            "exact": access.can(rules.VIEW_EXACT_FACTS), **more}  # fmt: skip


@login_required
def overview(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show the project's segments as profile cards (suppressed unless exact)."""
    access = access_project(request, project_id, rules.VIEW_SEGMENTS)
    fit = services.current_fit(access.project)
    context = _context(access, "overview", fit=fit)
    if fit is not None:
        exact = access.can(rules.VIEW_EXACT_FACTS)
        context["cards"] = services.cards(fit, exact=exact)
        if access.can(rules.MANAGE_SEGMENTS):
            context["names_form"] = NamesForm(segments=fit.chosen or 0, names=fit.names)
    return render(request, "segmentation/overview.html", context)


@login_required
@require_POST
def name_segments(request: HttpRequest, project_id: int) -> HttpResponse:
    """Keep the names given to the current segments."""
    access = access_project(request, project_id, rules.MANAGE_SEGMENTS)
    fit = services.current_fit(access.project)
    if fit is None:
        raise Http404
    form = NamesForm(request.POST, segments=fit.chosen or 0, names=fit.names)
    if form.is_valid():
        actions.do_name_segments(fit, form.names())
        messages.success(request, _("The segment names are saved."))
    return redirect("segmentation:overview", access.project.pk)


@login_required
def profile_csv(request: HttpRequest, project_id: int) -> HttpResponse:
    """Return the profile table as CSV, exact or suppressed as the person may see it."""
    access = access_project(request, project_id, rules.VIEW_SEGMENTS)
    fit = services.current_fit(access.project)
    if fit is None:
        raise Http404
    table = services.profile_table(fit, exact=access.can(rules.VIEW_EXACT_FACTS))
    return csv_download(services.profile_csv_rows(table), f"segment-profiles-{fit.chosen}.csv")


@login_required
def surveys(request: HttpRequest, project_id: int) -> HttpResponse:
    """Upload a survey (all or nothing, every problem listed) and list the project's surveys."""
    access = access_project(request, project_id, rules.MANAGE_SEGMENTS)
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            survey = actions.do_import_survey(
                access.project, form.cleaned_data["file"], user=request.user
            )
        except actions.SurveyRefused as refused:
            problems = refused.problems
            form.add_error("file", _("The survey was not imported; see the problems below."))
        else:
            messages.success(request, _("The survey is imported. Check its codebook."))
            return redirect("segmentation:codebook", access.project.pk, survey.pk)
    listed = access.project.surveys.prefetch_related("fits")[:10]
    context = _context(access, "surveys", form=form, problems=problems, surveys=listed)
    return render(request, "segmentation/surveys.html", context, status=400 if problems else 200)


def _survey(access: ProjectAccess, survey_id: int) -> Survey:
    return get_object_or_404(Survey, pk=survey_id, project=access.project)


@login_required
def codebook(request: HttpRequest, project_id: int, survey_id: int) -> HttpResponse:
    """Review and edit a survey's codebook: each item's kind and role."""
    access = access_project(request, project_id, rules.MANAGE_SEGMENTS)
    survey = _survey(access, survey_id)
    book = survey.read_codebook()
    formset = codebook_formset(book, request.POST or None)
    problems: list[Any] = []
    if request.method == "POST" and formset.is_valid():
        try:
            actions.do_edit_codebook(survey, edited_codebook(book, formset))
        except actions.SurveyRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, _("The codebook is saved."))
            return redirect("segmentation:codebook", access.project.pk, survey.pk)
    context = _context(
        access, "surveys", survey=survey, formset=formset, problems=problems,
        fit_form=FitForm(), segmenting=[i.name for i in book.items if i.role == "segmenting"],
    )  # fmt: skip
    status = 400 if problems or (formset.errors and request.method == "POST") else 200
    return render(request, "segmentation/codebook.html", context, status=status)


@login_required
@require_POST
def start_fit(request: HttpRequest, project_id: int, survey_id: int) -> HttpResponse:
    """Start fitting the survey's segmenting items for a range of K."""
    access = access_project(request, project_id, rules.MANAGE_SEGMENTS)
    survey = _survey(access, survey_id)
    form = FitForm(request.POST)
    if not any(item.role == "segmenting" for item in survey.read_codebook().items):
        messages.error(request, _("Mark at least one item as forming the segments first."))
        return redirect("segmentation:codebook", access.project.pk, survey.pk)
    if not form.is_valid():
        context = _context(access, "surveys", survey=survey, fit_form=form,
                           formset=codebook_formset(survey.read_codebook()))  # fmt: skip
        return render(request, "segmentation/codebook.html", context, status=400)
    data = form.cleaned_data
    fit = actions.do_start_fit(
        survey, range(data["first_classes"], data["last_classes"] + 1),
        bootstrap=data["bootstrap"], seed=data["seed"], user=request.user,
    )  # fmt: skip
    return redirect("segmentation:fit", access.project.pk, fit.pk)


def _fit(access: ProjectAccess, fit_id: int) -> Fit:
    fit = get_object_or_404(Fit.objects.select_related("survey"), pk=fit_id,
                            survey__project=access.project)  # fmt: skip
    return actions.refresh_fit(fit)


@login_required
def fit(request: HttpRequest, project_id: int, fit_id: int) -> HttpResponse:
    """Compare K for a fit and choose one; while it runs, a status the page polls."""
    access = access_project(request, project_id, rules.MANAGE_SEGMENTS)
    found = _fit(access, fit_id)
    running = found.status == Fit.Status.RUNNING
    if request.htmx and not running:
        return HttpResponseClientRefresh()
    models = found.results.get("models", [])
    texts = services.fit_texts(found.results) if found.results.get("models") else None
    if texts is not None:
        models = [m | {"left_out_text": texts.left_out.get(m["classes"], "")} for m in models]
    context = _context(
        access, "surveys", fit=found, running=running, models=models, texts=texts,
        state=actions.fit_state(found),
        choose_form=ChooseForm(initial={"classes": found.chosen or found.results.get(
            "recommended")}, classes=found.classes),
    )  # fmt: skip
    template = "segmentation/fit_status.html" if request.htmx else "segmentation/fit.html"
    return render(request, template, context)


@login_required
@require_POST
def choose(request: HttpRequest, project_id: int, fit_id: int) -> HttpResponse:
    """Choose the fit's K: its segments become the project's."""
    access = access_project(request, project_id, rules.MANAGE_SEGMENTS)
    found = _fit(access, fit_id)
    form = ChooseForm(request.POST, classes=found.classes)
    if found.status != Fit.Status.DONE or not form.is_valid():
        messages.error(request, _("Choose one of the numbers of segments fitted."))
        return redirect("segmentation:fit", access.project.pk, found.pk)
    actions.do_choose(found, form.cleaned_data["classes"])
    messages.success(request, _("The segments are chosen. Read their profiles and name them."))
    return redirect("segmentation:overview", access.project.pk)
