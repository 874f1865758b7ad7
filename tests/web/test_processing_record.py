"""The product's record of processing covers every model that points at a person's account,
except those whose only link is the member who entered or started something (named in the list
below with that reason), and the page shows the members' part beside the welcome lists'."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import User
from django.urls import reverse

from samskab.core.processing import record

# Models whose link to an account only names who entered, started or asked for something: a
# reference to the member's account, which the record lists (and the member's own data shows).
ACTED_BY = {
    "factbase.statbankyear", "workshops.municipalcommitment", "villages.villageprofile",
    "housing.note", "segmentation.fit", "evaluation.evaluationround", "handbook.handbook",
}  # fmt: skip


def test_every_model_pointing_at_an_account_is_in_the_record():
    recorded = {entry.model for entry in record()}
    assert User in recorded
    missing = []
    for model in apps.get_models():
        if model._meta.app_label in ("admin", "sessions", "auth") or model in recorded:
            continue
        points = any(getattr(f, "related_model", None) is User and not f.auto_created
                     for f in model._meta.get_fields())  # fmt: skip
        if points and model._meta.label_lower not in ACTED_BY:
            missing.append(model._meta.label_lower)
    assert missing == []


def test_the_page_holds_the_members_part_in_danish(client_for, facilitator, project):
    page = client_for(facilitator).get(reverse("welcome:processing", args=[project.pk]))
    text = page.content.decode()
    assert "Hver deltagers point til idéerne" in text
    assert "Kommunens pseudonymiserede flytteregister" in text
    assert "hash af klientens adresse" in text  # the welcome lists' part is still there
