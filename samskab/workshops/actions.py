"""Every change to workshops, expectations, ideas and scores: `check_*` validates, `do_*` changes.

Views call these and nothing else to change state; each `do_*` is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskab.projects import rules
from samskab.projects.models import Project, Village
from samskab.workshops.attention import POINTS
from samskab.workshops.models import (
    DIMENSIONS,
    AttentionPoint,
    Idea,
    IdeaComment,
    MunicipalCommitment,
    Phase,
    Score,
    VillageCommitment,
    Workshop,
    WorkshopSettings,
)

# One participant's score of one idea: (difference, manageable, desire).
Triple = tuple[int, int, int]
SCORE_FIELDS = [name for name, _label in DIMENSIONS]


def workshop_settings(project: Project) -> WorkshopSettings:
    """Return the project's workshop settings, created with the defaults when missing; no
    query when the project was read with them (as `access_workshops` reads it)."""
    try:
        return project.workshop_settings
    except WorkshopSettings.DoesNotExist:
        return WorkshopSettings.objects.get_or_create(project=project)[0]


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
    """Return what the municipality puts in, created empty when missing."""
    return MunicipalCommitment.objects.get_or_create(project=project)[0]


def village_commitment(village: Village) -> VillageCommitment:
    """Return what the village commits, created empty when missing."""
    return VillageCommitment.objects.get_or_create(village=village)[0]


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


@transaction.atomic
def do_add_idea(
    project: Project,
    idea: Idea,
    *,
    author: AbstractBaseUser,
    villages: Iterable[Village],
    from_paper: bool = False,
) -> Idea:
    """Store a new idea (built, not saved, by a form) for the project's villages given."""
    idea.project, idea.author, idea.from_paper = project, author, from_paper
    idea.save()
    idea.villages.set(villages)
    return idea


def check_merge(duplicate: Idea, target: Idea) -> None:
    """Raise ValidationError unless `duplicate` may be merged into `target`."""
    if duplicate.pk == target.pk or duplicate.project_id != target.project_id:
        raise ValidationError(_("Choose another idea of this project."))
    if target.merged_into_id is not None or duplicate.merged_into_id is not None:
        raise ValidationError(_("An idea that has been merged cannot be merged again."))


@transaction.atomic
def do_merge(duplicate: Idea, target: Idea) -> None:
    """Fold the duplicate into the target: its villages join the target's, and it leaves the
    list and the scoring (its scores stay stored but are no longer counted)."""
    check_merge(duplicate, target)
    target.villages.add(*duplicate.villages.all())
    duplicate.merged_into = target
    duplicate.save(update_fields=["merged_into"])


def do_comment(idea: Idea, author: AbstractBaseUser, text: str) -> IdeaComment:
    return IdeaComment.objects.create(idea=idea, author=author, text=text)


def check_scores(project: Project, scores: Mapping[int, Triple]) -> None:
    """Raise ValidationError unless every score is of a scorable idea of this project and
    every value is on the project's scale."""
    scale_max = workshop_settings(project).scale_max
    scorable = set(
        Idea.objects.filter(project=project, merged_into=None, pk__in=list(scores)).values_list(
            "pk", flat=True
        )
    )
    if scorable != set(scores):
        raise ValidationError(_("Only this project's ideas can be scored."))
    if any(not 1 <= value <= scale_max for triple in scores.values() for value in triple):
        raise ValidationError(_("Scores go from 1 to %(max)d.") % {"max": scale_max}, code="scale")


@transaction.atomic
def do_record_scores(
    project: Project,
    participant: AbstractBaseUser,
    scores: Mapping[int, Triple],
    *,
    entered_by: AbstractBaseUser,
) -> int:
    """Store the participant's scores, replacing earlier ones in place; return how many.

    One statement per sheet that inserts or, on the (idea, participant) constraint, updates:
    two submits of the same sheet at once still leave one score per idea.
    """
    check_scores(project, scores)
    rows = [
        Score(idea_id=idea_id, participant=participant, entered_by=entered_by,
              **dict(zip(SCORE_FIELDS, triple, strict=True)))
        for idea_id, triple in scores.items()
    ]  # fmt: skip
    Score.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["idea", "participant"],
        update_fields=[*SCORE_FIELDS, "entered_by", "updated"],
    )
    return len(rows)
