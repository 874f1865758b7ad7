"""A person's data taken away (GDPR art. 15) and deleted (art. 17): by the facilitator, and by
the person from the link in their mail; each written to the project's audit log."""

from __future__ import annotations

import json

from django.urls import reverse

from samskab.projects.models import AuditEvent
from samskab.welcome.models import Kind, Person

from .welcome_fixtures import hoven_page_fixture, sign_up  # noqa: F401  (fixture)


def test_a_person_takes_their_data_as_json_from_the_link(client, hoven_page):
    mads = sign_up(hoven_page, "Mads", kind=Kind.FORMER_RESIDENT, city_code=851)
    response = client.get(reverse("welcome_public:my_data_file", args=[mads.token]))
    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert (data["name"], data["email"], data["lives_in"]) == (
        "Mads",
        "mads@example.org",
        "Aalborg",
    )
    assert (data["village"], data["purpose"], data["source"]) == (
        "Hoven",
        "Velkomstbesøg",
        "public_page",
    )
    assert data["consented"] and data["confirmed"] and data["visited"] == ""


def test_a_person_sees_their_data_on_their_page(client, hoven_page):
    ida = sign_up(hoven_page, "Ida", address="Bygaden 4")
    page = client.get(reverse("welcome_public:my_data", args=[ida.token])).content.decode()
    assert "Bygaden 4" in page and "ida@example.org" in page and "Samtykkets formål" in page


def test_the_facilitator_exports_a_person_as_csv_and_it_is_logged(
    client_for, facilitator, project, hoven_page
):
    ida = sign_up(hoven_page, "Ida", address="Bygaden 4")
    url = reverse("welcome:export", args=[project.pk, ida.pk]) + "?format=csv"
    text = client_for(facilitator).get(url).content.decode("utf-8-sig")
    assert "name;Ida\r\n" in text and "address;Bygaden 4\r\n" in text  # Danish: `;`
    event = AuditEvent.objects.get(project=project)
    assert (event.actor, event.action, event.detail) == (
        facilitator,
        "person_exported",
        "Tilflytter, Hoven",
    )
    assert "Ida" not in event.detail


def test_a_person_deletes_their_data_from_the_link(client, project, hoven_page):
    ida = sign_up(hoven_page, "Ida")
    url = reverse("welcome_public:my_data", args=[ida.token])
    assert "Dine oplysninger er slettet" in client.post(url).content.decode()
    assert not Person.objects.exists()
    assert client.get(url).status_code == 404
    event = AuditEvent.objects.get(project=project)
    assert (event.actor, event.action) == (None, "person_deleted")


def test_the_facilitator_deletes_a_persons_data(client_for, facilitator, project, hoven_page):
    ida = sign_up(hoven_page, "Ida")
    karen = sign_up(hoven_page, "Karen")
    client_for(facilitator).post(reverse("welcome:forget", args=[project.pk, ida.pk]))
    assert list(Person.objects.all()) == [karen]
    assert AuditEvent.objects.get(project=project).action == "person_deleted"
    log = client_for(facilitator).get(reverse("projects:audit", args=[project.pk])).content
    assert "slettede en persons data" in log.decode()


def test_a_person_of_another_project_cannot_be_reached(
    client_for, outsider, facilitator, project, hoven_page
):
    ida = sign_up(hoven_page, "Ida")
    other = outsider.memberships.get().project
    url = reverse("welcome:forget", args=[other.pk, ida.pk])
    assert client_for(outsider).post(url).status_code == 404
    assert Person.objects.filter(pk=ida.pk).exists()


def test_a_persons_page_writes_the_times_in_its_language_and_local_time(client, hoven_page):
    import datetime

    ida = sign_up(hoven_page, "Ida")
    # 23:30 UTC on 31 January is 00:30 on 1 February in Copenhagen.
    Person.objects.filter(pk=ida.pk).update(
        consented=datetime.datetime(2026, 1, 31, 23, 30, tzinfo=datetime.UTC),
        visited=datetime.date(2026, 2, 14),
    )
    page = client.get(reverse("welcome_public:my_data", args=[ida.token])).content.decode()
    assert "1. februar 2026 00:30" in page and "14. februar 2026" in page
    assert "2026-01-31T23:30" not in page
    data = json.loads(client.get(reverse("welcome_public:my_data_file", args=[ida.token])).content)
    assert data["consented"] == "2026-01-31T23:30:00+00:00"  # the download keeps ISO times
