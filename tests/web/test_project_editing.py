"""A facilitator edits the project and its villages; a village's parish must be the
municipality's."""

from __future__ import annotations

import datetime

from django.urls import reverse

from samskab.projects.models import Area, Project, Village


def _edit(client, project, **changes):
    data = {"name": project.name, "description": "", "start": "2026-01-01", "end": "",
            "status": "planned", "register_months": "36", "survey_months": "24",
            **changes}  # fmt: skip
    return client.post(reverse("projects:edit", args=[project.pk]), data)


def test_a_facilitator_changes_name_status_description_and_period(client_for, project, facilitator):
    response = _edit(client_for(facilitator), project, name="Bosætning i Nord",
                     status="active", description="Fem landsbyer", end="2026-12-31")  # fmt: skip
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.status, project.description) == (
        "Bosætning i Nord", Project.Status.ACTIVE, "Fem landsbyer"
    )  # fmt: skip
    assert (project.start, project.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_the_edit_form_names_the_end_before_the_start(client_for, project, facilitator):
    response = _edit(client_for(facilitator), project, start="2026-06-01", end="2026-01-01")
    assert response.status_code == 200
    assert 'id="id_end_error"' in response.content.decode()
    project.refresh_from_db()
    assert project.end is None


def test_the_edit_form_shows_the_stored_period(client_for, project, facilitator):
    Project.objects.filter(pk=project.pk).update(start=datetime.date(2026, 2, 1))
    page = client_for(facilitator).get(reverse("projects:edit", args=[project.pk]))
    assert 'name="start" value="2026-02-01"' in page.content.decode()


def test_only_a_facilitator_edits_the_project(client_for, project, contact):
    assert _edit(client_for(contact), project, name="Kapret").status_code == 403
    project.refresh_from_db()
    assert project.name == "Bosætning i Vest"


def _village(client, project, village, **changes):
    data = {"name": village.name, "association": village.association, "parish": "", **changes}
    url = reverse("projects:village_edit", args=[project.pk, village.pk])
    return client.post(url, data)


def test_a_facilitator_renames_a_village_and_sets_its_parish(client_for, project, facilitator):
    hoven = project.villages.get()
    response = _village(client_for(facilitator), project, hoven, name="Hoven By", parish="7284")
    assert response.status_code == 302
    hoven.refresh_from_db()
    assert (hoven.name, hoven.parish) == ("Hoven By", "7284")


def test_a_village_keeps_its_own_name_but_not_another_villages(client_for, project, facilitator):
    hoven = project.villages.get()
    Village.objects.create(project=project, name="Sønder Vium")
    client = client_for(facilitator)
    assert _village(client, project, hoven, association="Ny forening").status_code == 302
    taken = _village(client, project, hoven, name="sønder vium")
    assert taken.status_code == 200 and 'id="id_name_error"' in taken.content.decode()


def test_a_parish_outside_the_municipalitys_areas_is_refused(client_for, project, facilitator):
    Area.objects.create(project=project, name="Område 1", parishes=["7284", "7285"])
    hoven = project.villages.get()
    response = _village(client_for(facilitator), project, hoven, parish="9999")
    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_parish_error"' in page
    assert "Sogn 9999 er ikke i områderne i faktagrundlaget for Ringkøbing-Skjern." in page
    hoven.refresh_from_db()
    assert hoven.parish == ""


def test_a_new_village_is_checked_against_the_areas_too(client_for, project, facilitator):
    Area.objects.create(project=project, name="Område 1", parishes=["7284"])
    url = reverse("projects:village_add", args=[project.pk])
    client = client_for(facilitator)
    assert client.post(url, {"name": "Ny by", "parish": "9999"}).status_code == 200
    assert client.post(url, {"name": "Ny by", "parish": "7284"}).status_code == 302
    assert project.villages.get(name="Ny by").parish == "7284"


def test_only_a_facilitator_edits_a_village(client_for, project, village_representative):
    hoven = project.villages.get()
    assert _village(client_for(village_representative), project, hoven, name="X").status_code == 403
