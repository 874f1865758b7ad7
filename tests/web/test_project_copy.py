"""A finished project's set-up as the template of a new area's project."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskab.ideas.models import Score
from samskab.projects.actions import do_copy_project
from samskab.projects.models import Area, Membership, Municipality, Project, Role, Village
from samskab.workshops import actions as workshop_actions
from samskab.workshops.models import (
    AttentionPoint,
    MunicipalCommitment,
    VillageCommitment,
    Workshop,
    WorkshopSettings,
)

from .initiatives_fixtures import make_initiative
from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)

# What a new project may hold after a copy; every other relation of Project must be empty.
COPIED = {"memberships", "villages", "workshop_settings", "workshops"}


@pytest.fixture
def finished(project, facilitator, participant, contact, ideas):
    """The personas' project, run to the end: areas, settings, four workshops held with
    agendas, minutes and a ticked checklist, ideas, scores, an initiative and expectations."""
    project.description = "Flere tilflyttere til landsbyerne i vest."
    project.status = Project.Status.CLOSED
    project.save()
    area = Area.objects.create(project=project, name="Område 1", parishes=["7284"])
    hoven = project.villages.get(name="Hoven")
    hoven.area, hoven.parish = area, "7284"
    hoven.save()
    Village.objects.create(project=project, name="Ejstrup", area=area)
    VillageCommitment.objects.create(village=hoven, commits="Lokaler til møder")
    MunicipalCommitment.objects.create(project=project, contact_person=contact, money=50000)
    WorkshopSettings.objects.filter(project=project).update(scale_max=7, stall_weeks=3)
    for workshop in workshop_actions.ensure_workshops(project):
        workshop.agenda = f"Dagsorden {workshop.number}"
        workshop.minutes = f"Referat {workshop.number}"
        workshop.date = datetime.date(2025, 3, workshop.number)
        workshop.save()
    AttentionPoint.objects.filter(workshop__project=project).update(done=True)
    activate(project, 4)
    Score.objects.create(
        idea=ideas[0], participant=participant, difference=5, manageable=4, desire=3
    )
    make_initiative(project, participant, contact)
    return project


def _copy(client, project, **data):
    form = {"name": "Bosætning i Øst", "municipality": project.municipality.pk, **data}
    return client.post(reverse("projects:copy", args=[project.pk]), form)


def test_the_copy_has_the_description_and_workshop_set_up_only(client_for, finished, facilitator):
    response = _copy(client_for(facilitator), finished)
    new = Project.objects.get(name="Bosætning i Øst")
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert new.status == Project.Status.PLANNED and new.end is None
    assert new.description == finished.description
    assert new.municipality == finished.municipality
    settings = WorkshopSettings.objects.get(project=new)
    assert (settings.scale_max, settings.stall_weeks) == (7, 3)
    workshops = list(Workshop.objects.filter(project=new).order_by("number"))
    assert [w.agenda for w in workshops] == [f"Dagsorden {n}" for n in (1, 2, 3, 4)]
    assert all(w.date is None and w.minutes == "" and not w.active for w in workshops)
    assert workshop_actions.active_phase(new) is None
    points = AttentionPoint.objects.filter(workshop__project=new)
    source_keys = set(
        AttentionPoint.objects.filter(workshop__project=finished).values_list(
            "workshop__number", "key"
        )
    )
    assert set(points.values_list("workshop__number", "key")) == source_keys
    assert not points.filter(done=True).exists()
    assert not new.villages.exists()


def test_nothing_else_is_copied(client_for, finished, facilitator):
    _copy(client_for(facilitator), finished, copy_villages="on")
    new = Project.objects.get(name="Bosætning i Øst")
    filled = {
        relation.get_accessor_name()
        for relation in Project._meta.related_objects
        if relation.related_model.objects.filter(**{relation.field.name: new}).exists()
    }
    assert filled == COPIED
    assert list(new.memberships.values_list("user__username", "role")) == [
        ("facilitator", Role.FACILITATOR)
    ]
    assert not MunicipalCommitment.objects.filter(project=new).exists()
    assert not VillageCommitment.objects.filter(village__project=new).exists()
    # The source is untouched.
    assert finished.memberships.count() == 3 and finished.ideas.count() == 4
    assert workshop_actions.active_phase(finished) == 4
    assert AttentionPoint.objects.filter(workshop__project=finished, done=False).count() == 0


def test_villages_are_copied_on_request_without_their_areas(client_for, finished, facilitator):
    _copy(client_for(facilitator), finished, copy_villages="on")
    new = Project.objects.get(name="Bosætning i Øst")
    copied = {v.name: v for v in new.villages.all()}
    assert set(copied) == {"Hoven", "Ejstrup"}
    assert copied["Hoven"].parish == "7284"
    assert copied["Hoven"].association == "Hoven Borgerforening"
    assert all(v.area is None for v in copied.values()) and not new.areas.exists()
    assert finished.villages.filter(area__isnull=False).count() == 2


def test_the_copying_facilitator_leads_the_new_project_in_another_municipality(
    client_for, finished, facilitator
):
    other = Municipality.objects.get(code=657)
    _copy(client_for(facilitator), finished, municipality=other.pk)
    new = Project.objects.get(name="Bosætning i Øst")
    assert new.municipality == other
    membership = Membership.objects.get(project=new)
    assert membership.user == facilitator and membership.role == Role.FACILITATOR
    page = client_for(facilitator).get(new.get_absolute_url())
    assert page.status_code == 200


def test_a_project_without_workshops_yet_copies_the_defaults(project, facilitator):
    new = do_copy_project(project, name="Tom", municipality=project.municipality, user=facilitator)
    settings = WorkshopSettings.objects.get(project=new)
    assert (settings.scale_max, settings.stall_weeks) == (5, 6)
    assert Workshop.objects.filter(project=new, agenda="").count() == 4


def test_a_name_is_required(client_for, finished, facilitator):
    response = _copy(client_for(facilitator), finished, name="  ")
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not Project.objects.exclude(pk=finished.pk).exists()


def test_the_form_offers_the_source_municipality_in_danish(client_for, finished, facilitator):
    response = client_for(facilitator).get(reverse("projects:copy", args=[finished.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Brug som skabelon til et nyt område</h1>" in html
    assert "Det nye projekts navn" in html and "Kopiér også landsbyerne" in html
    assert "Kopieres ikke: medlemmer, idéer, point" in html
    assert f'<option value="{finished.municipality.pk}" selected>' in html


def test_the_overview_links_to_the_copy_for_staff_facilitators_only(
    client_for, project, facilitator, participant
):
    url = reverse("projects:copy", args=[project.pk])
    overview = project.get_absolute_url()
    page = client_for(facilitator).get(overview).content.decode()
    assert url in page and "Brug som skabelon til et nyt område" in page
    assert url not in client_for(participant).get(overview).content.decode()
    Membership.objects.filter(project=project, user=participant).update(role=Role.FACILITATOR)
    assert url not in client_for(participant).get(overview).content.decode()


def test_a_participant_is_refused(client_for, finished, participant):
    client = client_for(participant)
    assert client.get(reverse("projects:copy", args=[finished.pk])).status_code == 403
    assert _copy(client, finished).status_code == 403
    assert not Project.objects.filter(name="Bosætning i Øst").exists()


def test_an_outsider_does_not_see_the_project(client_for, finished, outsider):
    client = client_for(outsider)
    assert client.get(reverse("projects:copy", args=[finished.pk])).status_code == 404
    assert _copy(client, finished).status_code == 404
    assert not Project.objects.filter(name="Bosætning i Øst").exists()


def test_a_facilitator_without_staff_access_is_refused(client_for, finished, participant):
    Membership.objects.filter(project=finished, user=participant).update(role=Role.FACILITATOR)
    response = _copy(client_for(participant), finished)
    assert response.status_code == 403
    assert "Kun kommunens medarbejdere kan starte et projekt" in response.content.decode()
    assert not Project.objects.filter(name="Bosætning i Øst").exists()
    with pytest.raises(ValidationError):
        do_copy_project(
            finished, name="Bosætning i Øst", municipality=finished.municipality, user=participant
        )
    assert not Project.objects.filter(name="Bosætning i Øst").exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client_for, finished):
    response = client_for(None).get(reverse("projects:copy", args=[finished.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
