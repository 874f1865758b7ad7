"""Every change to the evaluation: opening a round and answering it.

`check_*` validates, `do_*` changes; views call these and nothing else to change state.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.evaluation.models import QUESTIONS, EvaluationRound, Response
from samskab.initiatives.tasks import send_followup
from samskab.projects import rules
from samskab.projects.models import Membership, Project, Role

ANSWERING_ROLES = [role for role in Role.values if rules.can(role, rules.ANSWER_EVALUATION)]


def check_round(project: Project, stage: str, closes: datetime.date, today: datetime.date) -> None:
    """Raise ValidationError (by field) unless the stage is one not yet opened in the project
    and the closing date is not before today."""
    if stage not in EvaluationRound.Stage.values:
        raise ValidationError({"stage": _("Choose when the round is.")})
    if project.evaluations.filter(stage=stage).exists():
        raise ValidationError({"stage": _("This round has already been opened.")})
    if closes < today:
        raise ValidationError({"closes": _("The closing date cannot be in the past.")})


def do_open_round(
    project: Project,
    stage: str,
    closes: datetime.date,
    *,
    by: AbstractBaseUser | None,
    today: datetime.date | None = None,
) -> EvaluationRound:
    """Open a round: every member who answers evaluations (not the observers) gets a personal
    link; the follow-up is queued at once, so the invitations go out now, not tomorrow."""
    today = today or timezone.localdate()
    check_round(project, stage, closes, today)
    try:
        with transaction.atomic():
            opened = EvaluationRound.objects.create(
                project=project, stage=stage, opened=today, closes=closes, opened_by=by
            )
            asked = Membership.objects.filter(project=project, role__in=ANSWERING_ROLES)
            Response.objects.bulk_create(Response(round=opened, member_id=m.user_id) for m in asked)
    except IntegrityError as error:  # the same round opened at the same moment
        raise ValidationError({"stage": _("This round has already been opened.")}) from error
    send_followup.enqueue(today.isoformat())
    return opened


def do_ask_member(membership: Membership, *, today: datetime.date | None = None) -> int:
    """Ask a member who joined (or got a role that answers) while a round is open, as those
    asked when it opened: a response with a personal link, so the follow-up invites them.
    Return the number of rounds they are now asked in."""
    if membership.role not in ANSWERING_ROLES:
        return 0
    today = today or timezone.localdate()
    asked = 0
    for evaluation in membership.project.evaluations.filter(opened__lte=today, closes__gte=today):
        asked += Response.objects.get_or_create(round=evaluation, member_id=membership.user_id)[1]
    return asked


def do_answer(
    response: Response, answers: dict[str, Any], *, today: datetime.date | None = None
) -> None:
    """Store (or change) the member's answers while the round is open, with the role and
    village they have in the project now."""
    today = today or timezone.localdate()
    if not response.round.is_open(today):
        raise ValidationError(_("This evaluation round is closed."))
    membership = Membership.objects.filter(
        project_id=response.round.project_id, user_id=response.member_id
    ).first()
    if membership is None:
        raise ValidationError(_("Only the project's members answer its evaluation."))
    for question in QUESTIONS:
        setattr(response, question.field, answers[question.field])
    response.role, response.village_id = membership.role, membership.village_id
    response.answered = timezone.now()
    fields = [q.field for q in QUESTIONS] + ["role", "village", "answered"]
    response.save(update_fields=fields)
