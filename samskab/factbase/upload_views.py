"""Choosing a project's data (facilitators): upload the contract's files, use the demo data,
or read a StatBank FLY66 download."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samskab.factbase.actions import FileProblem, ImportRefused, do_import, do_import_demo
from samskab.factbase.forms import StatbankForm, UploadForm
from samskab.factbase.views import facts_for
from samskab.facts.errors import FactsError, InputError, Problem
from samskab.facts.statbank import municipality_balance, read_fly66
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
    """Read an uploaded FLY66 file (public, aggregate data: nothing is kept) and show the
    municipalities' migration balance."""
    access = access_project(request, project_id, rules.MANAGE_FACTS)
    form = StatbankForm(request.POST or None, request.FILES or None)
    result: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        result = _balance(form.cleaned_data["file"], access.project.municipality.code)
    context = facts_for(request, project_id, rules.MANAGE_FACTS).context(
        "data", form=form, **result
    )
    return render(request, "factbase/statbank.html", context)


def _balance(upload: Any, municipality: int) -> dict[str, Any]:
    """Return the balance table (rows, years) of an uploaded FLY66 file, or its problems."""
    folder = Path(tempfile.mkdtemp(prefix="fly66-", dir=_scratch()))
    try:
        path = folder / Path(upload.name).name
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        fly66 = read_fly66([path])
        if fly66.empty:
            raise InputError([Problem(path.name, _("the file holds no moves"))])
        first, last = int(fly66["year"].min()), int(fly66["year"].max())
        balance = municipality_balance(fly66, first_year=first, last_year=last)
    except InputError as error:
        # Name the file as the user knows it, never by its path on the server.
        return {"problems": [replace(p, file=upload.name) for p in error.problems]}
    except FactsError as error:
        return {"problems": [Problem(upload.name, str(error))]}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"balance": _ordered(balance, municipality), "first": first, "last": last}


def _ordered(balance: pd.DataFrame, municipality: int) -> list[dict[str, Any]]:
    """Return the rows with the project's municipality first, marked."""
    rows = balance.to_dict("records")
    for row in rows:
        row["own"] = row["municipality_code"] == municipality
    return sorted(rows, key=lambda row: not row["own"])


def _scratch() -> Path:
    folder = Path(settings.UPLOAD_DIR) / "scratch"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
