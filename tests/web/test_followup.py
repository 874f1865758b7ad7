"""`followup`: reminders before milestones and review dates, nudges for stalled initiatives,
news for an idea's scorers when its initiative changes status; never twice on one day."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from samskab.cli import build_parser
from samskab.ideas import actions
from samskab.initiatives.actions import do_post_update, do_set_status
from samskab.initiatives.models import Initiative, Milestone, Notification

from .initiatives_fixtures import TODAY, at, initiative_fixture  # noqa: F401  (fixture)
from .workshops_fixtures import activate

DAY = datetime.timedelta(days=1)


def followup(day: datetime.date) -> str:
    out = StringIO()
    call_command("followup", f"--today={day.isoformat()}", stdout=out)
    return out.getvalue()


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def quiet(initiative):
    """Tell the scorers about the current status, so only reminders remain."""
    Initiative.objects.filter(pk=initiative.pk).update(notified_status=initiative.status)


def test_it_reminds_owner_and_contact_seven_days_and_one_day_before_a_milestone(
    initiative, participant, contact
):
    quiet(initiative)
    due = initiative.milestones.get().due
    for day in (due - 8 * DAY, due - 7 * DAY, due - 2 * DAY, due - DAY):
        do_post_update(initiative, participant, "Fremskridt", when=at(day))
        mail.outbox.clear()
        followup(day)
        expected = (
            []
            if day in (due - 8 * DAY, due - 2 * DAY)
            else ["contact@example.org", "participant@example.org"]
        )
        assert sent_to() == expected, day


def test_it_sends_nothing_twice_on_the_same_day(initiative):
    quiet(initiative)
    due = initiative.milestones.get().due
    Initiative.objects.filter(pk=initiative.pk).update(review_date=due)
    assert "4 notification(s)" in followup(due - 7 * DAY)
    first = len(mail.outbox)
    assert "0 notification(s)" in followup(due - 7 * DAY)
    assert len(mail.outbox) == first == 4  # milestone and review, to owner and contact


def test_it_reminds_before_the_review_date(initiative):
    quiet(initiative)
    Initiative.objects.filter(pk=initiative.pk).update(review_date=TODAY + 10 * DAY)
    followup(TODAY + 9 * DAY)
    assert [n.kind for n in Notification.objects.all()] == ["review", "review"]
    assert "gennemgang i morgen" in mail.outbox[0].body


def test_it_nudges_a_stalled_initiative_once_a_week(initiative, participant, contact):
    quiet(initiative)
    Milestone.objects.all().delete()
    stalled = TODAY + 42 * DAY  # six weeks without an update
    followup(stalled - DAY)
    assert mail.outbox == []
    followup(stalled)
    assert sent_to() == ["contact@example.org", "participant@example.org"]
    followup(stalled + 3 * DAY)
    assert len(mail.outbox) == 2
    followup(stalled + 7 * DAY)
    assert len(mail.outbox) == 4


def test_the_scorers_hear_when_the_initiative_changes_status(
    project, initiative, facilitator, expert, observer
):
    scorers = [facilitator, expert]
    for person in scorers:
        actions.do_record_scores(
            project, person, {initiative.idea_id: (3, 3, 3)}, entered_by=person
        )
    quiet(initiative)
    do_set_status(initiative, Initiative.Status.DONE)
    followup(TODAY + DAY)
    assert sent_to() == ["expert@example.org", "facilitator@example.org"]
    assert "Afsluttet" in mail.outbox[0].body or "Done" in mail.outbox[0].body
    followup(TODAY + DAY)
    followup(TODAY + 2 * DAY)
    assert len(mail.outbox) == 2


def test_every_notification_shows_in_the_app_with_an_unread_count(
    client_for, project, initiative, participant
):
    activate(project, 4)
    quiet(initiative)
    followup(initiative.milestones.get().due - DAY)
    client = client_for(participant)
    page = client.get(reverse("initiatives:notifications", args=[project.pk])).content.decode()
    assert "Lokalplan" in page and 'class="tag tag-count">1' in page
    client.post(reverse("initiatives:mark_read", args=[project.pk]))
    assert not Notification.objects.filter(recipient=participant, read=False).exists()


def test_samskab_followup_is_a_command_with_a_data_dir_and_a_day():
    args = build_parser().parse_args(["followup", "--data-dir", "x", "--today", "2026-03-02"])
    assert (
        args.today == datetime.date(2026, 3, 2) and args.handler.__name__ == "run_followup_command"
    )


def test_the_unread_count_shows_on_every_project_page(client_for, project, initiative, participant):
    activate(project, 4)
    quiet(initiative)
    followup(initiative.milestones.get().due - DAY)
    client = client_for(participant)
    for name in ("projects:detail", "accounts:members", "factbase:overview"):
        page = client.get(reverse(name, args=[project.pk])).content.decode()
        assert 'class="tag tag-count">1' in page, name
