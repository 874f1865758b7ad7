"""Choosing a project's data (facilitators): upload the contract's files, use the demo data,
or read StatBank FLY66 downloads, whose balance is kept per year."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samskab.factbase.actions import FileProblem, ImportRefused, do_import, do_import_demo
from samskab.factbase.balance import (
    chart_svg,
    default_period,
    kept_years,
    period_balance,
    read_uploads,
    store,
)
from samskab.factbase.forms import PeriodForm, StatbankForm, UploadForm
from samskab.factbase.templatetags.factbase_numbers import grouped
from samskab.factbase.views import facts_for
from samskab.facts.errors import Problem
from samskab.projects import rules
from samskab.projects.access import access_project

FIELDS = ("register", "areas", "population", "boundaries")


@login_required
def upload(request: HttpRequest, project_id: int) -> HttpResponse:
    """Import uploaded files all or nothing; show every problem beside its file's field."""
    access = access_project(request, project_id, rules.MANAGE_FACTS)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[FileProblem] = []
    if request.method == "POST" and form.is_valid():
        files = {role: form.cleaned_data.get(role) for role in FIELDS}
        try:
            do_import(
                access.project,
                files,
                individual=form.cleaned_data["kind"] == "moves",
                user=request.user,
            )
        except ImportRefused as refused:
            problems = refused.problems
            _attach(form, problems)
        else:
            messages.success(request, _("The files were imported. The fact base shows them now."))
            return redirect("factbase:overview", project_id=access.project.pk)
    context = facts_for(request, project_id, rules.MANAGE_FACTS).context(
        "data",
        form=form,
        problems={role: [p for p in problems if p.role == role] for role in FIELDS},
        other_problems=[p for p in problems if p.role not in FIELDS],
        datasets=access.project.fact_datasets.select_related("uploaded_by")[:10],
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
    do_import_demo(access.project, user=request.user)
    messages.success(request, _("The demo data were imported."))
    return redirect("factbase:overview", project_id=access.project.pk)


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
