"""The record of processing: every model of the welcome app that holds data about people, with
its fields read from the model, its purpose, retention and who can see it."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse

from samskab.core.processing import record
from samskab.welcome.processing import RECORD

# The welcome app's models that hold nothing about a person.
NOT_PERSONAL = {"VillagePage", "Event"}


def test_every_model_with_personal_data_is_in_the_record():
    models = {model.__name__ for model in apps.get_app_config("welcome").get_models()}
    recorded = {
        entry.model.__name__ for entry in record() if entry.model._meta.app_label == "welcome"
    }
    assert {entry.model.__name__ for entry in RECORD} == recorded == models - NOT_PERSONAL


def test_the_page_shows_what_is_stored_why_and_how_long(client_for, facilitator, project):
    page = client_for(facilitator).get(reverse("welcome:processing", args=[project.pk]))
    text = page.content.decode()
    assert "<h1>Fortegnelse over behandlingsaktiviteter</h1>" in text
    assert "navn, e-mailadresse, telefon, adresse, bor i, formål, kilde" in text
    assert "ubekræftede 14 dage, tilflyttere 365 dage og tidligere beboere 1095 dage" in text
    assert "24 timer." in text and "hash af klientens adresse" in text


def test_only_the_facilitator_opens_it(client_for, contact, project):
    page = client_for(contact).get(reverse("welcome:processing", args=[project.pk]))
    assert page.status_code == 403
