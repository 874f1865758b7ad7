"""Events for the former residents in one municipality: invited by mail, those who live there
and confirmed (never a protected one, never twice); they answer from their personal link."""

from __future__ import annotations

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samskab.projects.models import Municipality
from samskab.welcome.models import Event, Invitation, Kind

from .welcome_fixtures import hoven_page_fixture, sign_up  # noqa: F401  (fixture)


def _event(project, code=851) -> Event:
    return Event.objects.create(
        project=project, title="Håndboldkamp", city=Municipality.objects.get(code=code),
        place="Gigantium", starts=timezone.now() + datetime.timedelta(days=30),
    )  # fmt: skip


def _former(page, name, code=851, **fields):
    return sign_up(page, name, kind=Kind.FORMER_RESIDENT, city_code=code, **fields)


def test_the_facilitator_creates_an_event_in_a_municipality(client_for, facilitator, project):
    starts = (timezone.localtime() + datetime.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    data = {"title": "Håndboldkamp", "city": Municipality.objects.get(code=851).pk,
            "place": "Gigantium", "starts": starts}  # fmt: skip
    response = client_for(facilitator).post(reverse("welcome:events", args=[project.pk]), data)
    event = Event.objects.get()
    assert response["Location"] == reverse("welcome:event", args=[project.pk, event.pk])
    assert (event.title, event.city.name) == ("Håndboldkamp", "Aalborg")


def test_an_event_cannot_start_in_the_past(client_for, facilitator, project):
    data = {"title": "For sent", "city": Municipality.objects.get(code=851).pk,
            "place": "Gigantium", "starts": "2020-01-01T18:00"}  # fmt: skip
    page = client_for(facilitator).post(reverse("welcome:events", args=[project.pk]), data)
    assert "Arrangementet kan ikke starte i fortiden." in page.content.decode()
    assert not Event.objects.exists()


def test_only_confirmed_former_residents_living_there_are_invited_once(
    client_for, facilitator, project, hoven_page
):
    _former(hoven_page, "Mads")
    _former(hoven_page, "Sofie", code=101)
    _former(hoven_page, "Jonas", confirmed=False)
    _former(hoven_page, "Beskyttet", protected=True)
    sign_up(hoven_page, "Ida")  # a newcomer
    event = _event(project)
    client = client_for(facilitator)
    client.post(reverse("welcome:invite", args=[project.pk, event.pk]))
    client.post(reverse("welcome:invite", args=[project.pk, event.pk]))
    invited = Invitation.objects.get()
    assert invited.person.name == "Mads" and invited.mailed is not None
    (message,) = mail.outbox
    assert message.to == ["mads@example.org"]
    assert message.subject == "Tidligere beboere i Hoven: Håndboldkamp"
    assert reverse("welcome_public:invitation", args=[invited.token]) in message.body
    assert reverse("welcome_public:my_data", args=[invited.person.token]) in message.body


def test_the_invited_answer_from_their_link_and_the_facilitator_sees_it(
    client, client_for, facilitator, project, hoven_page
):
    event = _event(project)
    invitation = Invitation.objects.create(event=event, person=_former(hoven_page, "Mads"))
    url = reverse("welcome_public:invitation", args=[invitation.token])
    assert "Du er tilmeldt" in client.post(url, {"coming": "yes"}).content.decode()
    invitation.refresh_from_db()
    assert invitation.coming is True
    page = client_for(facilitator).get(reverse("welcome:event", args=[project.pk, event.pk]))
    assert "Mads" in page.content.decode() and "1 kommer" in page.content.decode()


def test_a_deleted_person_leaves_no_invitation(client, project, hoven_page):
    mads = _former(hoven_page, "Mads")
    Invitation.objects.create(event=_event(project), person=mads)
    client.post(reverse("welcome_public:my_data", args=[mads.token]))
    assert not Invitation.objects.exists()


def test_a_persons_export_holds_their_answers(client, project, hoven_page):
    mads = _former(hoven_page, "Mads")
    Invitation.objects.create(event=_event(project), person=mads, coming=False)
    data = client.get(reverse("welcome_public:my_data_file", args=[mads.token])).json()
    assert data["events"].startswith("Håndboldkamp (") and data["events"].endswith("): no")


def test_the_village_page_shows_coming_events_but_no_one_invited(client, project, hoven_page):
    event = _event(project)
    Invitation.objects.create(event=event, person=_former(hoven_page, "Mads"))
    Event.objects.create(
        project=project, title="Sidste års fest", city=event.city, place="Hallen",
        starts=timezone.now() - datetime.timedelta(days=30),
    )  # fmt: skip
    page = client.get("/v/hoven/").content.decode()
    assert "Håndboldkamp" in page and "Gigantium, Aalborg" in page
    assert "Sidste års fest" not in page and "Mads" not in page


def test_inviting_again_retries_a_mail_that_failed(
    client_for, facilitator, project, hoven_page, monkeypatch
):
    _former(hoven_page, "Mads")
    event = _event(project)
    client = client_for(facilitator)
    url = reverse("welcome:invite", args=[project.pk, event.pk])
    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMessage.send", _refuse)
        client.post(url)
    assert Invitation.objects.get().mailed is None and mail.outbox == []
    client.post(url)
    assert Invitation.objects.get().mailed is not None and len(mail.outbox) == 1


def _refuse(*args, **kwargs):
    raise OSError("the mail server is down")
