"""The marketing plan: a target group's why, assets, at most three messages and channels, the
initiatives that carry it out, where in-movers come from, and the one-page brief."""

from __future__ import annotations

import re

from django.urls import reverse

from samskab.marketing.models import SegmentPlan

from .initiatives_fixtures import make_initiative
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401

PLAN = {"segment": "De familie- og boligdrevne", "why": "38 % af tilflytterne; boligen afgør.",
        "resources": "Friskolen og åen.", "message_1": "Skole i gåafstand.",
        "message_2": "Have til børnene.", "channels": "Lokalavisen og mæglerne."}  # fmt: skip


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_contact_person_writes_a_plan_carried_by_an_initiative(
    client_for, project, contact, participant
):
    initiative = make_initiative(project, participant, contact)
    url = reverse("marketing:add", args=[project.pk])
    response = client_for(contact).post(url, {**PLAN, "initiatives": [initiative.pk]})
    assert response.status_code == 302
    plan = SegmentPlan.objects.get(project=project)
    assert plan.messages() == ["Skole i gåafstand.", "Have til børnene."]
    assert list(plan.initiatives.all()) == [initiative]
    page = _text(client_for(participant).get(reverse("marketing:plan", args=[project.pk])))
    assert "1. Skole i gåafstand." not in page  # the list numbers itself
    assert "Skole i gåafstand. Have til børnene." in page
    assert f"Føres ud i livet af: {initiative.title}" in page


def test_a_target_group_is_in_the_plan_once(client_for, project, facilitator):
    SegmentPlan.objects.create(project=project, segment=PLAN["segment"], why="x", message_1="y")
    url = reverse("marketing:add", args=[project.pk])
    response = client_for(facilitator).post(url, {**PLAN, "segment": PLAN["segment"].upper()})
    assert "Planen har allerede denne målgruppe." in response.content.decode()


def test_the_brief_names_the_municipalities_in_movers_come_from(
    client_for, project, facilitator, participant, facts
):
    plan = SegmentPlan.objects.create(project=project, **PLAN)
    url = reverse("marketing:brief", args=[project.pk, plan.pk])
    exact = _text(client_for(facilitator).get(url))
    hidden = _text(client_for(participant).get(url))
    # In 2008–2009 Nord had 20 in-movers from Holstebro (661); Syd's came from abroad and Nord's
    # from Syd, an area: neither is a municipality to aim a campaign at.
    assert "Kampagneoplæg: De familie- og boligdrevne" in exact
    assert "Nord Holstebro 20" in exact and "Nord Holstebro 20" in hidden
    assert "Syd " not in exact.split("Hvor tilflytterne kommer fra")[-1]
    assert "Skole i gåafstand." in hidden


def test_the_brief_downloads_as_a_pdf(client_for, project, participant):
    plan = SegmentPlan.objects.create(project=project, **PLAN)
    response = client_for(participant).get(
        reverse("marketing:brief_pdf", args=[project.pk, plan.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="de-familie-og-boligdrevne.pdf"'
