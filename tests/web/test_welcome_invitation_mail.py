"""An event's invitations: a mail that fails (a refused address) is left unsent for the next
round and never stops the others; inviting again sends it."""

from __future__ import annotations

import smtplib

from django.core import mail
from django.utils import timezone

from samskab.projects.models import Municipality
from samskab.welcome import tasks
from samskab.welcome.actions import do_invite
from samskab.welcome.models import Event, Invitation, Kind

from .welcome_fixtures import hoven_page_fixture, sign_up  # noqa: F401  (fixture)


def test_one_refused_address_stops_no_other_invitation(project, hoven_page, monkeypatch):
    for name in ("Anna", "Bo", "Carl"):
        sign_up(hoven_page, name, kind=Kind.FORMER_RESIDENT, city_code=751)
    event = Event.objects.create(project=project, title="Håndbold i Aarhus",
                                 city=Municipality.objects.get(code=751), place="Ceres Park",
                                 starts=timezone.now())  # fmt: skip
    real = tasks.invitation_mail

    def refusing(invitation):
        message = real(invitation)
        if invitation.person.name == "Bo":

            def refuse(*_args, **_kwargs):
                raise smtplib.SMTPRecipientsRefused({"bo@example.org": (550, b"no such user")})

            message.send = refuse
        return message

    monkeypatch.setattr(tasks, "invitation_mail", refusing)
    do_invite(event)
    mailed = dict(Invitation.objects.filter(event=event).values_list("person__name", "mailed"))
    assert mailed["Bo"] is None and mailed["Anna"] and mailed["Carl"]
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "carl@example.org"]

    monkeypatch.setattr(tasks, "invitation_mail", real)  # the address works again
    do_invite(event)
    assert not Invitation.objects.filter(event=event, mailed=None).exists()
    assert len(mail.outbox) == 3
