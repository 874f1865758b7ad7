"""The facilitator sets the score scale and the weeks before an initiative is stalled."""

from __future__ import annotations

from django.urls import reverse

from samskab.ideas import actions
from samskab.workshops.models import WorkshopSettings

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)


def _post(client, project, **values):
    return client.post(reverse("workshops:settings", args=[project.pk]), values)


def test_the_facilitator_sets_the_scale_and_the_stall_weeks(client_for, project, facilitator):
    response = _post(client_for(facilitator), project, scale_max=7, stall_weeks=4)
    assert response.status_code == 302
    settings = WorkshopSettings.objects.get(project=project)
    assert (settings.scale_max, settings.stall_weeks) == (7, 4)


def test_the_score_sheet_follows_the_new_scale(
    client_for, project, facilitator, participant, ideas
):
    _post(client_for(facilitator), project, scale_max=3, stall_weeks=6)
    activate(project, 3)
    sheet = client_for(participant).get(reverse("ideas:score", args=[project.pk])).content.decode()
    assert 'value="3"' in sheet and 'value="4"' not in sheet


def test_a_value_off_the_range_names_the_field(client_for, project, facilitator):
    response = _post(client_for(facilitator), project, scale_max=1, stall_weeks=60)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_scale_max_error"' in page and 'id="id_stall_weeks_error"' in page


def test_the_scale_cannot_go_below_scores_already_given(
    client_for, project, facilitator, participant, ideas
):
    activate(project, 3)
    actions.do_record_scores(project, participant, {ideas[0].pk: (5, 2, 2)}, entered_by=participant)
    response = _post(client_for(facilitator), project, scale_max=4, stall_weeks=6)
    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_scale_max_error"' in page
    assert "Der er allerede givet point op til 5: det højeste point kan ikke være lavere." in page
    assert WorkshopSettings.objects.get(project=project).scale_max == 5


def test_only_the_facilitator_changes_the_settings(client_for, project, contact):
    assert _post(client_for(contact), project, scale_max=3, stall_weeks=2).status_code == 403
