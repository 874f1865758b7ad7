"""Every change to workshops and expectations: `check_*` validates, `do_*` changes.

Views call these and nothing else to change state; each `do_*` is one transaction.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from samskab.projects import rules
from samskab.projects.models import Project, Village
from samskab.workshops.attention import POINTS
from samskab.workshops.models import (
    AttentionPoint,
    MunicipalCommitment,
    Phase,
    VillageCommitment,
    Workshop,
    WorkshopSettings,
)
from samskab.workshops.signals import scale_changing


def workshop_settings(project: Project) -> WorkshopSettings:
    """Return the project's workshop settings, created with the defaults when missing; no
    query when the project was read with them (as `access_workshops` reads it)."""
    try:
        return project.workshop_settings
    except WorkshopSettings.DoesNotExist:
        return WorkshopSettings.objects.get_or_create(project=project)[0]


def do_save_settings(settings: WorkshopSettings) -> WorkshopSettings:
    """Store the project's scale and the weeks before an initiative is stalled; a scale below
    scores already given is refused (by the app that keeps the scores)."""
    stored = WorkshopSettings.objects.filter(pk=settings.pk).first()
    if stored is not None and settings.scale_max < stored.scale_max:
        scale_changing.send(sender=WorkshopSettings, project=settings.project,
                            scale_max=settings.scale_max)  # fmt: skip
    settings.save(update_fields=["scale_max", "stall_weeks"])
    return settings


def do_save_workshop(workshop: Workshop) -> Workshop:
    """Store a workshop's date, agenda and minutes (as its form filled them)."""
    workshop.save(update_fields=["date", "agenda", "minutes"])
    return workshop


def ensure_workshops(project: Project) -> list[Workshop]:
    """Return the project's four workshops, creating any missing one with its checklist."""
    Workshop.objects.bulk_create(
        [Workshop(project=project, number=number) for number in Phase.values],
        ignore_conflicts=True,
    )
    workshops = list(Workshop.objects.filter(project=project).order_by("number"))
    AttentionPoint.objects.bulk_create(
        [AttentionPoint(workshop=w, key=p.key) for w in workshops for p in POINTS[w.number]],
        ignore_conflicts=True,
    )
    return workshops


@transaction.atomic
def copy_setup(source: Project, target: Project) -> None:
    """Give `target` the workshop set-up of `source`: the scale and the weeks before an
    initiative is stalled, and the four workshops with their agendas and an unticked
    checklist. Dates, minutes and the active phase are the new project's own, so none is
    copied; neither is anything the source's participants made (ideas, scores, initiatives)."""
    settings = WorkshopSettings.objects.filter(project=source).first()
    if settings is None:
        workshop_settings(target)
    else:
        WorkshopSettings.objects.update_or_create(
            project=target,
            defaults={"scale_max": settings.scale_max, "stall_weeks": settings.stall_weeks},
        )
    agendas = dict(Workshop.objects.filter(project=source).values_list("number", "agenda"))
    for workshop in ensure_workshops(target):
        workshop.agenda = agendas.get(workshop.number, "")
        workshop.date, workshop.minutes, workshop.active = None, "", False
        workshop.save(update_fields=["agenda", "date", "minutes", "active"])
    AttentionPoint.objects.filter(workshop__project=target).update(done=False)


def municipal_commitment(project: Project) -> MunicipalCommitment:
    """Return what the municipality puts in; an empty, unsaved one when nothing is recorded
    (reading the page writes nothing)."""
    found = MunicipalCommitment.objects.filter(project=project).first()
    return found or MunicipalCommitment(project=project)


def village_commitment(village: Village) -> VillageCommitment:
    """Return what the village commits; an empty, unsaved one when nothing is recorded."""
    return VillageCommitment.objects.filter(village=village).first() or VillageCommitment(
        village=village
    )


def do_save_commitment(
    commitment: MunicipalCommitment | VillageCommitment,
) -> MunicipalCommitment | VillageCommitment:
    """Save what the municipality puts in or what a village commits, as the form filled it."""
    commitment.save()
    return commitment


def contact_people(project: Project) -> list[User]:
    """Return the members who may be named a municipal contact person."""
    return list(
        User.objects.filter(
            memberships__project=project, memberships__role__in=rules.CONTACT_ROLES
        ).order_by("first_name", "username")
    )


def active_phase(project: Project) -> int | None:
    """Return the number of the project's active workshop, or None when none is active."""
    return (
        Workshop.objects.filter(project=project, active=True)
        .order_by()  # not the model's order, which joins the project
        .values_list("number", flat=True)
        .first()
    )


@transaction.atomic
def do_activate(workshop: Workshop) -> None:
    """Make this the project's one active workshop (phase)."""
    Workshop.objects.filter(project_id=workshop.project_id, active=True).exclude(
        pk=workshop.pk
    ).update(active=False)
    workshop.active = True
    workshop.save(update_fields=["active"])


def do_set_point(point: AttentionPoint, *, done: bool) -> None:
    point.done = done
    point.save(update_fields=["done", "changed"])
