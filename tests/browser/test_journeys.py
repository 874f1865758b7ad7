"""What a person does in the browser: log in, switch language, be refused, join by invitation."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import expect

from samskab.projects.models import Membership, Project, Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_facilitator_logs_in_and_opens_the_project(
    page: Any, project: Project, facilitator: User
) -> None:
    page.goto("/")
    assert "/accounts/login/" in page.url
    assert page.locator("html").get_attribute("lang") == "da"
    page.locator("#id_username").fill("facilitator")
    page.locator("#id_password").fill("wrong password")
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_be_visible()

    page.locator("#id_password").fill("a-long-test-password")
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(r"/projects/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine projekter")

    page.get_by_role("link", name="Bosætning i Vest").click()
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bosætning i Vest")
    expect(page.get_by_role("cell", name="Hoven", exact=True)).to_be_visible()
    project_nav = page.get_by_role("navigation", name="Projekt")
    expect(project_nav.get_by_role("link", name="Overblik")).to_have_attribute(
        "aria-current", "page"
    )


def test_switching_the_language_to_english_and_back(
    page: Any, log_in: Callable[[Any, User], None], project: Project, facilitator: User
) -> None:
    log_in(page, facilitator)
    page.goto(f"/projects/{project.pk}/")
    expect(page.get_by_role("heading", name="Landsbyer")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(f"/projects/{project.pk}/")
    expect(page.get_by_role("heading", name="Villages")).to_be_visible()
    # The choice is kept for the person, on the next page too.
    page.get_by_role("navigation", name="Project").get_by_role("link", name="Members").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Members")
    facilitator.profile.refresh_from_db()
    assert facilitator.profile.language == "en"

    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Medlemmer")


def test_an_outsider_is_refused_the_project(
    page: Any, log_in: Callable[[Any, User], None], project: Project, outsider: User
) -> None:
    log_in(page, outsider)
    expect(page.get_by_role("link", name="Andet")).to_be_visible()
    assert page.get_by_role("link", name="Bosætning i Vest").count() == 0

    for path in (f"/projects/{project.pk}/", f"/projects/{project.pk}/members/"):
        response = page.goto(path)
        assert response is not None and response.status == 404, path
        assert "Bosætning i Vest" not in page.content()
        expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")


def test_a_facilitator_invites_someone_who_signs_up_and_lands_in_the_project(
    new_page: Callable[[], Any],
    log_in: Callable[[Any, User], None],
    outbox: list[mail.EmailMessage],
    project: Project,
    facilitator: User,
) -> None:
    page = new_page()
    log_in(page, facilitator)
    page.goto(f"/projects/{project.pk}/members/")
    page.get_by_label("E-mail").fill("Anna@Hoven.dk")
    page.get_by_label("Rolle", exact=True).select_option(Role.VILLAGE_REPRESENTATIVE)
    page.get_by_label("Landsby").select_option(label="Hoven")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Anna@Hoven.dk")).to_be_visible()

    assert len(outbox) == 1
    assert outbox[0].to == ["Anna@Hoven.dk"]
    link = re.search(r"https?://\S+/accounts/invitations/\S+/", outbox[0].body)
    assert link is not None, outbox[0].body

    # The invited person, in their own browser.
    guest = new_page()
    guest.goto(link.group(0))
    expect(guest.get_by_role("heading", level=1)).to_have_text("Deltag i Bosætning i Vest")
    guest.get_by_label("Fornavn").fill("Anna")
    guest.get_by_label("Efternavn").fill("Hansen")
    guest.get_by_label("Adgangskode").fill("1234")
    guest.get_by_role("button", name="Deltag i projektet").click()
    # A too simple password is refused, with the message next to the field.
    password = guest.get_by_label("Adgangskode")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_attribute("aria-describedby", re.compile(r"\bid_password_error\b"))
    expect(guest.locator("#id_password_error")).to_be_visible()

    guest.get_by_label("Adgangskode").fill("en lang og god adgangskode")
    guest.get_by_role("button", name="Deltag i projektet").click()
    guest.wait_for_url(re.compile(rf"/projects/{project.pk}/$"))
    expect(guest.get_by_role("heading", level=1)).to_have_text("Bosætning i Vest")
    expect(guest.get_by_role("navigation", name="Projekt")).to_contain_text("Landsbyrepræsentant")

    membership = Membership.objects.get(project=project, user__email__iexact="anna@hoven.dk")
    assert membership.role == Role.VILLAGE_REPRESENTATIVE
    assert membership.village is not None and membership.village.name == "Hoven"
