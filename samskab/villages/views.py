"""The village pages: the villages and the cluster, a village's profile with its facts, the
profile's form, and the stakeholder map."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.villages import actions
from samskab.villages.access import access_village, may_edit_profile
from samskab.villages.facts import village_facts
from samskab.villages.forms import ClusterForm, ProfileForm, StakeholderForm
from samskab.villages.models import Stakeholder, VillageProfile


def _context(access: ProjectAccess, **more: Any) -> dict[str, Any]:
    return {"access": access, "project": access.project, "section": "villages", **more}


@login_required
def village_list(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project's villages with their strengths, and the cluster's shared identity."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    villages = access.project.villages.select_related("area", "profile")
    rows = [{"village": v, "profile": getattr(v, "profile", None),
             "editable": may_edit_profile(access, v)} for v in villages]  # fmt: skip
    cluster = actions.cluster_of(access.project)
    return render(request, "villages/list.html", _context(access, rows=rows, cluster=cluster))


@login_required
def profile(request: HttpRequest, project_id: int, village_id: int) -> HttpResponse:
    """A village's profile: its area's facts and what its people record about it."""
    access, village = access_village(request, project_id, village_id)
    found = actions.profile_of(village)
    resources = found.resources.all() if found.pk else []
    facts = village_facts(village, exact=access.can(rules.VIEW_EXACT_FACTS))
    context = _context(access, village=village, profile=found, resources=resources, facts=facts,
                       exact=access.can(rules.VIEW_EXACT_FACTS),
                       editable=may_edit_profile(access, village))  # fmt: skip
    return render(request, "villages/profile.html", context)


@login_required
def edit(request: HttpRequest, project_id: int, village_id: int) -> HttpResponse:
    """Write a village's profile (the facilitator any village, a representative their own)."""
    access, village = access_village(request, project_id, village_id, edit=True)
    form = ProfileForm(request.POST or None, instance=actions.profile_of(village))
    if request.method == "POST" and form.is_valid():
        saved: VillageProfile = form.save(commit=False)
        actions.do_save_profile(saved, form.resources(), by=request.user)
        messages.success(request, _("The village's profile was saved."))
        return redirect("villages:profile", access.project.pk, village.pk)
    return render(request, "villages/edit.html", _context(access, village=village, form=form))


@login_required
def cluster(request: HttpRequest, project_id: int) -> HttpResponse:
    """Write the cluster's shared identity (the facilitator)."""
    access = access_project(request, project_id, rules.EDIT_VILLAGE_PROFILES)
    form = ClusterForm(request.POST or None, instance=actions.cluster_of(access.project))
    if request.method == "POST" and form.is_valid():
        actions.do_save_cluster(form.save(commit=False))
        messages.success(request, _("The cluster's identity was saved."))
        return redirect("villages:list", access.project.pk)
    return render(request, "villages/cluster.html", _context(access, form=form))


@login_required
def stakeholders(request: HttpRequest, project_id: int) -> HttpResponse:
    """The stakeholder map; those who manage it add to it here."""
    perm = rules.MANAGE_STAKEHOLDERS if request.method == "POST" else rules.VIEW_STAKEHOLDERS
    access = access_project(request, project_id, perm)
    form = StakeholderForm(request.POST or None, project=access.project)
    if request.method == "POST" and form.is_valid():
        actions.do_save_stakeholder(form.save(commit=False), actor=request.user)
        messages.success(request, _("The stakeholder was added."))
        return redirect("villages:stakeholders", access.project.pk)
    shown = access.project.stakeholders.select_related("village", "contact_holder__user")
    manage = access.can(rules.MANAGE_STAKEHOLDERS)
    context = _context(access, stakeholders=shown, form=form if manage else None)
    return render(request, "villages/stakeholders.html", context)


@login_required
def stakeholder_edit(request: HttpRequest, project_id: int, stakeholder_id: int) -> HttpResponse:
    """Change a stakeholder on the map."""
    access = access_project(request, project_id, rules.MANAGE_STAKEHOLDERS)
    found = get_object_or_404(Stakeholder, pk=stakeholder_id, project=access.project)
    form = StakeholderForm(request.POST or None, instance=found, project=access.project)
    if request.method == "POST" and form.is_valid():
        actions.do_save_stakeholder(form.save(commit=False), actor=request.user)
        messages.success(request, _("The stakeholder was saved."))
        return redirect("villages:stakeholders", access.project.pk)
    context = _context(access, stakeholder=found, form=form)
    return render(request, "villages/stakeholder_form.html", context)


@require_POST
@login_required
def stakeholder_remove(request: HttpRequest, project_id: int, stakeholder_id: int) -> HttpResponse:
    """Take a stakeholder off the map."""
    access = access_project(request, project_id, rules.MANAGE_STAKEHOLDERS)
    found = get_object_or_404(Stakeholder, pk=stakeholder_id, project=access.project)
    actions.do_remove_stakeholder(found, actor=request.user)
    messages.success(request, _("The stakeholder was removed from the map."))
    return redirect("villages:stakeholders", access.project.pk)
