"""Ideas: the filterable list, adding one (in W2, or from paper by the facilitator), the
detail page with comments, and merging duplicates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.ideas import actions
from samskab.ideas.access import may_edit_idea
from samskab.ideas.forms import CommentForm, IdeaFilterForm, IdeaForm, MergeForm
from samskab.ideas.models import Idea
from samskab.ideas.results import SHARED
from samskab.projects import rules
from samskab.projects.models import Project
from samskab.workshops.access import WorkshopAccess, access_workshops


def filtered_ideas(
    project: Project, form: IdeaFilterForm, *, withdrawn: bool = False
) -> QuerySet[Idea]:
    """Return the project's ideas (merged duplicates left out, withdrawn ones unless asked
    for) matching the filter."""
    ideas = Idea.objects.filter(project=project, merged_into=None)
    if not withdrawn:
        ideas = ideas.filter(withdrawn=False)
    village, theme = form.value("village"), form.value("theme")
    if village == SHARED:
        ideas = ideas.filter(villages=None)
    elif village:
        ideas = ideas.filter(villages=village)
    if theme:
        ideas = ideas.filter(theme=theme)
    return ideas.select_related("author").prefetch_related("villages").distinct()


@login_required
def idea_list(request: HttpRequest, project_id: int) -> HttpResponse:
    """List the ideas, filtered by village and theme; an HTMX request gets only the list."""
    found = access_workshops(request, project_id)
    form = IdeaFilterForm(request.GET, project=found.project)
    ideas = filtered_ideas(found.project, form, withdrawn=found.can(rules.EDIT_IDEAS))
    context = found.context("ideas", form=form, ideas=ideas)
    template = "ideas/idea_results.html" if request.htmx else "ideas/list.html"
    return render(request, template, context)


@login_required
def add_idea(request: HttpRequest, project_id: int) -> HttpResponse:
    """Add an idea: members in W2; the facilitator at any time, e.g. typed in from paper."""
    found = access_workshops(request, project_id, rules.ADD_IDEA, rules.EDIT_IDEAS, any_of=True)
    form = IdeaForm(request.POST or None, project=found.project)
    if request.method == "POST" and form.is_valid():
        idea = actions.do_add_idea(
            found.project,
            form.save(commit=False),
            author=request.user,
            villages=form.cleaned_data["villages"],
            from_paper=found.can(rules.EDIT_IDEAS) and request.POST.get("from_paper") == "1",
        )
        messages.success(request, _("The idea “%(title)s” is added.") % {"title": idea.title})
        return redirect("ideas:list", found.project.pk)
    return render(request, "ideas/form.html", found.context("ideas", form=form))


@login_required
def idea_detail(request: HttpRequest, project_id: int, idea_id: int) -> HttpResponse:
    """Show one idea with its villages, comments, and for the facilitator the merge form."""
    found = access_workshops(request, project_id)
    idea = get_object_or_404(
        Idea.objects.select_related("author", "merged_into"), pk=idea_id, project=found.project
    )
    context = found.context(
        "ideas",
        idea=idea,
        comments=idea.comments.select_related("author"),
        duplicates=idea.duplicates.all(),
        comment_form=CommentForm(),
        may_edit=may_edit_idea(found, idea),
        merge_form=MergeForm(idea=idea),
    )
    return render(request, "ideas/detail.html", context)


@login_required
def edit_idea(request: HttpRequest, project_id: int, idea_id: int) -> HttpResponse:
    """Change an idea: its author in W2, the facilitator at any time."""
    found = access_workshops(request, project_id)
    idea = _editable(found, idea_id)
    form = IdeaForm(request.POST or None, project=found.project, instance=idea)
    if request.method == "POST" and form.is_valid():
        actions.do_save_idea(form.save(commit=False), villages=form.cleaned_data["villages"])
        messages.success(request, _("The idea is saved."))
        return redirect("ideas:detail", found.project.pk, idea.pk)
    return render(request, "ideas/form.html", found.context("ideas", form=form, idea=idea))


@require_POST
@login_required
def withdraw(request: HttpRequest, project_id: int, idea_id: int) -> HttpResponse:
    """Withdraw the idea from the scoring and the board (or put it back, withdrawn=0)."""
    found = access_workshops(request, project_id)
    idea = _editable(found, idea_id)
    withdrawn = request.POST.get("withdrawn", "1") != "0"
    try:
        actions.do_set_withdrawn(idea, withdrawn=withdrawn)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = _("The idea is withdrawn.") if withdrawn else _("The idea is back in play.")
        messages.success(request, done)
    return redirect("ideas:detail", found.project.pk, idea.pk)


def _editable(found: WorkshopAccess, idea_id: int) -> Idea:
    """Return the project's idea if the member may change it; 404/403 otherwise."""
    idea = get_object_or_404(Idea, pk=idea_id, project=found.project)
    if not may_edit_idea(found, idea):
        raise PermissionDenied
    return idea


@require_POST
@login_required
def comment(request: HttpRequest, project_id: int, idea_id: int) -> HttpResponse:
    found = access_workshops(request, project_id, rules.EDIT_IDEAS)
    idea = get_object_or_404(Idea, pk=idea_id, project=found.project)
    form = CommentForm(request.POST)
    if form.is_valid():
        actions.do_comment(idea, request.user, form.cleaned_data["text"])
        messages.success(request, _("Your comment is added."))
    else:
        messages.error(request, _("Write a comment before saving it."))
    return redirect("ideas:detail", found.project.pk, idea.pk)


@require_POST
@login_required
def merge(request: HttpRequest, project_id: int, idea_id: int) -> HttpResponse:
    """Merge this idea into the one it duplicates (facilitator)."""
    found = access_workshops(request, project_id, rules.EDIT_IDEAS)
    idea = get_object_or_404(Idea, pk=idea_id, project=found.project)
    form = MergeForm(request.POST, idea=idea)
    if not form.is_valid():
        messages.error(request, _("Choose the idea this one duplicates."))
        return redirect("ideas:detail", found.project.pk, idea.pk)
    target = form.cleaned_data["target"]
    try:
        actions.do_merge(idea, target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("ideas:detail", found.project.pk, idea.pk)
    messages.success(request, _("Merged into “%(title)s”.") % {"title": target.title})
    return redirect("ideas:detail", found.project.pk, target.pk)
