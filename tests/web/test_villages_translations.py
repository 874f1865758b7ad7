"""The village profiles speak Danish by default, and English on request."""

from __future__ import annotations

from django.urls import reverse


def test_the_profile_form_is_danish_and_english_on_request(client_for, project, facilitator):
    hoven = project.villages.get()
    client = client_for(facilitator)
    url = reverse("villages:edit", args=[project.pk, hoven.pk])
    danish = client.get(url).content.decode()
    assert "Profilen for Hoven" in danish and "Bredbånd og mobildækning" in danish
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert "The profile of Hoven" in english and "Broadband and mobile coverage" in english
    assert "Bredbånd" not in english
