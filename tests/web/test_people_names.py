"""People are named by their name on every page and in every picker, never by their login."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from samskab.core.people import person_name
from samskab.projects.models import Membership, Role

from .workshops_fixtures import activate


def _invited(project, *, first_name: str = "", last_name: str = "") -> User:
    """A member who joined by an invitation: the login is their e-mail address."""
    user = User.objects.create_user(
        username="kirsten.holm@example.org", email="kirsten.holm@example.org",
        first_name=first_name, last_name=last_name,
    )  # fmt: skip
    Membership.objects.create(project=project, user=user, role=Role.PARTICIPANT)
    return user


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)[0]
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_a_person_is_named_by_first_and_last_name(db):
    assert person_name(User(username="x1", first_name="Kirsten", last_name="Holm")) == (
        "Kirsten Holm"
    )


def test_a_person_without_a_name_is_named_by_the_local_part_of_the_address(db):
    assert person_name(User(username="kh@example.org", email="kirsten.holm@example.org")) == (
        "kirsten.holm"
    )


def test_a_person_without_name_or_address_is_not_named_by_the_login(db):
    with translation.override("en"):
        assert person_name(User(username="contact")) == "Unnamed member"
    with translation.override("da"):
        assert person_name(User(username="contact")) == "Unavngivet medlem"


def test_the_paper_sheet_picker_lists_names(client_for, project, facilitator, contact):
    _invited(project)
    page = client_for(facilitator).get(reverse("ideas:paper", args=[project.pk])).content.decode()
    assert _options(page, "participant") == ["---------", "Contact", "Facilitator", "kirsten.holm"]


def test_the_initiative_pickers_list_names(client_for, project, facilitator, contact):
    _invited(project, first_name="Kirsten", last_name="Holm")
    activate(project, 4)
    url = reverse("initiatives:create", args=[project.pk])
    page = client_for(facilitator).get(url).content.decode()
    assert _options(page, "owner") == ["---------", "Contact", "Facilitator", "Kirsten Holm"]
    assert _options(page, "contact") == ["---------", "Contact", "Facilitator"]


def test_the_members_page_names_a_member_without_a_name_by_the_address(
    client_for, project, facilitator
):
    _invited(project)
    page = client_for(facilitator).get(reverse("accounts:members", args=[project.pk]))
    assert "<td>kirsten.holm</td>" in page.content.decode()
