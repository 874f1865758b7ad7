"""A project's members and inviting new ones, joining through an invitation, choosing a
language, and a member's data: their own to see, download and delete, and the facilitator's to
download and delete for a member of only the projects they run."""

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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskab.accounts.actions import (
    AccountExists,
    InvitationClosed,
    InvitationNotSent,
    MemberElsewhere,
    check_member_data,
    do_accept,
    do_delete_account,
    do_delete_member,
    do_export_member,
    do_invite,
    do_set_language,
    do_sign_up,
    is_invited,
    kept_after_deletion,
    members_elsewhere,
)
from samskab.accounts.forms import DeleteAccountForm, InviteForm, JoinForm, LanguageForm
from samskab.accounts.models import Invitation
from samskab.accounts.personal_data import export_json, member_records
from samskab.core.exports import download
from samskab.core.people import person_name
from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.projects.models import Membership, Project, Role


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
    """List the members; facilitators also invite new ones here, and download or delete the
    data of a member who takes part in none but their projects."""
    access = access_project(request, project_id, rules.VIEW_MEMBERS)
    project = access.project
    form = None
    if access.can(rules.MANAGE_MEMBERS):
        form = InviteForm(request.POST or None, project=project)
        if request.method == "POST" and form.is_valid() and _invite(request, project, form):
            return redirect("accounts:members", project_id=project.pk)
    elif request.method == "POST":
        access_project(request, project_id, rules.MANAGE_MEMBERS)
    manage = access.can(rules.MANAGE_MEMBERS)
    context = {
        "access": access,
        "project": project,
        "show_addresses": access.can(rules.VIEW_MEMBER_ADDRESSES),
        "members": project.memberships.select_related("user", "village"),
        "invitations": project.invitations.filter(accepted__isnull=True),
        "form": form,
        "roles": Role.choices,
        "elsewhere": members_elsewhere(project, request.user) if manage else set(),
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


def _member(access: ProjectAccess, membership_id: int) -> Membership:
    """Return the project's membership; 404 for one of another project."""
    memberships = access.project.memberships.select_related("user")
    return get_object_or_404(memberships, pk=membership_id)


def _own_data(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Your own data is on this page."))
    return redirect("accounts:my_data")


def _elsewhere(request: HttpRequest, access: ProjectAccess, member: User) -> HttpResponse:
    context = {"access": access, "project": access.project, "name": person_name(member)}
    return render(request, "accounts/member_data_refused.html", context, status=403)


@require_GET
@login_required
def member_data_json(request: HttpRequest, project_id: int, membership_id: int) -> HttpResponse:
    """Everything samskab holds about a member, as the JSON file of their own download, for a
    facilitator who runs every project the member takes part in (recorded in the audit log)."""
    access = access_project(request, project_id, rules.MANAGE_MEMBERS)
    member = _member(access, membership_id).user
    if member == request.user:
        return _own_data(request)
    try:
        content = do_export_member(member, by=request.user)
    except MemberElsewhere:
        return _elsewhere(request, access, member)
    return download(content, f"samskab-member-{member.pk}.json", "application/json")


@require_http_methods(["GET", "POST"])
@login_required
def delete_member(request: HttpRequest, project_id: int, membership_id: int) -> HttpResponse:
    """Ask the facilitator to confirm deleting a member's account, showing what goes and what
    stays under no name; the confirmation deletes it, as the member could themselves."""
    access = access_project(request, project_id, rules.MANAGE_MEMBERS)
    membership = _member(access, membership_id)
    member = membership.user
    if member == request.user:
        return _own_data(request)
    if request.method == "POST":
        return _delete_member(request, access, member)
    try:
        check_member_data(member, by=request.user)
    except MemberElsewhere:
        return _elsewhere(request, access, member)
    context = {"access": access, "project": access.project, "membership": membership,
               "name": person_name(member), "kept": kept_after_deletion(member)}  # fmt: skip
    return render(request, "accounts/delete_member.html", context)


def _delete_member(request: HttpRequest, access: ProjectAccess, member: User) -> HttpResponse:
    name = person_name(member)
    try:
        do_delete_member(member, by=request.user)
    except MemberElsewhere:
        return _elsewhere(request, access, member)
    messages.success(request, _("The account of %(name)s is deleted.") % {"name": name})
    return redirect("accounts:members", project_id=access.project.pk)
