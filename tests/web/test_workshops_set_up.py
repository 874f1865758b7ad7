"""A project gets its four workshops, their checklists and its settings when it is made, so
reading a workshop page writes nothing."""

from __future__ import annotations

from django.urls import reverse

from samskab.projects.models import Project
from samskab.workshops.models import AttentionPoint, Workshop, WorkshopSettings


def _rows() -> tuple[int, int, int]:
    return (Workshop.objects.count(), AttentionPoint.objects.count(),
            WorkshopSettings.objects.count())  # fmt: skip


def test_a_new_project_has_its_workshops_checklists_and_settings(project):
    fresh = Project.objects.create(name="Ny", municipality=project.municipality)
    assert sorted(fresh.workshops.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert AttentionPoint.objects.filter(workshop__project=fresh).count() > 0
    assert WorkshopSettings.objects.filter(project=fresh).exists()


def test_reading_the_workshop_pages_writes_nothing(client_for, project, facilitator, participant):
    before = _rows()
    for user in (facilitator, participant):
        client = client_for(user)
        assert client.get(reverse("workshops:overview", args=[project.pk])).status_code == 200
    client = client_for(facilitator)
    for number in (1, 4):
        address = reverse("workshops:edit", args=[project.pk, number])
        assert client.get(address).status_code == 200
    assert client.get(reverse("workshops:settings", args=[project.pk])).status_code == 200
    assert _rows() == before
