"""The facilitator's and the hosts' lists: only confirmed people, never one with protected name
and address; the facilitator sees everyone, a host only their own newcomers; the host is a
member of the newcomer's village and records the visit."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from samskab.projects.models import Membership, Project, Role, Village
from samskab.welcome.models import Kind, VillagePage

from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401  (fixtures)
from .welcome_fixtures import hoven_page_fixture, sign_up  # noqa: F401  (fixture)


def _overview(client_for, user, project) -> str:
    return client_for(user).get(reverse("welcome:overview", args=[project.pk])).content.decode()


def _hoven_member(user, project) -> None:
    Membership.objects.filter(user=user, project=project).update(
        village=project.villages.get(name="Hoven")
    )


def test_the_facilitator_sees_every_confirmed_newcomer(
    client_for, facilitator, project, hoven_page
):
    sign_up(hoven_page, "Ida")
    sign_up(hoven_page, "Anders", confirmed=False)
    page = _overview(client_for, facilitator, project)
    assert "Ida" in page and "Anders" not in page


def test_a_protected_person_is_in_no_list_and_no_export(
    client_for, facilitator, project, hoven_page
):
    ida = sign_up(hoven_page, "Ida", protected=True)
    mads = sign_up(hoven_page, "Mads", kind=Kind.FORMER_RESIDENT, city_code=851, protected=True)
    client = client_for(facilitator)
    assert "Ida" not in _overview(client_for, facilitator, project)
    former = client.get(reverse("welcome:former_residents", args=[project.pk])).content.decode()
    assert "Mads" not in former
    for person in (ida, mads):
        assert (
            client.get(reverse("welcome:export", args=[project.pk, person.pk])).status_code == 404
        )


def test_marking_a_person_protected_takes_them_off_the_list(
    client_for, facilitator, project, hoven_page
):
    ida = sign_up(hoven_page, "Ida")
    client_for(facilitator).post(reverse("welcome:protect", args=[project.pk, ida.pk]))
    ida.refresh_from_db()
    assert ida.protected and "Ida" not in _overview(client_for, facilitator, project)


def test_a_host_sees_only_the_newcomers_they_host(
    client_for, participant, village_representative, project, hoven_page
):
    _hoven_member(village_representative, project)
    sign_up(hoven_page, "Ida", host=village_representative)
    sign_up(hoven_page, "Karen")
    host_page = _overview(client_for, village_representative, project)
    assert "Ida" in host_page and "Karen" not in host_page
    assert "Ida" not in _overview(client_for, participant, project)


def test_a_host_does_not_see_the_former_residents(client_for, village_representative, project):
    url = reverse("welcome:former_residents", args=[project.pk])
    assert client_for(village_representative).get(url).status_code == 403


def test_the_host_chosen_must_be_a_member_of_the_village(
    client_for, facilitator, participant, village_representative, project, hoven_page
):
    _hoven_member(village_representative, project)
    ida = sign_up(hoven_page, "Ida")
    client = client_for(facilitator)
    url = reverse("welcome:assign_host", args=[project.pk, ida.pk])
    client.post(url, {f"p{ida.pk}-host": participant.pk})
    ida.refresh_from_db()
    assert ida.host is None
    client.post(url, {f"p{ida.pk}-host": village_representative.pk})
    ida.refresh_from_db()
    assert ida.host == village_representative


def test_the_host_records_the_visit_and_not_one_to_come(
    client_for, village_representative, project, hoven_page
):
    ida = sign_up(hoven_page, "Ida", host=village_representative)
    client = client_for(village_representative)
    url = reverse("welcome:record_visit", args=[project.pk, ida.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(url, {f"v{ida.pk}-visited": tomorrow.isoformat()}, follow=True)
    assert "Besøget kan ikke ligge i fremtiden." in response.content.decode()
    client.post(url, {f"v{ida.pk}-visited": "2026-03-02"})
    ida.refresh_from_db()
    assert ida.visited == datetime.date(2026, 3, 2)


def test_another_member_cannot_record_a_visit_to_someone_elses_newcomer(
    client_for, village_representative, participant, project, hoven_page
):
    ida = sign_up(hoven_page, "Ida", host=village_representative)
    url = reverse("welcome:record_visit", args=[project.pk, ida.pk])
    response = client_for(participant).post(url, {f"v{ida.pk}-visited": "2026-03-02"})
    ida.refresh_from_db()
    assert response.status_code == 404 and ida.visited is None


def test_former_residents_are_grouped_by_where_they_live_now(
    client_for, facilitator, project, hoven_page
):
    sign_up(hoven_page, "Mads", kind=Kind.FORMER_RESIDENT, city_code=851)
    sign_up(hoven_page, "Sofie", kind=Kind.FORMER_RESIDENT, city_code=101)
    sign_up(hoven_page, "Jonas", kind=Kind.FORMER_RESIDENT, city_code=851)
    url = reverse("welcome:former_residents", args=[project.pk])
    page = client_for(facilitator).get(url).content.decode()
    assert page.index("Aalborg") < page.index("Jonas") < page.index("Mads")
    assert page.index("Mads") < page.index("København") < page.index("Sofie")


def test_publishing_a_page_gives_it_a_free_address(client_for, facilitator, project, hoven_page):
    other = Project.objects.create(municipality=project.municipality, name="Bosætning i Øst")
    twin = Village.objects.create(project=other, name="Hoven")
    Membership.objects.create(project=other, user=facilitator, role=Role.FACILITATOR)
    client_for(facilitator).post(reverse("welcome:publish", args=[other.pk, twin.pk]))
    assert VillagePage.objects.get(village=twin).slug == "hoven-ringkoebing-skjern"
    sønder = Village.objects.create(project=project, name="Sønder Ånum")
    client_for(facilitator).post(reverse("welcome:publish", args=[project.pk, sønder.pk]))
    assert VillagePage.objects.get(village=sønder).slug == "soender-aanum"


def test_the_former_residents_page_shows_where_the_young_out_movers_went(
    client_for, facilitator, project, facts
):
    url = reverse("welcome:former_residents", args=[project.pk])
    destinations = client_for(facilitator).get(url).context["destinations"]
    table = destinations.figure.data
    # Of the small register's out-movers only the twelve who left Nord for abroad were 18–29.
    assert (destinations.first, destinations.last) == (2008, 2009)  # the moves cover two years
    assert list(zip(table["area"], table["destination"], table["moves"], strict=True)) == [
        ("Nord", "abroad", 12)
    ]


def test_without_a_fact_base_the_page_says_so(client_for, facilitator, project):
    url = reverse("welcome:former_residents", args=[project.pk])
    page = client_for(facilitator).get(url).content.decode()
    assert "Faktabasen har ingen data endnu" in page
