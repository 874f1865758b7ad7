"""Project pages: the list of one's projects, a project's overview, its villages, a member's role
(the members page, with its invitations, is the accounts app's)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskab.core.people import person_name
from samskab.projects import audit, rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.projects.actions import (
    do_change_role,
    do_copy_project,
    do_create_project,
    do_save_project,
    do_save_village,
    do_set_logo,
)
from samskab.projects.forms import (
    CopyProjectForm,
    LogoForm,
    ProjectDetailsForm,
    ProjectForm,
    VillageForm,
)
from samskab.projects.models import Membership, ProjectLogo


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    """List the projects the person is a member of, with their role in each."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("project", "project__municipality")
        .order_by("-project__start")
    )
    return render(request, "projects/list.html", {"memberships": memberships})


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    """Create a project; only municipal staff (staff accounts) may, and become its facilitator."""
    if not rules.starts_projects(request.user):
        return render(request, "projects/not_staff.html", status=403)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = do_create_project(form.save(commit=False), facilitator=request.user)
        messages.success(request, _("The project was created."))
        return redirect(project)
    return render(request, "projects/create.html", {"form": form})


@login_required
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    """Change the project's name, description, period and status, and how long its uploads
    are kept (facilitators)."""
    access = access_project(request, project_id, rules.EDIT_PROJECT)
    form = ProjectDetailsForm(request.POST or None, instance=access.project)
    if request.method == "POST" and form.is_valid():
        do_save_project(form.save(commit=False))
        messages.success(request, _("The project is saved."))
        return redirect(access.project)
    return _edit_page(request, access, form, LogoForm())


def _edit_page(
    request: HttpRequest, access: ProjectAccess, form: ProjectDetailsForm, logo_form: LogoForm
) -> HttpResponse:
    has_logo = ProjectLogo.objects.filter(project=access.project).exists()
    context = {"access": access, "project": access.project, "form": form,
               "logo_form": logo_form, "has_logo": has_logo}  # fmt: skip
    return render(request, "projects/edit.html", context)


@require_POST
@login_required
def logo_upload(request: HttpRequest, project_id: int) -> HttpResponse:
    """Set or remove the municipality's logo for the handbook's cover (facilitators)."""
    access = access_project(request, project_id, rules.EDIT_PROJECT)
    form = LogoForm(request.POST, request.FILES)
    if form.is_valid():
        remove = form.cleaned_data["remove"]
        try:
            do_set_logo(access.project, None if remove else form.cleaned_data["logo"].read())
        except ValidationError as error:
            form.add_error("logo", error)
        else:
            done = _("The logo is removed.") if remove else _("The logo is saved.")
            messages.success(request, done)
            return redirect("projects:edit", access.project.pk)
    details = ProjectDetailsForm(instance=access.project)
    return _edit_page(request, access, details, form)


@require_GET
@login_required
def logo_image(request: HttpRequest, project_id: int) -> HttpResponse:
    """Return the project's logo (every member sees the handbook's cover)."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    logo = get_object_or_404(ProjectLogo, project=access.project)
    response = HttpResponse(bytes(logo.png), content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    """Show a project's overview: areas, villages, the people and what to do next."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    project = access.project
    context = {
        "access": access,
        "project": project,
        "areas": project.areas.all(),
        "villages": project.villages.select_related("area"),
        "member_count": project.memberships.count(),
    }
    return render(request, "projects/detail.html", context)


@login_required
def project_copy(request: HttpRequest, project_id: int) -> HttpResponse:
    """Start a new project (a new area) with this one's description, workshop set-up and,
    optionally, its villages: for its facilitators with a staff account, who lead the new one."""
    access = access_project(request, project_id, rules.COPY_PROJECT)
    source = access.project
    if not rules.starts_projects(request.user):
        return render(request, "projects/not_staff.html", status=403)
    form = CopyProjectForm(request.POST or None, initial={"municipality": source.municipality})
    if request.method == "POST" and form.is_valid():
        try:
            project = do_copy_project(
                source,
                name=form.cleaned_data["name"],
                municipality=form.cleaned_data["municipality"],
                user=request.user,
                copy_villages=form.cleaned_data["copy_villages"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The new project was set up from %(name)s.") % {"name": source.name}
            )
            return redirect(project)
    context = {"access": access, "project": source, "form": form}
    return render(request, "projects/copy.html", context)


@login_required
def village_add(request: HttpRequest, project_id: int) -> HttpResponse:
    """Add a village to the project (facilitators)."""
    access = access_project(request, project_id, rules.EDIT_PROJECT)
    form = VillageForm(request.POST or None, project=access.project)
    return _save_village(request, access, form, _("The village was added."))


@login_required
def village_edit(request: HttpRequest, project_id: int, village_id: int) -> HttpResponse:
    """Change a village's name, association, parish and area (facilitators)."""
    access = access_project(request, project_id, rules.EDIT_PROJECT)
    village = get_object_or_404(access.project.villages, pk=village_id)
    form = VillageForm(request.POST or None, project=access.project, instance=village)
    return _save_village(request, access, form, _("The village is saved."))


def _save_village(
    request: HttpRequest, access: ProjectAccess, form: VillageForm, done: str
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            do_save_village(access.project, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(access.project)
    context = {"access": access, "form": form, "project": access.project}
    return render(request, "projects/village_form.html", context)


@require_POST
@login_required
def change_role(request: HttpRequest, project_id: int, membership_id: int) -> HttpResponse:
    """Give a member another role (facilitators); the last facilitator cannot step down."""
    access = access_project(request, project_id, rules.MANAGE_MEMBERS)
    membership = get_object_or_404(access.project.memberships, pk=membership_id)
    try:
        do_change_role(membership, request.POST.get("role", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is now %(role)s.") % {
            "name": person_name(membership.user),
            "role": membership.get_role_display(),
        })  # fmt: skip
    return redirect("accounts:members", project_id=access.project.pk)


@require_GET
@login_required
def audit_log(request: HttpRequest, project_id: int) -> HttpResponse:
    """List the project's actions on personal data and permissions, newest first
    (facilitators)."""
    access = access_project(request, project_id, rules.VIEW_AUDIT)
    context = {"access": access, "project": access.project, "events": audit.events(access.project),
               "shown": audit.SHOWN}  # fmt: skip
    return render(request, "projects/audit.html", context)
