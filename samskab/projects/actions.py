"""State changes of a project and its membership: checks first (check_*), then the change (do_*)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core.people import person_name
from samskab.projects import audit, rules
from samskab.projects.logos import logo_png
from samskab.projects.models import (
    FEWEST_MONTHS,
    MOST_MONTHS,
    AuditAction,
    Membership,
    Municipality,
    Project,
    ProjectLogo,
    Role,
    Village,
)
from samskab.projects.signals import project_copied

NAME_MAX_LENGTH = 200  # Project.name


def check_role_change(membership: Membership, role: str) -> None:
    """Raise ValidationError when the change would leave the project without a facilitator."""
    if role not in Role.values:
        raise ValidationError(_("Choose one of the roles."))
    leaving = membership.role == Role.FACILITATOR and role != Role.FACILITATOR
    others = membership.project.memberships.filter(role=Role.FACILITATOR).exclude(pk=membership.pk)
    if leaving and not others.exists():
        raise ValidationError(_("A project needs at least one facilitator."))


def do_change_role(
    membership: Membership, role: str, *, actor: AbstractBaseUser | None = None
) -> Membership:
    """Give the member a new role in the project (recorded in the audit log); return the
    membership."""
    check_role_change(membership, role)
    before = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role"])
    change = f"{person_name(membership.user)}: {before} → {membership.get_role_display()}"
    audit.record(membership.project, actor, AuditAction.ROLE_CHANGED, change)
    return membership


def check_project(project: Project) -> None:
    """Raise ValidationError unless the project has a name, ends after it starts and keeps
    its uploads for an allowed time."""
    if not project.name.strip() or len(project.name.strip()) > NAME_MAX_LENGTH:
        raise ValidationError(_("Give the project a name of at most 200 characters."))
    if project.end is not None and project.end < project.start:
        raise ValidationError(_("The end must not come before the start."))
    for months in (project.register_months, project.survey_months):
        if not FEWEST_MONTHS <= months <= MOST_MONTHS:
            raise ValidationError(
                _("Keep uploaded files from %(fewest)d to %(most)d months.")
                % {"fewest": FEWEST_MONTHS, "most": MOST_MONTHS}
            )


@transaction.atomic
def do_create_project(project: Project, *, facilitator: AbstractBaseUser) -> Project:
    """Store a new project (built by a form) with the person creating it as its facilitator."""
    check_project(project)
    project.save()
    Membership.objects.create(project=project, user=facilitator, role=Role.FACILITATOR)
    return project


def do_save_project(project: Project) -> Project:
    """Store a project's changed name, description, period and status, and the retention
    periods of its uploads (the daily follow-up deletes by them)."""
    check_project(project)
    stored = Project.objects.filter(pk=project.pk).values("register_months", "survey_months")
    before = stored.first() or {}
    fields = ["name", "description", "start", "end", "status", "register_months", "survey_months"]
    if before != {"register_months": project.register_months,
                  "survey_months": project.survey_months}:  # fmt: skip
        project.retention_from = timezone.localdate()  # a new period: warned before it acts
        fields.append("retention_from")
    project.save(update_fields=fields)
    return project


def known_parishes(project: Project) -> set[str]:
    """Return the codes of the parishes in the project's areas (set by the fact base's areas
    file, which covers the municipality); empty while no areas file is loaded."""
    return {
        code for parishes in project.areas.values_list("parishes", flat=True) for code in parishes
    }


def check_parish(project: Project, parish: str) -> None:
    """Raise ValidationError unless the parish code (or none) is one of the municipality's
    parishes: four digits, and in the project's areas once they are known."""
    if not parish:
        return
    if not (parish.isdigit() and len(parish) == 4):
        raise ValidationError(_("A parish code has 4 digits, e.g. 7284."))
    known = known_parishes(project)
    if known and parish not in known:
        raise ValidationError(
            _("Parish %(code)s is not in the areas of %(municipality)s's fact base.")
            % {"code": parish, "municipality": project.municipality.name}
        )


def check_village_name(project: Project, name: str, *, village: Village | None = None) -> None:
    """Raise ValidationError when another village of the project has this name."""
    others = project.villages.exclude(pk=village.pk if village else None)
    if others.filter(name__iexact=name.strip()).exists():
        raise ValidationError(_("This project already has a village of that name."))


def do_save_village(project: Project, village: Village) -> Village:
    """Store a new or changed village (built by a form) of the project, after the checks."""
    village.project = project
    check_village_name(project, village.name, village=village)
    check_parish(project, village.parish)
    village.save()
    return village


def check_copy_project(
    source: Project, *, name: str, municipality: Municipality, user: AbstractBaseUser
) -> None:
    """Raise ValidationError unless the user may start a new project from `source`: a staff
    account (as for creating any project) with the copy permission in the source project."""
    role = (
        Membership.objects.filter(project=source, user=user).values_list("role", flat=True).first()
    )
    if not rules.starts_projects(user) or not rules.can(role, rules.COPY_PROJECT):
        raise ValidationError(
            _("Only a facilitator of the project with a staff account can use it as a template.")
        )
    if not name.strip() or len(name.strip()) > NAME_MAX_LENGTH:
        raise ValidationError(_("Give the new project a name of at most 200 characters."))
    if municipality is None or municipality.pk is None:
        raise ValidationError(_("Choose the municipality of the new project."))


@transaction.atomic
def do_copy_project(
    source: Project,
    *,
    name: str,
    municipality: Municipality,
    user: AbstractBaseUser,
    copy_villages: bool = False,
) -> Project:
    """Start a new, planned project from `source`: its description, the set-up each app copies
    on `project_copied` (the workshops' set-up) and, when asked, its villages (without their
    areas, which belong to the source's fact base).
    The user becomes the new project's facilitator; no other member, nothing the members made
    (ideas, scores, initiatives, commitments) and no fact base or survey is copied."""
    check_copy_project(source, name=name, municipality=municipality, user=user)
    project = Project.objects.create(
        municipality=municipality,
        name=name.strip(),
        description=source.description,
        status=Project.Status.PLANNED,
        register_months=source.register_months,
        survey_months=source.survey_months,
    )
    Membership.objects.create(project=project, user=user, role=Role.FACILITATOR)
    if copy_villages:
        Village.objects.bulk_create(
            Village(project=project, name=v.name, parish=v.parish, association=v.association)
            for v in source.villages.all()
        )
    project_copied.send(sender=Project, source=source, target=project)
    return project


def do_set_logo(project: Project, upload: bytes | None) -> None:
    """Keep the upload, re-encoded as a PNG, as the project's logo; remove the logo when
    `upload` is None. Raise ValidationError, keeping the old logo, for an unusable image."""
    if upload is None:
        ProjectLogo.objects.filter(project=project).delete()
        return
    png = logo_png(upload)
    ProjectLogo.objects.update_or_create(project=project, defaults={"png": png})
