"""Joint events: the villages' events, run as initiatives of their own kind (owner, villages
taking part, date, tasks as milestones), listed at /projects/<id>/events/ and on the dashboard."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from samskab.initiatives.models import Initiative, Milestone
from samskab.projects.models import Village

from .workshops_fixtures import activate


def _villages(project) -> list[Village]:
    """Return the project's villages, a second one added beside the fixture's."""
    Village.objects.create(project=project, name="Lem", association="Lem Borgerforening")
    return list(Village.objects.filter(project=project).order_by("name"))


def _event_form(project, contact, owner, villages, **changes):
    data = {
        "title": "Sommerfest", "owner": owner.pk, "contact": contact.pk,
        "goal": "Landsbyerne mødes", "event_date": "2027-06-20",
        "target_villages": [v.pk for v in villages],
    }  # fmt: skip
    data.update(changes)
    return data


def test_the_facilitator_creates_a_joint_event_of_two_villages(
    client_for, project, facilitator, contact, participant
):
    activate(project, 4)
    villages = _villages(project)
    client = client_for(facilitator)
    new = reverse("initiatives:create", args=[project.pk]) + "?kind=joint_event"
    page = client.get(new).content.decode()
    assert "Nyt fælles arrangement" in page and "Deltagende landsbyer" in page
    # The name, the day and the villages come first; no start date before the event's day.
    assert page.index("id_title") < page.index("id_event_date") < page.index("id_target_villages")
    assert "id_started" not in page
    response = client.post(new, _event_form(project, contact, participant, villages[:2]))
    assert response.status_code == 302
    event = Initiative.objects.get(title="Sommerfest")
    assert event.kind == Initiative.Kind.JOINT_EVENT
    assert event.event_date == datetime.date(2027, 6, 20)
    assert set(event.target_villages.all()) == set(villages[:2])


def test_a_joint_event_needs_a_date_and_two_villages(
    client_for, project, facilitator, contact, participant
):
    activate(project, 4)
    villages = _villages(project)
    client = client_for(facilitator)
    new = reverse("initiatives:create", args=[project.pk]) + "?kind=joint_event"
    page = client.post(new, _event_form(project, contact, participant, villages[:1],
                                        event_date="")).content.decode()  # fmt: skip
    assert "Et fælles arrangement samler mindst to landsbyer" in page
    assert 'id="id_event_date"' in page and "Dette felt er påkrævet" in page
    assert not Initiative.objects.exists()


def test_an_initiative_has_no_event_date_and_stays_an_initiative(
    client_for, project, facilitator, contact, participant
):
    activate(project, 4)
    client = client_for(facilitator)
    new = reverse("initiatives:create", args=[project.pk])
    assert "id_event_date" not in client.get(new).content.decode()
    client.post(new, {"title": "Velkomstpakke", "owner": participant.pk, "contact": contact.pk,
                      "goal": "Alle tilflyttere får en pakke", "event_date": "2027-01-01"})  # fmt: skip
    initiative = Initiative.objects.get(title="Velkomstpakke")
    assert (initiative.kind, initiative.event_date) == (Initiative.Kind.INITIATIVE, None)


def test_the_events_page_lists_coming_and_held_events_and_the_dashboard_marks_them(
    client_for, project, facilitator, contact, participant, observer
):
    activate(project, 4)
    villages = _villages(project)
    today = timezone.localdate()
    for title, days in (("Sommerfest", 30), ("Vandretur", -30)):
        event = Initiative.objects.create(
            project=project, kind=Initiative.Kind.JOINT_EVENT, title=title, owner=participant,
            contact=contact, goal="x", event_date=today + datetime.timedelta(days=days),
        )  # fmt: skip
        event.target_villages.set(villages)
    Milestone.objects.create(initiative=event, title="Ruten", due=today)
    page = client_for(observer).get(reverse("events:list", args=[project.pk])).content.decode()
    coming, held = page.index("Kommende arrangementer"), page.index("Afholdte arrangementer")
    assert coming < page.index("Sommerfest") < held < page.index("Vandretur")
    assert "1 opgave" in page
    assert "Nyt fælles arrangement" not in page  # an observer creates nothing
    board = client_for(facilitator).get(reverse("initiatives:dashboard", args=[project.pk]))
    assert board.content.decode().count("Fælles arrangement,") == 2
