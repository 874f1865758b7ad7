"""The follow-up invites the asked members once and reminds those who have not answered
weekly, from state: a missed day loses nothing, an answer or the closing date stops it."""

from __future__ import annotations

import datetime

from samskab.evaluation.models import Response
from samskab.initiatives.followup.run import run_followup
from samskab.initiatives.models import Notification

from .evaluation_fixtures import CLOSES, OPENED, answer, open_round

DAY = datetime.timedelta(days=1)


def _told(kind_key: str) -> list[tuple[str, datetime.date]]:
    found = Notification.objects.filter(kind="evaluation", key__endswith=kind_key)
    return sorted(found.values_list("recipient__username", "day"))


def test_each_asked_member_is_invited_once(project, participant, expert, observer):
    open_round(project)  # the follow-up runs at once
    run_followup(OPENED, email=False)
    run_followup(OPENED + 3 * DAY, email=False)
    assert _told(":invite") == [("expert", OPENED), ("participant", OPENED)]
    assert _told(":reminder") == []


def test_who_has_not_answered_is_reminded_a_week_after_the_invitation_and_weekly(
    project, participant, expert
):
    evaluation = open_round(project)
    answer(Response.objects.get(round=evaluation, member=expert), 4, "yes")
    for days in (7, 8, 13, 14):
        run_followup(OPENED + days * DAY, email=False)
    assert _told(":reminder") == [
        ("participant", OPENED + 7 * DAY), ("participant", OPENED + 14 * DAY)
    ]  # fmt: skip


def test_a_missed_run_invites_on_the_next_and_reminds_a_week_later(project, participant):
    evaluation = open_round(project)
    Notification.objects.all().delete()  # as if the run at opening had not happened
    run_followup(OPENED + 9 * DAY, email=False)
    run_followup(OPENED + 15 * DAY, email=False)
    run_followup(OPENED + 16 * DAY, email=False)
    assert _told(":invite") == [("participant", OPENED + 9 * DAY)]
    assert _told(":reminder") == [("participant", OPENED + 16 * DAY)]
    assert evaluation.responses.count() == 1


def test_nothing_is_sent_after_the_closing_date(project, participant):
    open_round(project)
    run_followup(CLOSES + DAY, email=False)
    assert _told(":reminder") == []


def test_the_reminder_says_when_the_round_closes(project, participant):
    open_round(project)
    run_followup(OPENED + 7 * DAY, email=False)
    reminder = Notification.objects.get(kind="evaluation", key__endswith=":reminder")
    from samskab.initiatives.followup.messages import describe

    assert describe(reminder) == (
        "Du har ikke svaret på evalueringen af Bosætning i Vest (Efter workshop 4) endnu. "
        "Det tager fem minutter, og den lukker den 23. marts 2026."
    )
