"""A stakeholder may be a person: adding, changing or removing one is in the project's audit
log with who did it."""

from __future__ import annotations

from django.urls import reverse

from samskab.projects.models import AuditEvent
from samskab.villages.models import Stakeholder


def test_adding_and_removing_a_stakeholder_is_audited(client_for, project, facilitator):
    client = client_for(facilitator)
    response = client.post(reverse("villages:stakeholders", args=[project.pk]),
                           {"name": "Jens Mægler", "kind": "estate_agent"})  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    found = Stakeholder.objects.get(name="Jens Mægler")
    client.post(reverse("villages:stakeholder_remove", args=[project.pk, found.pk]))
    events = list(AuditEvent.objects.filter(project=project).order_by("pk"))
    assert [(e.action, e.actor, e.detail) for e in events] == [
        ("stakeholder_saved", facilitator, "Jens Mægler"),
        ("stakeholder_removed", facilitator, "Jens Mægler"),
    ]
    page = client.get(reverse("projects:audit", args=[project.pk])).content.decode()
    assert "tilføjede eller ændrede en aktør" in page and "fjernede en aktør" in page
