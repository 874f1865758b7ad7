"""Members' e-mail addresses are shown to the facilitators and the contact person only."""

from __future__ import annotations

from django.urls import reverse

# Who sees another member's address on the members page (the observer's, here).
SEES_ADDRESSES = {
    "facilitator": True,
    "contact": True,
    "village_representative": False,
    "participant": False,
    "expert": False,
}


def test_only_the_facilitator_and_the_contact_person_see_addresses(
    client_for, project, facilitator, contact, village_representative, participant, expert,
    observer,
):  # fmt: skip
    people = {"facilitator": facilitator, "contact": contact, "participant": participant,
              "village_representative": village_representative, "expert": expert}  # fmt: skip
    url = reverse("accounts:members", args=[project.pk])
    seen = {}
    for persona, person in people.items():
        response = client_for(person).get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Observer" in page  # every member is listed, by name
        seen[persona] = "observer@example.org" in page
    assert seen == SEES_ADDRESSES
