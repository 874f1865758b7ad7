"""An initiative wound down or handed over to the village association is a recorded outcome
with its reason, shown on the initiative and the dashboard, not a failure hidden away."""

from __future__ import annotations

from django.urls import reverse

from samskab.initiatives.models import Initiative

from .initiatives_fixtures import initiative_fixture  # noqa: F401  (fixture)
from .workshops_fixtures import activate

REASON = "Borgerforeningen driver velkomstpakken videre selv."


def _record(client, initiative, **data):
    url = reverse("initiatives:record_outcome", args=[initiative.project_id, initiative.pk])
    return client.post(url, data, follow=True)


def test_the_owner_records_a_hand_over_with_its_reason(
    client_for, project, participant, initiative
):
    activate(project, 4)
    page = _record(client_for(participant), initiative, outcome="handed_over", reason=REASON)
    initiative.refresh_from_db()
    assert (initiative.status, initiative.outcome_reason) == ("handed_over", REASON)
    html = page.content.decode()
    assert "Overdraget til landsbyforeningen" in html and REASON in html


def test_the_dashboard_shows_the_outcome_and_its_reason(client_for, facilitator, initiative):
    _record(client_for(facilitator), initiative, outcome="wound_down", reason="Ingen frivillige.")
    url = reverse("initiatives:dashboard", args=[initiative.project_id])
    html = client_for(facilitator).get(url).content.decode()
    assert 'class="tag health-wound_down">Afviklet<' in html
    assert "Begrundelse: Ingen frivillige." in html


def test_an_outcome_without_a_reason_is_refused(client_for, facilitator, initiative):
    page = _record(client_for(facilitator), initiative, outcome="wound_down", reason="  ")
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PLANNED
    assert "Vælg udfaldet, og angiv begrundelsen." in page.content.decode()


def test_the_plain_status_form_cannot_set_an_outcome(client_for, facilitator, initiative):
    url = reverse("initiatives:set_status", args=[initiative.project_id, initiative.pk])
    client_for(facilitator).post(url, {"status": "wound_down"})
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PLANNED


def test_reopening_clears_the_reason(client_for, facilitator, initiative):
    client = client_for(facilitator)
    _record(client, initiative, outcome="wound_down", reason="Ingen frivillige.")
    url = reverse("initiatives:set_status", args=[initiative.project_id, initiative.pk])
    client.post(url, {"status": "on_track"})
    initiative.refresh_from_db()
    assert (initiative.status, initiative.outcome_reason) == ("on_track", "")


def test_the_target_group_is_chosen_on_the_form(
    client_for, project, facilitator, contact, initiative
):
    from samskab.projects.models import Area

    nord = Area.objects.create(project=project, name="Nord", parishes=[7001])
    url = reverse("initiatives:edit", args=[project.pk, initiative.pk])
    data = {"title": initiative.title, "owner": initiative.owner_id, "contact": contact.pk,
            "goal": initiative.goal, "target_areas": [nord.pk], "target_age_band": "30-44",
            "target_household": "couple_with_children"}  # fmt: skip
    response = client_for(facilitator).post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    initiative.refresh_from_db()
    assert list(initiative.target_areas.all()) == [nord]
    assert (initiative.target_age_band, initiative.target_household) == ("30-44",
                                                                         "couple_with_children")  # fmt: skip
