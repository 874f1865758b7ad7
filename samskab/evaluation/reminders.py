"""The evaluation's invitations and reminders, sent by the daily follow-up.

From state, like the other follow-up notices: while a round is open, every asked member who
has not answered is invited once (in the app and by mail, with their personal link) and
reminded weekly from a week after their invitation, until they answer or the round closes."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samskab.core.links import absolute_url
from samskab.evaluation.models import EvaluationRound, Response
from samskab.initiatives.followup.due import Due, Repeat
from samskab.initiatives.followup.notices import ProjectNotices
from samskab.initiatives.models import Notification

KIND = Notification.Kind.EVALUATION
REMIND_AFTER = datetime.timedelta(days=7)


def evaluation_dues(today: datetime.date) -> list[tuple[int, Due]]:
    """Return the invitations and reminders due on `today` for every open round."""
    found: list[tuple[int, Due]] = []
    rounds = EvaluationRound.objects.filter(opened__lte=today, closes__gte=today)
    for evaluation in rounds.order_by("project_id", "pk"):
        waiting = list(User.objects.filter(
            evaluation_responses__round=evaluation, evaluation_responses__answered=None,
            memberships__project=evaluation.project_id,
        ).order_by("pk"))  # fmt: skip
        fields = {
            "details": {"round": evaluation.pk},
            "days_left": (evaluation.closes - today).days,
        }
        invite = Due(KIND, f"round{evaluation.pk}:invite", waiting, fields, Repeat.ONCE)
        invited_a_week_ago = set(Notification.objects.filter(
            kind=KIND, key=invite.key, project_id=evaluation.project_id,
            day__lte=today - REMIND_AFTER,
        ).values_list("recipient_id", flat=True))  # fmt: skip
        late = [person for person in waiting if person.pk in invited_a_week_ago]
        remind = Due(KIND, f"round{evaluation.pk}:reminder", late, fields, Repeat.WEEKLY)
        found += [(evaluation.project_id, due) for due in (invite, remind) if due.people]
    return found


def describe(notification: Notification) -> str:
    """Return the invitation's or reminder's message in the active language."""
    evaluation = _round_of(notification)
    if evaluation is None:
        return _("An evaluation of %(project)s has been closed.") % {
            "project": notification.project.name
        }
    values = {"round": evaluation.get_stage_display(), "project": notification.project.name,
              "date": date_format(evaluation.closes)}  # fmt: skip
    if notification.key.endswith(":reminder"):
        return (
            _(
                "You have not answered the evaluation of %(project)s (%(round)s) yet. "
                "It takes five minutes and closes on %(date)s."
            )
            % values
        )
    return (
        _(
            "How did the process go? The evaluation of %(project)s (%(round)s) is open until "
            "%(date)s: six short questions. Answers are summarised without names."
        )
        % values
    )


def subject_and_link(notification: Notification) -> tuple[str, str]:
    """Return the mail's subject and the recipient's personal link to the questionnaire."""
    subject = _("samskab: evaluation of %(project)s") % {"project": notification.project.name}
    response = Response.objects.filter(
        round_id=notification.details.get("round"), member_id=notification.recipient_id
    ).first()
    if response is None:
        return subject, absolute_url(reverse("evaluation:overview", args=[notification.project_id]))
    path = reverse("evaluation:answer", args=[notification.project_id, response.token])
    return subject, absolute_url(path)


def _round_of(notification: Notification) -> EvaluationRound | None:
    return EvaluationRound.objects.filter(pk=notification.details.get("round")).first()


EVALUATION_NOTICES = ProjectNotices(KIND, evaluation_dues, describe, subject_and_link)
