"""The handbook page: a facilitator publishes the handbook (rendered in the background, the
page follows it); every member downloads the last one published and says whether their name
may appear in it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from samskab.handbook import actions
from samskab.handbook.forms import ConsentForm, LessonsForm, PublishForm
from samskab.handbook.sections.lessons import lessons as written_lessons
from samskab.jobs.state import JobState
from samskab.projects import rules
from samskab.projects.access import access_project


@login_required
def page(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show the last published handbook and, to a facilitator, the button that publishes a
    new one; an HTMX poll gets only the state of the one being made."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    posted = request.method == "POST"
    form = PublishForm(request.POST if posted else None, initial={"language": get_language()})
    if posted:
        if not access.can(rules.PUBLISH_HANDBOOK):
            return HttpResponse(status=403)
        if form.is_valid():
            actions.do_request_handbook(access.project, request.user, form.cleaned_data["language"])
            return redirect("handbook:page", project_id)
    requested = actions.latest(access.project)
    state = actions.handbook_state(requested) if requested else None
    waiting = state in {JobState.QUEUED, JobState.RUNNING}
    if request.htmx and not waiting:
        return HttpResponseClientRefresh()
    context = {
        "access": access, "project": access.project, "section": "handbook", "form": form,
        "requested": requested, "state": state, "waiting": waiting,
        "published": actions.latest(access.project, done=True),
        "consent": ConsentForm(initial={"agreed": access.membership.name_in_handbook}),
        "lessons": LessonsForm(initial={
            lesson.theme: lesson.text for lesson in written_lessons(access.project)}),
    }  # fmt: skip
    template = "handbook/state.html" if request.htmx else "handbook/page.html"
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def download(request: HttpRequest, project_id: int) -> FileResponse:
    """Return the last published handbook as PDF (404 while none is published)."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    published = actions.latest(access.project, done=True)
    if published is None or not published.path.exists():
        raise Http404
    name = f"handbook-{access.project.pk}-{published.created:%Y-%m-%d}-{published.language}.pdf"
    return FileResponse(published.path.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def consent(request: HttpRequest, project_id: int) -> HttpResponse:
    """Record whether the member's name may appear in the handbook."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    form = ConsentForm(request.POST)
    form.is_valid()  # a missing box is "not agreed"
    actions.do_set_name_in_handbook(access.membership, agreed=form.cleaned_data["agreed"])
    return redirect("handbook:page", project_id)


@login_required
@require_POST
def lessons(request: HttpRequest, project_id: int) -> HttpResponse:
    """Keep the facilitator's lessons per theme for the next handbook."""
    access = access_project(request, project_id, rules.PUBLISH_HANDBOOK)
    form = LessonsForm(request.POST)
    form.is_valid()  # every text is optional, so every post is valid
    actions.do_save_lessons(access.project, form.texts())
    messages.success(request, _("The lessons are saved; the next handbook published shows them."))
    return redirect("handbook:page", project_id)
