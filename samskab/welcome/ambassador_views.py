"""A village's ambassador signs up a newcomer they met, with the newcomer's consent: a member
of the village (the facilitator too, for any village they belong to) becomes their host."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samskab.projects import rules
from samskab.projects.access import access_project
from samskab.welcome import actions
from samskab.welcome.forms import AmbassadorForm, purpose
from samskab.welcome.models import Kind


@login_required
def sign_up_for(request: HttpRequest, project_id: int) -> HttpResponse:
    access = access_project(request, project_id, rules.HOST_WELCOME_VISITS)
    villages = access.project.villages.filter(members__user=request.user)
    form = AmbassadorForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        village = form.cleaned_data["village"]
        try:
            statement = purpose(Kind.NEWCOMER, village)
            fields = form.person_fields()
            actions.do_sign_up_for(village, fields, statement, ambassador=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The newcomer is signed up and gets a mail to confirm."))
            return redirect("welcome:overview", access.project.pk)
    purposes = [purpose(Kind.NEWCOMER, village) for village in villages[:1]]
    context = {"access": access, "project": access.project, "section": "welcome",
               "form": form, "purpose": purposes[0] if purposes else ""}  # fmt: skip
    return render(request, "welcome/sign_up_for.html", context)
