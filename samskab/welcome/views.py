"""The project's welcome pages: the villages' public pages, the newcomers with their hosts and
visits, and the former residents by where they live now. The facilitator sees every list; a
host sees only the newcomers they are the host of."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.core.processing import record
from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.welcome import actions
from samskab.welcome.destinations import young_destinations
from samskab.welcome.exports import csv_file, json_download
from samskab.welcome.forms import HostForm, VisitForm
from samskab.welcome.models import Kind, Person
from samskab.welcome.summary import newcomers_per_month


def _context(access: ProjectAccess, **more: Any) -> dict[str, Any]:
    return {"access": access, "project": access.project, "section": "welcome", **more}


def _people(access: ProjectAccess, request: HttpRequest, kind: str) -> Any:
    """Return the listed people of the project the member may see: all (the facilitator), or
    those whose host they are."""
    people = Person.objects.listed().filter(village__project=access.project, kind=kind)
    if not access.can(rules.MANAGE_WELCOME):
        people = people.filter(host=request.user)
    return people.select_related("village", "host", "city")


def _person(access: ProjectAccess, request: HttpRequest, person_id: int) -> Person:
    people = Person.objects.listed().filter(village__project=access.project)
    if not access.can(rules.MANAGE_WELCOME):
        people = people.filter(host=request.user)
    return get_object_or_404(people.select_related("village__project"), pk=person_id)


@require_GET
@login_required
def overview(request: HttpRequest, project_id: int) -> HttpResponse:
    """The villages' public pages (the facilitator) and the newcomers one may see."""
    access = access_project(request, project_id, rules.HOST_WELCOME_VISITS)
    newcomers = [
        {"person": person, "host_form": HostForm(village=person.village, prefix=f"p{person.pk}"),
         "visit_form": VisitForm(prefix=f"v{person.pk}")}
        for person in _people(access, request, Kind.NEWCOMER)
    ]  # fmt: skip
    villages = access.project.villages.select_related("public_page")
    manage = access.can(rules.MANAGE_WELCOME)
    per_month = newcomers_per_month(access.project, exact=access.can(rules.VIEW_EXACT_FACTS))
    context = _context(access, newcomers=newcomers, villages=villages if manage else None,
                       per_month=per_month)  # fmt: skip
    return render(request, "welcome/overview.html", context)


@require_POST
@login_required
def publish(request: HttpRequest, project_id: int, village_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    village = get_object_or_404(access.project.villages, pk=village_id)
    actions.do_publish_page(village)
    return redirect("welcome:overview", access.project.pk)


@require_http_methods(["GET", "POST"])
@login_required
def channels(request: HttpRequest, project_id: int, village_id: int) -> HttpResponse:
    """The links on the village's public page to the channels the village already uses."""
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    village = get_object_or_404(access.project.villages, pk=village_id)
    page = actions.do_publish_page(village)
    text, errors = page.channels, []
    if request.method == "POST":
        text = request.POST.get("channels", "")
        try:
            actions.do_save_channels(page, text)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The links are saved."))
            return redirect("welcome:overview", access.project.pk)
    context = _context(access, village=village, page=page, text=text, errors=errors)
    return render(request, "welcome/channels.html", context)


@require_POST
@login_required
def assign_host(request: HttpRequest, project_id: int, person_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    person = _person(access, request, person_id)
    form = HostForm(request.POST, village=person.village, prefix=f"p{person.pk}")
    if form.is_valid():
        actions.do_assign_host(person, form.cleaned_data["host"])
        messages.success(request, _("The host is chosen."))
    else:
        messages.error(request, _("Choose a member of the newcomer's village."))
    return redirect("welcome:overview", access.project.pk)


@require_POST
@login_required
def record_visit(request: HttpRequest, project_id: int, person_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.HOST_WELCOME_VISITS)
    person = _person(access, request, person_id)
    form = VisitForm(request.POST, prefix=f"v{person.pk}")
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the day of the visit."))
        actions.do_record_visit(person, form.cleaned_data["visited"], today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The visit is recorded."))
    return redirect("welcome:overview", access.project.pk)


@require_POST
@login_required
def protect(request: HttpRequest, project_id: int, person_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    actions.do_protect(_person(access, request, person_id), by=request.user)
    messages.success(request, _("The person is protected and appears in no list from now on."))
    return redirect("welcome:overview", access.project.pk)


@require_POST
@login_required
def forget(request: HttpRequest, project_id: int, person_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    actions.do_forget(_person(access, request, person_id), by=request.user)
    messages.success(request, _("Everything stored about the person is deleted."))
    return redirect("welcome:overview", access.project.pk)


@require_GET
@login_required
def export(request: HttpRequest, project_id: int, person_id: int) -> HttpResponse:
    """A person's data as JSON, or as CSV with ?format=csv (GDPR art. 15)."""
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    person = _person(access, request, person_id)
    actions.record_export(person, by=request.user)
    return csv_file(person) if request.GET.get("format") == "csv" else json_download(person)


@require_GET
@login_required
def former_residents(request: HttpRequest, project_id: int) -> HttpResponse:
    """The former residents who signed up, grouped by the municipality they live in now."""
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    people = _people(access, request, Kind.FORMER_RESIDENT).order_by("city__name", "name")
    groups = [(city, list(members)) for city, members in groupby(people, lambda p: p.city)]
    destinations = young_destinations(access.project, exact=access.can(rules.VIEW_EXACT_FACTS))
    context = _context(access, groups=groups, destinations=destinations)
    return render(request, "welcome/former_residents.html", context)


@require_GET
@login_required
def processing(request: HttpRequest, project_id: int) -> HttpResponse:
    """The product's record of processing, for the data protection officer, with the
    retention periods the project sets."""
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    entries = [(entry, entry.kept_in(access.project)) for entry in record()]
    return render(request, "welcome/processing.html", _context(access, record=entries))
