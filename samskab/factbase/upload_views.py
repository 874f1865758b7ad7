"""Choosing a project's data (facilitators): upload the contract's files, use the demo data,
or read StatBank FLY66 downloads, whose balance is kept per year."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRefresh

from samskab.factbase.actions import (
    FileProblem,
    file_problems,
    start_import,
    start_import_demo,
)
from samskab.factbase.balance import (
    chart_svg,
    default_period,
    kept_years,
    period_balance,
    read_uploads,
    store,
)
from samskab.factbase.forms import PeriodForm, StatbankForm, UploadForm
from samskab.factbase.models import FactDataset
from samskab.factbase.templatetags.factbase_numbers import grouped
from samskab.factbase.views import facts_for
from samskab.facts.errors import Problem
from samskab.jobs.state import JobState, job_state
from samskab.projects import rules
from samskab.projects.access import access_project

FIELDS = ("register", "areas", "population", "boundaries")


@login_required
def upload(request: HttpRequest, project_id: int) -> HttpResponse:
    """Queue the import of uploaded files (all or nothing) and follow it on its own page; an
    import done already (a queue that runs jobs at once) shows every problem beside its file's
    field, or the fact base."""
    access = access_project(request, project_id, rules.MANAGE_FACTS)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[FileProblem] = []
    if request.method == "POST" and form.is_valid():
        files = {role: form.cleaned_data.get(role) for role in FIELDS}
        individual = form.cleaned_data["kind"] == "moves"
        dataset = start_import(access.project, files, individual=individual, user=request.user)
        if dataset.status != FactDataset.Status.FAILED:
            return _follow(request, dataset)
        problems = file_problems(dataset)
        _attach(form, problems)
    context = facts_for(request, project_id, rules.MANAGE_FACTS).context(
        "data",
        form=form,
        problems={role: [p for p in problems if p.role == role] for role in FIELDS},
        other_problems=[p for p in problems if p.role not in FIELDS],
        datasets=access.project.fact_datasets.exclude(
            status=FactDataset.Status.FAILED
        ).select_related("uploaded_by")[:10],
        max_upload=settings.MAX_UPLOAD_BYTES,
    )
    return render(request, "factbase/upload.html", context, status=400 if problems else 200)


def _attach(form: UploadForm, problems: list[FileProblem]) -> None:
    """Mark every field whose file has a problem (the table of problems sits beside it)."""
    for role in FIELDS:
        count = sum(1 for p in problems if p.role == role)
        if count:
            form.add_error(
                role,
                _("The file was not imported: %(count)d problem(s), listed below.")
                % {"count": count},
            )
    if any(p.role not in FIELDS for p in problems):
        form.add_error(None, _("The files were not imported; see the problems below."))


@login_required
def use_demo(request: HttpRequest, project_id: int) -> HttpResponse:
    """Import the demo municipality's data as the project's dataset (POST only)."""
    access = access_project(request, project_id, rules.MANAGE_FACTS)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _follow(request, start_import_demo(access.project, user=request.user))


def _follow(request: HttpRequest, dataset: FactDataset) -> HttpResponse:
    """Show the fact base once the import is done, else the import's page."""
    if dataset.status == FactDataset.Status.VALID:
        messages.success(request, _("The files were imported. The fact base shows them now."))
        return redirect("factbase:overview", project_id=dataset.project_id)
    return redirect("factbase:import", project_id=dataset.project_id, dataset_id=dataset.pk)


def import_state(dataset: FactDataset) -> JobState:
    """Return where the dataset's import stands: queued, running, done or failed."""
    if dataset.status == FactDataset.Status.VALID:
        return JobState.DONE
    if dataset.status == FactDataset.Status.FAILED:
        return JobState.FAILED
    state = job_state(dataset.task_id)
    return JobState.FAILED if state == JobState.DONE else state


@login_required
def import_status(request: HttpRequest, project_id: int, dataset_id: int) -> HttpResponse:
    """Follow one import: its state while it is queued or running (the page polls it), then
    the problems it was refused for, or a link to the fact base."""
    access = access_project(request, project_id, rules.MANAGE_FACTS)
    dataset = get_object_or_404(FactDataset, pk=dataset_id, project=access.project)
    state = import_state(dataset)
    waiting = state in {JobState.QUEUED, JobState.RUNNING}
    if request.htmx and not waiting:
        return HttpResponseClientRefresh()
    context = facts_for(request, project_id, rules.MANAGE_FACTS).context(
        "data", imported=dataset, state=state, waiting=waiting,
        problems=file_problems(dataset),
    )  # fmt: skip
    template = "factbase/import_state.html" if request.htmx else "factbase/import.html"
    return render(request, template, context)


@login_required
def statbank(request: HttpRequest, project_id: int) -> HttpResponse:
    """Read uploaded FLY66 files, keep each year's migration balance with the project, and show
    the balance of a period of the kept years, with a chart of the project's municipality."""
    access = access_project(request, project_id, rules.MANAGE_FACTS)
    project = access.project
    form = StatbankForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        read = read_uploads(form.cleaned_data["file"])
        if isinstance(read, list):
            problems = read
        else:
            years = store(project, read, request.user)
            messages.success(request, what_was_read(read.summary()))
            url = reverse("factbase:statbank", args=[project.pk])
            return redirect(f"{url}?{urlencode({'first': years[0], 'last': years[-1]})}")
    context = facts_for(request, project_id, rules.MANAGE_FACTS).context(
        "data", form=form, problems=problems, **statbank_context(request, project)
    )
    status = 400 if problems or form.errors else 200
    return render(request, "factbase/statbank.html", context, status=status)


def statbank_context(request: HttpRequest, project: Any) -> dict[str, Any]:
    """Return the kept years, the period form, the period's balance and its chart."""
    years = kept_years(project)
    if not years:
        return {"years": []}
    period = PeriodForm(request.GET, years=years, default=default_period(years))
    query = period.query()
    result = period_balance(project, query.first_year, query.last_year)
    svg = None if result.missing else chart_svg(result)
    return {"years": years, "period_form": period, "result": result, "svg": svg}


def what_was_read(summary: dict[str, Any]) -> str:
    """Return what a reading held, in a sentence, with the language's thousands separators."""
    years = summary["years"]
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return _(
        "Read %(files)s file(s): %(lines)s lines, %(observations)s observations, %(moves)s "
        "moves, %(years)s, %(municipalities)s municipalities. The balance of each year is kept "
        "with the project; compare the number of moves with StatBank's own total."
    ) % {
        "files": grouped(len(summary["files"])),
        "lines": grouped(summary["lines"]),
        "observations": grouped(summary["observations"]),
        "moves": grouped(summary["moves"]),
        "years": span,
        "municipalities": grouped(summary["municipalities"]),
    }
