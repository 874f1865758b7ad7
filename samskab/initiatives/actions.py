"""Every change to initiatives, milestones, progress updates and notifications.

`check_*` validates, `do_*` changes; views call these and nothing else to change state.
"""

from __future__ import annotations

import datetime
import uuid

from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.ideas.models import Idea
from samskab.initiatives.models import Initiative, Milestone, Notification, ProgressUpdate
from samskab.projects import rules
from samskab.projects.models import Membership, Project, Role


def stewards(initiative: Initiative) -> list[User]:
    """Return who looks after the initiative: its owner, the representatives of its owner
    village, and its contact person (each once, in that order)."""
    people: list[User] = [p for p in (initiative.owner, initiative.contact) if p is not None]
    if initiative.owner_village_id is not None:
        reps = Membership.objects.filter(
            project_id=initiative.project_id,
            village_id=initiative.owner_village_id,
            role=Role.VILLAGE_REPRESENTATIVE,
        ).select_related("user")
        people[1:1] = [m.user for m in reps]
    return list({p.pk: p for p in people}.values())


def free_ideas(project: Project, initiative: Initiative) -> QuerySet[Idea]:
    """Return the project's ideas an initiative may be made from: not merged away, not
    withdrawn, and without an initiative of their own (other than this one)."""
    taken = Initiative.objects.filter(project=project, idea__isnull=False).exclude(pk=initiative.pk)
    return Idea.objects.filter(project=project).in_play().exclude(pk__in=taken.values("idea_id"))


def check_initiative(project: Project, initiative: Initiative) -> None:
    """Raise ValidationError unless the initiative has an owner and a contact person of this
    project, and its idea and village belong to it."""
    if initiative.owner_id is None and initiative.owner_village_id is None:
        raise ValidationError(_("Name an owner: a person, a village or both."))
    members = Membership.objects.filter(project=project)
    if initiative.owner_id is not None and not members.filter(user=initiative.owner_id).exists():
        raise ValidationError(_("The owner must be a member of the project."))
    contacts = members.filter(user=initiative.contact_id, role__in=rules.CONTACT_ROLES)
    if initiative.contact_id is None or not contacts.exists():
        raise ValidationError(_("The contact person must be a contact person or facilitator."))
    if initiative.idea is not None and initiative.idea.project_id != project.pk:
        raise ValidationError(_("Choose an idea of this project."))
    if (
        initiative.idea_id is not None
        and not free_ideas(project, initiative).filter(pk=initiative.idea_id).exists()
    ):
        raise ValidationError(_("This idea already has an initiative."))
    if initiative.owner_village is not None and initiative.owner_village.project_id != project.pk:
        raise ValidationError(_("Choose a village of this project."))


@transaction.atomic
def do_save_initiative(project: Project, initiative: Initiative) -> Initiative:
    """Store a new or changed initiative (built by a form) after checking it; return it, or
    the initiative that the same creating form (its token) already made."""
    initiative.project = project
    check_initiative(project, initiative)
    token = initiative.form_token if initiative.pk is None else None
    made = _made_by_form(project, token)
    if made is not None:
        return made
    try:
        with transaction.atomic():
            initiative.save()
    except IntegrityError:
        made = _made_by_form(project, token)
        if made is None:
            raise
        return made
    return initiative


def _made_by_form(project: Project, token: uuid.UUID | None) -> Initiative | None:
    if token is None:
        return None
    return Initiative.objects.filter(project=project, form_token=token).first()


def do_set_status(initiative: Initiative, status: str) -> None:
    """Change the status (not to an outcome: see do_record_outcome); the follow-up tells the
    idea's scorers on its next run. A recorded outcome's reason goes with it."""
    if status not in Initiative.Status.values or status in Initiative.OUTCOMES:
        raise ValidationError(_("Choose one of the statuses."))
    initiative.status, initiative.outcome_reason = status, ""
    initiative.save(update_fields=["status", "outcome_reason"])


def do_record_outcome(initiative: Initiative, outcome: str, reason: str) -> None:
    """Record that the initiative was wound down or handed over to the village association,
    with the reason, which the initiative, the dashboard and the handbook show."""
    if outcome not in Initiative.OUTCOMES:
        raise ValidationError({"outcome": _("Choose wound down or handed over.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the outcome.")})
    initiative.status, initiative.outcome_reason = outcome, reason.strip()
    initiative.save(update_fields=["status", "outcome_reason"])


def do_add_milestone(initiative: Initiative, title: str, due: datetime.date) -> Milestone:
    return Milestone.objects.create(initiative=initiative, title=title, due=due)


def do_set_milestone(milestone: Milestone, *, done: bool) -> None:
    milestone.done = done
    milestone.save(update_fields=["done"])


def do_post_update(
    initiative: Initiative,
    author: AbstractBaseUser,
    text: str,
    *,
    when: datetime.datetime | None = None,
) -> ProgressUpdate:
    """Post a progress update (`when`: now unless given, for the demo's history)."""
    return ProgressUpdate.objects.create(
        initiative=initiative, author=author, text=text, created=when or timezone.now()
    )


def do_mark_read(user: AbstractBaseUser, project: Project) -> int:
    """Mark the member's unread notifications in the project as read; return how many."""
    return Notification.objects.filter(recipient=user, project=project, read=False).update(
        read=True
    )
