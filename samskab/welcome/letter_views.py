"""The welcome letters: the facilitator sends the municipality's addresses for one village and
gets back the letters as a PDF and a mail-merge CSV, each with a personal opt-in code."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samskab.core.exports import download
from samskab.projects import rules
from samskab.projects.access import access_project
from samskab.welcome import actions
from samskab.welcome.forms import LettersForm
from samskab.welcome.letters import letters_zip, read_addresses


@login_required
def letters(request: HttpRequest, project_id: int) -> HttpResponse:
    """The form, and on a valid upload the zip with letters.pdf and letters.csv."""
    access = access_project(request, project_id, rules.MANAGE_WELCOME)
    form = LettersForm(request.POST or None, request.FILES or None, project=access.project)
    if request.method == "POST" and form.is_valid():
        try:
            found = read_addresses(form.cleaned_data["addresses"].read())
        except ValidationError as error:
            form.add_error("addresses", error)
        else:
            page = actions.do_publish_page(form.cleaned_data["village"])
            coded = actions.do_make_letters(page, found, by=request.user)
            return download(letters_zip(page, coded), "welcome-letters.zip", "application/zip")
    context = {"access": access, "project": access.project, "section": "welcome", "form": form}
    return render(request, "welcome/letters_form.html", context)
