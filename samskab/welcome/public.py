"""The public pages, open without signing in: a village's page with its two sign-ups, the
link that confirms an address, and a person's own page to see, take or delete their data.

Nothing here shows anyone's data but the person's own, reached by the link in their mail. A page
reached by such a link speaks the mails' language (the one the person signed up in) unless this
browser has chosen a language."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.projects.models import Village
from samskab.welcome import actions, throttle
from samskab.welcome.channels import parse_channels
from samskab.welcome.exports import csv_file, json_download, labelled
from samskab.welcome.forms import FormerResidentForm, NewcomerForm, SignupForm, purpose
from samskab.welcome.models import Event, Invitation, Kind, LetterCode, Person, VillagePage

EVENTS_SHOWN = 10
FORMS = {Kind.NEWCOMER: (NewcomerForm, "newcomer"),
         Kind.FORMER_RESIDENT: (FormerResidentForm, "former")}  # fmt: skip


def _page(slug: str) -> VillagePage:
    pages = VillagePage.objects.select_related("village__project")
    return get_object_or_404(pages, slug=slug)


def _person(token: uuid.UUID) -> Person:
    return get_object_or_404(Person.objects.select_related("village", "city", "host"), token=token)


def _in_their_language(request: HttpRequest, person: Person) -> None:
    """Answer in the person's language, as their mails do, unless this browser chose one (its
    cookie, or a signed-in profile)."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or request.user.is_authenticated:
        return
    translation.activate(person.language)
    request.LANGUAGE_CODE = person.language


def _forms(
    bound_kind: str | None = None, data: object = None, code: str = ""
) -> dict[str, SignupForm]:
    """Return both sign-up forms, the one sent bound to its data; the newcomer's with the
    letter's code filled in."""
    initial = {Kind.NEWCOMER: {"code": code[:12]}}
    return {kind: form_class(data if kind == bound_kind else None, prefix=prefix,
                             initial=initial.get(kind))
            for kind, (form_class, prefix) in FORMS.items()}  # fmt: skip


def _render_page(
    request: HttpRequest, page: VillagePage, forms: dict[str, SignupForm], status: int = 200
) -> HttpResponse:
    village = page.village
    context = {"page": page, "village": village, "project": village.project,
               "newcomer_form": forms[Kind.NEWCOMER], "former_form": forms[Kind.FORMER_RESIDENT],
               "newcomer_purpose": purpose(Kind.NEWCOMER, village),
               "former_purpose": purpose(Kind.FORMER_RESIDENT, village),
               "events": _coming_events(village),
               "channels": parse_channels(page.channels)}  # fmt: skip
    return render(request, "welcome/village_page.html", context, status=status)


def _coming_events(village: Village) -> list[Event]:
    """Return the project's events still to come: what, when and where, never who."""
    found = Event.objects.filter(project_id=village.project_id, starts__gte=timezone.now())
    return list(found.select_related("city")[:EVENTS_SHOWN])


@require_GET
def village_page(request: HttpRequest, village_slug: str) -> HttpResponse:
    """Who the village is, and the two sign-ups."""
    return _render_page(request, _page(village_slug), _forms(code=request.GET.get("code", "")))


@require_POST
def sign_up(request: HttpRequest, village_slug: str, kind: str) -> HttpResponse:
    """Take a sign-up: refused above the rate limit, dropped (with the same answer as a
    person gets) when the hidden field was filled in, else stored and a mail sent."""
    page = _page(village_slug)
    if not throttle.admit(request):
        return render(request, "welcome/too_many.html", {"page": page}, status=429)
    forms = _forms(kind, request.POST)
    form = forms[kind]
    if form.is_robot():
        return _mail_sent(request, page)
    letter_code = _letter_code(form, page) if form.is_valid() else None
    if not form.is_valid():
        return _render_page(request, page, forms)
    fields = form.person_fields()
    actions.do_sign_up(page.village, kind, fields, purpose(kind, page.village), letter_code)
    return _mail_sent(request, page)


def _letter_code(form: SignupForm, page: VillagePage) -> LetterCode | None:
    """Return the letter's code the form names (None: none typed); a code that is not the
    village's, or used, becomes the form's error."""
    typed = form.cleaned_data.get("code") or ""
    if not typed:
        return None
    try:
        return actions.check_code(page.village, typed)
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _mail_sent(request: HttpRequest, page: VillagePage) -> HttpResponse:
    messages.success(
        request, _("Thank you. We have sent you a mail: open its link to confirm your address.")
    )
    return redirect("welcome_public:village_page", page.slug)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, person_token: uuid.UUID) -> HttpResponse:
    """Confirm one's address with a button (a mail scanner opening the link confirms nothing)."""
    person = _person(person_token)
    _in_their_language(request, person)
    if request.method == "POST":
        actions.do_confirm(person)
    return render(request, "welcome/confirm.html", {"person": person})


@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest, person_token: uuid.UUID) -> HttpResponse:
    """What is stored about the person, to see, take away or delete (the link in every mail)."""
    person = _person(person_token)
    _in_their_language(request, person)
    if request.method == "POST":
        actions.do_forget(person, by=None)
        return render(request, "welcome/deleted.html")
    context = {"person": person, "data": labelled(person)}
    return render(request, "welcome/my_data.html", context)


@require_GET
def my_data_file(request: HttpRequest, person_token: uuid.UUID) -> HttpResponse:
    """The person's data as JSON, or as CSV with ?format=csv."""
    person = _person(person_token)
    actions.record_export(person, by=None)
    return csv_file(person) if request.GET.get("format") == "csv" else json_download(person)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, invitation_token: uuid.UUID) -> HttpResponse:
    """The invited former resident says whether they are coming (and may change their mind)."""
    invited = get_object_or_404(
        Invitation.objects.select_related("event__city", "person"), token=invitation_token
    )
    _in_their_language(request, invited.person)
    if request.method == "POST" and request.POST.get("coming") in {"yes", "no"}:
        actions.do_answer(invited, coming=request.POST["coming"] == "yes")
    return render(request, "welcome/invitation.html", {"invitation": invited})
