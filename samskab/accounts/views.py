"""A project's members and inviting new ones, joining through an invitation, and choosing a
language."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskab.accounts.actions import (
    AccountExists,
    InvitationClosed,
    InvitationNotSent,
    do_accept,
    do_delete_account,
    do_invite,
    do_set_language,
    do_sign_up,
    is_invited,
)
from samskab.accounts.forms import DeleteAccountForm, InviteForm, JoinForm, LanguageForm
from samskab.accounts.models import Invitation
from samskab.accounts.personal_data import export_json, member_records
from samskab.projects import rules
from samskab.projects.access import access_project
from samskab.projects.models import Project, Role


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Show an invitation; the invited person joins with one click when signed in, or signs up.
    An account of another address is refused: a forwarded invitation lets no one else in."""
    invite = get_object_or_404(
        Invitation.objects.select_related("project", "project__municipality"), token=token
    )
    if not invite.is_open():
        return _closed(request, invite)
    if request.user.is_authenticated:
        return _join_signed_in(request, invite)
    # Someone who already has an account (by user name or email) logs in instead of a second one.
    email = invite.email.lower()
    if User.objects.filter(Q(username=email) | Q(email__iexact=email)).exists():
        return redirect_to_login(request.path)
    form = JoinForm(request.POST or None, email=invite.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = do_sign_up(invite, **form.cleaned_data)
        except AccountExists:
            return redirect_to_login(request.path)
        except InvitationClosed:
            return _closed(request, invite)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(invite.project)
    return render(request, "accounts/invitation.html", {"invitation": invite, "form": form})


def _join_signed_in(request: HttpRequest, invite: Invitation) -> HttpResponse:
    if not is_invited(invite, request.user):
        context = {"invitation": invite}
        return render(request, "accounts/invitation_other_address.html", context, status=403)
    if request.method != "POST":
        return render(request, "accounts/invitation.html", {"invitation": invite})
    try:
        do_accept(invite, request.user)
    except InvitationClosed:
        return _closed(request, invite)
    messages.success(request, _("You have joined %(project)s.") % {"project": invite.project.name})
    return redirect(invite.project)


def _closed(request: HttpRequest, invite: Invitation) -> HttpResponse:
    return render(request, "accounts/invitation_closed.html", {"invitation": invite}, status=410)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language, for this browser and for the signed-in person."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", max_age=365 * 24 * 3600
        )
        if request.user.is_authenticated:
            do_set_language(request.user, language)
    return response


@login_required
def members(request: HttpRequest, project_id: int) -> HttpResponse:
    """List the members; facilitators also invite new ones here."""
    access = access_project(request, project_id, rules.VIEW_MEMBERS)
    project = access.project
    form = None
    if access.can(rules.MANAGE_MEMBERS):
        form = InviteForm(request.POST or None, project=project)
        if request.method == "POST" and form.is_valid() and _invite(request, project, form):
            return redirect("accounts:members", project_id=project.pk)
    elif request.method == "POST":
        access_project(request, project_id, rules.MANAGE_MEMBERS)
    context = {
        "access": access,
        "project": project,
        "show_addresses": access.can(rules.VIEW_MEMBER_ADDRESSES),
        "members": project.memberships.select_related("user", "village"),
        "invitations": project.invitations.filter(accepted__isnull=True),
        "form": form,
        "roles": Role.choices,
    }
    return render(request, "accounts/members.html", context)


def _invite(request: HttpRequest, project: Project, form: InviteForm) -> bool:
    """Send the invitation of a valid form; return True when it went out, else put the reason
    on the form."""
    email = form.cleaned_data["email"]
    try:
        do_invite(
            request,
            project,
            email=email,
            role=form.cleaned_data["role"],
            village=form.cleaned_data["village"],
        )
    except InvitationNotSent:
        form.add_error(
            None,
            _("The invitation could not be sent: the mail server did not answer. Try again later."),
        )
        return False
    messages.success(request, _("The invitation was sent to %(email)s.") % {"email": email})
    return True


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """What samskab holds about the signed-in member, to download; and deleting their account
    (asked for with their password)."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        do_delete_account(user)
        messages.success(request, _("Your account and your personal data are deleted."))
        return redirect("home")
    records = member_records(request.user)
    return render(request, "accounts/my_data.html", {"records": records, "form": form})


@require_GET
@login_required
def my_data_json(request: HttpRequest) -> HttpResponse:
    """Everything samskab holds about the signed-in member, as one JSON file."""
    response = HttpResponse(export_json(request.user), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="samskab-my-data.json"'
    return response
