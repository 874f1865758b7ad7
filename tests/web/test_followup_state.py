"""The follow-up works from state: what is due or overdue and not yet told is told on the
next run, whatever day it is; a mail is marked sent only once it went out, and one that failed
is tried again; a failing recipient or a line break in a title never stops the run."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from samskab.accounts.models import Profile
from samskab.ideas import actions
from samskab.initiatives.actions import do_post_update, do_set_status
from samskab.initiatives.models import Initiative, Milestone, Notification
from samskab.projects.models import Membership

from .initiatives_fixtures import TODAY, at, initiative_fixture, make_initiative  # noqa: F401
from .test_followup import DAY, followup, quiet, sent_to

DUE = TODAY + 30 * DAY  # the fixture's milestone "Lokalplan"


class ServerDown(EmailBackend):
    """A mail server that refuses every mail."""

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("the mail server is down")


class RefusesContact(EmailBackend):
    """A mail server that refuses the contact person's address and sends the rest."""

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        if any("contact@example.org" in message.to for message in messages):
            raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


def lively(initiative, participant, day: datetime.date) -> None:
    """Post an update on the day, so the initiative is not stalled."""
    do_post_update(initiative, participant, "Fremskridt", when=at(day))


def test_a_reminder_missed_on_its_day_is_sent_on_the_next_run(initiative, participant):
    quiet(initiative)
    lively(initiative, participant, DUE - 5 * DAY)
    followup(DUE - 5 * DAY)  # the runs 7 and 6 days before were missed
    assert sent_to() == ["contact@example.org", "participant@example.org"]
    assert "skal nås om 5 dage" in mail.outbox[0].body
    mail.outbox.clear()
    followup(DUE - 3 * DAY)
    assert mail.outbox == []
    followup(DUE)  # the day before was missed too: the last reminder comes on the day
    assert sent_to() == ["contact@example.org", "participant@example.org"]
    assert "skal nås i dag" in mail.outbox[0].body


def test_a_missed_week_brings_only_the_last_reminder(initiative, participant):
    quiet(initiative)
    lively(initiative, participant, DUE - DAY)
    followup(DUE - DAY)
    followup(DUE)
    assert sent_to() == ["contact@example.org", "participant@example.org"]
    assert "skal nås i morgen" in mail.outbox[0].body


def test_an_overdue_milestone_tells_owner_and_contact_then_once_a_week(initiative, participant):
    quiet(initiative)
    sent = []
    for days in (3, 5, 9, 10, 12, 17):
        lively(initiative, participant, DUE + days * DAY)
        mail.outbox.clear()
        followup(DUE + days * DAY)
        sent.append((days, len(mail.outbox)))
    assert sent == [(3, 2), (5, 0), (9, 0), (10, 2), (12, 0), (17, 2)]
    followup(DUE + 17 * DAY)
    assert "Milepælen “Lokalplan” for “Byggegrunde ved skolen” skulle være nået for 17 dage" in (
        mail.outbox[0].body
    )


def test_an_overdue_review_date_tells_owner_and_contact(initiative, participant):
    quiet(initiative)
    Milestone.objects.all().delete()
    Initiative.objects.filter(pk=initiative.pk).update(review_date=TODAY + 10 * DAY)
    lively(initiative, participant, TODAY + 12 * DAY)
    followup(TODAY + 12 * DAY)
    assert sent_to() == ["contact@example.org", "participant@example.org"]
    assert "Gennemgangen af “Byggegrunde ved skolen” skulle have været for 2 dage siden" in (
        mail.outbox[0].body
    )


def test_with_the_mail_server_down_the_mail_is_sent_on_the_next_run(
    settings, initiative, participant
):
    quiet(initiative)
    settings.EMAIL_BACKEND = "tests.web.test_followup_state.ServerDown"
    followup(DUE - 7 * DAY)  # the run goes through
    assert mail.outbox == []
    assert Notification.objects.filter(mail="pending").count() == 2  # shown in the app, unsent
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    lively(initiative, participant, DUE - 6 * DAY)
    followup(DUE - 6 * DAY)
    assert sent_to() == ["contact@example.org", "participant@example.org"]
    assert "skal nås om 7 dage" in mail.outbox[0].body
    followup(DUE - 5 * DAY)
    assert len(mail.outbox) == 2


def test_one_refused_address_never_stops_the_mail_to_the_others(
    settings, project, initiative, participant, contact
):
    quiet(initiative)
    second = make_initiative(project, participant, contact)
    quiet(second)
    Milestone.objects.create(initiative=second, title="Udbud", due=DUE)
    settings.EMAIL_BACKEND = "tests.web.test_followup_state.RefusesContact"
    followup(DUE - 7 * DAY)
    assert sent_to() == ["participant@example.org", "participant@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    followup(DUE - 6 * DAY)
    assert sent_to() == ["contact@example.org", "contact@example.org"]


def test_a_line_break_in_a_title_never_stops_the_run(initiative):
    quiet(initiative)
    Initiative.objects.filter(pk=initiative.pk).update(title="Byggegrunde\r\nved skolen")
    assert "2 notification(s)" in followup(DUE - 7 * DAY)
    assert [m.subject for m in mail.outbox] == ["samskab: Byggegrunde ved skolen"] * 2


@pytest.mark.parametrize("title", ["Byggegrunde\nved skolen", "Byggegrunde\r\nved skolen"])
def test_the_form_refuses_a_title_with_a_line_break(client_for, project, facilitator, contact,
                                                     title):  # fmt: skip
    page = client_for(facilitator).post(
        reverse("initiatives:create", args=[project.pk]),
        {"title": title, "owner": contact.pk, "contact": contact.pk, "goal": "Ti grunde"},
    )
    assert page.status_code == 200 and "Skriv titlen på én linje." in page.content.decode()
    assert not Initiative.objects.exists()


def test_every_mail_links_to_the_initiative_at_the_site_url(settings, project, initiative):
    quiet(initiative)
    settings.SITE_URL = "https://samskab.kommune.dk"
    followup(DUE - 7 * DAY)
    link = (
        f"https://samskab.kommune.dk/projects/{project.pk}/workshops/initiatives/{initiative.pk}/"
    )
    assert all(link in message.body for message in mail.outbox) and len(mail.outbox) == 2


def test_without_a_site_url_mails_link_to_the_local_server(settings, project, initiative):
    quiet(initiative)
    settings.SITE_URL = ""
    followup(DUE - 7 * DAY)
    link = f"http://127.0.0.1:8000/projects/{project.pk}/workshops/initiatives/{initiative.pk}/"
    assert link in mail.outbox[0].body


def test_former_members_hear_no_status_news(project, initiative, facilitator, expert):
    for person in (facilitator, expert):
        actions.do_record_scores(project, person, {initiative.idea_id: (3, 3, 3)},
                                 entered_by=person)  # fmt: skip
    quiet(initiative)
    Membership.objects.filter(user=expert).delete()  # the expert has left the project
    do_set_status(initiative, Initiative.Status.DONE)
    followup(TODAY + DAY)
    assert sent_to() == ["facilitator@example.org"]


def test_a_recipient_who_chose_english_gets_the_mail_in_english(initiative, participant):
    quiet(initiative)
    Profile.objects.create(user=participant, language="en")
    followup(DUE - 7 * DAY)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "is due in 7 days" in bodies["participant@example.org"]
    assert "skal nås om 7 dage" in bodies["contact@example.org"]


def test_every_mail_links_to_what_samskab_holds_about_the_recipient(settings, project, initiative):
    quiet(initiative)
    settings.SITE_URL = "https://samskab.kommune.dk"
    followup(DUE - 7 * DAY)
    link = "https://samskab.kommune.dk/accounts/my-data/"
    assert mail.outbox and all(
        f"Hvad samskab opbevarer om dig, til at hente eller slette: {link}" in message.body
        for message in mail.outbox
    )
