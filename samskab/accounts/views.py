"""Joining through an invitation, and choosing a language."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.accounts.actions import do_accept
from samskab.accounts.forms import JoinForm, LanguageForm
from samskab.accounts.models import Invitation, Profile


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Show an invitation; a signed-in person joins with one click, a new one signs up."""
    invite = get_object_or_404(Invitation.objects.select_related("project"), token=token)
    if not invite.is_open():
        return render(
            request, "accounts/invitation_closed.html", {"invitation": invite}, status=410
        )
    if request.user.is_authenticated:
        if request.method == "POST":
            do_accept(invite, request.user)
            messages.success(
                request, _("You have joined %(project)s.") % {"project": invite.project.name}
            )
            return redirect(invite.project)
        return render(request, "accounts/invitation.html", {"invitation": invite})
    # Someone who already has an account (by user name or email) logs in instead of a second one.
    email = invite.email.lower()
    if User.objects.filter(Q(username=email) | Q(email__iexact=email)).exists():
        return redirect_to_login(request.path)
    form = JoinForm(request.POST or None, email=invite.email)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        do_accept(invite, user)
        return redirect(invite.project)
    return render(request, "accounts/invitation.html", {"invitation": invite, "form": form})


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
            Profile.objects.update_or_create(user=request.user, defaults={"language": language})
    return response
