"""W1's expectations: what the municipality puts in and what each village commits."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samskab.projects import rules
from samskab.projects.models import Project
from samskab.workshops.access import WorkshopAccess, access_workshops
from samskab.workshops.actions import (
    do_save_commitment,
    municipal_commitment,
    village_commitment,
)
from samskab.workshops.forms import MunicipalCommitmentForm, VillageCommitmentForm
from samskab.workshops.models import MunicipalCommitment, VillageCommitment


def expectations_context(found: WorkshopAccess) -> dict[str, Any]:
    """Return the expectations for the panel and the page: the municipality's part and each
    village with its part and whether this member may edit it."""
    project: Project = found.project
    parts = {c.village_id: c for c in VillageCommitment.objects.filter(village__project=project)}
    villages = [
        (village, parts.get(village.pk), found.may_edit_village(village))
        for village in project.villages.all()
    ]
    municipal = MunicipalCommitment.objects.select_related("contact_person").filter(
        project=project
    ).first() or MunicipalCommitment(project=project)
    return {"municipal": municipal, "village_parts": villages}


@login_required
def expectations(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show every member what the municipality and the villages have promised."""
    found = access_workshops(request, project_id)
    context = found.context("expectations", **expectations_context(found))
    return render(request, "workshops/expectations.html", context)


@login_required
def edit_municipal(request: HttpRequest, project_id: int) -> HttpResponse:
    """Let the facilitator record what the municipality puts in."""
    found = access_workshops(request, project_id, rules.EDIT_EXPECTATIONS)
    commitment = municipal_commitment(found.project)
    form = MunicipalCommitmentForm(request.POST or None, instance=commitment, project=found.project)
    if request.method == "POST" and form.is_valid():
        do_save_commitment(form.save(commit=False))
        messages.success(request, _("The municipality's part is saved."))
        return redirect("workshops:expectations", found.project.pk)
    context = found.context("expectations", form=form, heading=_("What the municipality puts in"))
    return render(request, "workshops/expectation_form.html", context)


@login_required
def edit_village(request: HttpRequest, project_id: int, village_id: int) -> HttpResponse:
    """Let the village's representatives (or the facilitator) record what it commits."""
    found = access_workshops(request, project_id)
    village = get_object_or_404(found.project.villages, pk=village_id)
    if not found.may_edit_village(village):
        raise PermissionDenied
    form = VillageCommitmentForm(request.POST or None, instance=village_commitment(village))
    if request.method == "POST" and form.is_valid():
        do_save_commitment(form.save(commit=False))
        messages.success(request, _("What %(village)s commits is saved.") % {"village": village})
        return redirect("workshops:expectations", found.project.pk)
    heading = _("What %(village)s commits") % {"village": village}
    context = found.context("expectations", form=form, heading=heading)
    return render(request, "workshops/expectation_form.html", context)
