"""The public sign-ups and the facilitator's lists in English: a visitor switches the village's
public page to English, signs up as a newcomer (laptop and phone) or as a former resident, gets
the mail and the confirmation in English; a facilitator and a host whose accounts are in
English find them on their lists, choose the host, record the visit, create an event and
invite to it. No Danish word may show on any of these pages."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from samskab.accounts.actions import do_set_language
from samskab.projects.models import Membership, Project, Role
from samskab.welcome.models import Event, Person, VillagePage

from .conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Words of the Danish pages (samskab/welcome/locale/da/LC_MESSAGES/django.po, the project's
# navigation, Danish dates) that are no English words; none is in the test's names and places.
DANISH_WORDS = [
    r"tilmeld\w*", r"bekræft\w*", r"velkom\w*", r"landsby\w*", r"tilflytt\w*", "tidligere",
    r"beboere?", r"vært\w*", r"besøg\w*", "gem", r"gemt", "gemmer", "tilbage", "ingen",
    r"navn\w*", r"kommunen?", "og", "ikke", "på", "eller", "dig", "dit", r"dine?", "vi",
    r"slet\w*", r"arrangement\w*", "endnu", r"oplysning\w*", "vælg", "kommer", "formål",
    r"samtykke\w*", "adressen", r"projekt\w*", "overblik", "medlemmer", r"faktabase\w*",
    "hvor", "måned", "kl", "januar", "februar", "marts", "maj", "juni", "juli", "oktober",
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "valgfri",
    r"kontakt\w*", "registrér", "invitér", "svar", "intet", "tak", "hent", r"\w*adresse\w*",
    "telefon", "liste", "bor", "titel", "sted", "holdes", "beskrivelse", "inviterede",
    r"invitationer\w*", "sendt", "flyttet", "væk", "forbindelsen", r"offentlig\w*", "lad",
    "felt", "tomt", "kilde", "sprog", "personer", "kode", "hvem", "hvad", "kære",
]  # fmt: skip
DANISH = re.compile(r"\b(?:" + "|".join(DANISH_WORDS) + r")\b", re.IGNORECASE)


@pytest.fixture
def hoven_page(project: Project) -> VillagePage:
    return VillagePage.objects.create(village=project.villages.get(name="Hoven"), slug="hoven")


@pytest.fixture
def english_facilitator(facilitator: User) -> User:
    """The facilitator, with English as their account's language."""
    do_set_language(facilitator, "en")
    return facilitator


@pytest.fixture
def host(project: Project) -> User:
    """A member of Hoven, with English as their account's language."""
    user = User.objects.create_user(
        username="hanne", email="hanne@example.org", password=PASSWORD,
        first_name="Hanne", last_name="Vang",
    )  # fmt: skip
    Membership.objects.create(
        project=project, user=user, role=Role.PARTICIPANT, village=project.villages.get()
    )
    do_set_language(user, "en")
    return user


def _assert_english(page: Any, where: str) -> None:
    """The page is in English: its language, and no Danish word in its title, content, project
    navigation or footer (the header's language switch offers "Dansk", in Danish)."""
    expect(page.locator("html")).to_have_attribute("lang", "en")
    texts = [page.title(), page.locator("main").inner_text()]
    texts.append(page.get_by_role("contentinfo").inner_text())
    navigation = page.get_by_role("navigation", name="Project")
    if navigation.count():
        texts.append(navigation.inner_text())
    found = sorted({match[0] for text in texts for match in DANISH.finditer(text)})
    assert not found, f"Danish words on the English {where} ({page.url}): {found}"


def _open_in_english(page: Any, path: str) -> None:
    """Open a public page (Danish, the default) and switch it to English with the header's
    button."""
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def _confirm_link(outbox: list[Any]) -> str:
    """Return the path of the mail's confirmation link (its address is the site's, not the
    live server's)."""
    found = re.search(r"/v/confirm/[0-9a-f-]+/", outbox[-1].body)
    assert found, outbox[-1].body
    return found[0]


def _confirm(
    page: Any, outbox: list[Any], email: str, check_axe: Callable[[Any, str], None]
) -> None:
    """Open the mail's link, check the page is in English, and confirm the address."""
    page.goto(_confirm_link(outbox))
    expect(page).to_have_title("Confirm your address · samskab")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your address")
    expect(page.get_by_role("main")).to_contain_text(
        f"Confirm that {email} is your address and that you signed up."
    )
    _assert_english(page, "confirmation page")
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_role("status")).to_have_text(
        "Your address is confirmed. Thank you: you are on the list of Hoven."
    )
    _assert_english(page, "confirmed page")
    check_axe(page, "confirmed (English)")


def _row(page: Any, name: str) -> Any:
    return page.get_by_role("row").filter(has=page.get_by_role("cell", name=name, exact=True))


def _value(page: Any, label: str) -> Any:
    """Return the cell of the row a table's row header names (a person's data)."""
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=True))
    return row.get_by_role("cell")


def _join_as_former_resident(
    page: Any, outbox: list[Any], check_axe: Callable[[Any, str], None]
) -> None:
    """Mads Lund, who lives in Aalborg now, joins Hoven's former residents in English."""
    _open_in_english(page, "/v/hoven/")
    expect(page.get_by_role("heading", name="Moved away? Stay in touch")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        "Join the former residents of Hoven: we invite you when we hold an event where you "
        "live now."
    )
    form = page.locator("form").filter(has=page.get_by_label("The municipality you live in now"))
    expect(form).to_contain_text(
        "Hoven stores your name, e-mail address and the municipality you live in now, to "
        "invite you to events for former residents held where you live."
    )
    form.get_by_label("Your name").fill("Mads Lund")
    form.get_by_label("Your e-mail address").fill("mads@example.org")
    form.get_by_label("The municipality you live in now").select_option(label="Aalborg")
    form.get_by_label("I agree that my data is stored for this purpose").check()
    form.get_by_role("button", name="Join the former residents").click()
    expect(page.get_by_role("status")).to_have_text(
        "Thank you. We have sent you a mail: open its link to confirm your address."
    )
    assert outbox[-1].subject == "Former residents of Hoven: confirm your address"
    assert "Thank you for signing up." in outbox[-1].body
    _confirm(page, outbox, "mads@example.org", check_axe)


@pytest.mark.parametrize("width", [1366, 375])
def test_a_newcomer_signs_up_in_english_gets_a_host_and_a_visit(
    new_page: Callable[[], Any], log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None], outbox: list[Any], project: Project,
    english_facilitator: User, host: User, hoven_page: VillagePage, width: int,
) -> None:  # fmt: skip
    visitor = new_page()
    visitor.set_viewport_size({"width": width, "height": 800})
    _open_in_english(visitor, "/v/hoven/")
    expect(visitor).to_have_title("Hoven · samskab")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Hoven")
    expect(visitor.get_by_role("heading", level=2)).to_have_text(
        ["New in the village? Get a welcome visit", "Moved away? Stay in touch"]
    )
    expect(visitor.get_by_role("main")).to_contain_text(
        "A host from Hoven visits you to bid you welcome and tell you about the village's "
        "associations and events."
    )
    form = visitor.locator("form").filter(has=visitor.get_by_label("Your address", exact=True))
    expect(form).to_contain_text(
        "Hoven stores your name, e-mail address, phone number and address so that a host from "
        "the village can contact you and visit you to bid you welcome."
    )
    expect(form.get_by_label("Phone (optional)")).to_be_visible()
    expect(form).to_contain_text("Where the host can visit you.")
    _assert_english(visitor, "village page")
    check_axe(visitor, "village page (English)")

    form.get_by_label("Your name").fill("Ida Holm")
    form.get_by_label("Your e-mail address").fill("ida@example.org")
    form.get_by_label("Your address", exact=True).fill("Bygaden 4")
    form.get_by_label("I agree that my data is stored for this purpose").check()
    form.get_by_role("button", name="Sign up for a welcome visit").click()
    expect(visitor.get_by_role("status")).to_have_text(
        "Thank you. We have sent you a mail: open its link to confirm your address."
    )
    _assert_english(visitor, "village page after the sign-up")
    # The mail is in the language of the page the person signed up on.
    assert outbox[-1].subject == "Welcome to Hoven: confirm your address"
    assert "Thank you for signing up. Nothing happens until you confirm" in outbox[-1].body
    assert "You get this mail because this address was signed up on the page of Hoven." in (
        outbox[-1].body
    )
    _confirm(visitor, outbox, "ida@example.org", check_axe)

    staff = new_page()
    staff.set_viewport_size({"width": width, "height": 800})
    log_in(staff, english_facilitator)
    staff.goto(f"/projects/{project.pk}/")
    staff.get_by_role("navigation", name="Project").get_by_role("link", name="Welcome").click()
    expect(staff).to_have_title("Welcome · samskab")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Welcome newcomers")
    headers = ["Name", "Village", "Contact", "Host", "Welcome visit"]
    newcomers = staff.get_by_role("table").filter(has=staff.get_by_role("cell", name="Ida Holm"))
    expect(newcomers.get_by_role("columnheader")).to_have_text(headers)
    row = _row(staff, "Ida Holm")
    expect(row).to_contain_text("Bygaden 4")
    _assert_english(staff, "welcome list")
    check_axe(staff, "welcome list (English)")

    staff.get_by_label("Host of Ida Holm").select_option(label="Hanne Vang")
    row.get_by_role("button", name="Choose").click()
    expect(staff.get_by_role("status")).to_have_text("The host is chosen.")
    expect(_row(staff, "Ida Holm").locator("p.muted")).to_have_text("Hanne Vang")
    _assert_english(staff, "welcome list with the host chosen")

    # The host sees only their newcomers, and records the day they visited.
    visits = new_page()
    visits.set_viewport_size({"width": width, "height": 800})
    log_in(visits, host)
    visits.goto(f"/projects/{project.pk}/")
    visits.get_by_role("navigation", name="Project").get_by_role("link", name="Welcome").click()
    expect(visits.get_by_role("main")).to_contain_text(
        "The newcomers you are the host of. Record the day you visited them."
    )
    expect(visits.get_by_role("button", name="Choose")).to_have_count(0)
    visits.get_by_label("Day of the visit to Ida Holm").fill("2024-05-14")
    _row(visits, "Ida Holm").get_by_role("button", name="Record the visit").click()
    expect(visits.get_by_role("status")).to_have_text("The visit is recorded.")
    expect(_row(visits, "Ida Holm")).to_contain_text("May 14, 2024")
    _assert_english(visits, "host's welcome list")
    check_axe(visits, "host's welcome list (English)")

    # The facilitator's figures count the visit, under the month's English name.
    consented = Person.objects.get(email="ida@example.org").consented
    with translation.override("en"):
        month = date_format(timezone.localtime(consented), "YEAR_MONTH_FORMAT")
    staff.reload()
    expect(_row(staff, "Ida Holm")).to_contain_text("May 14, 2024")
    per_month = staff.get_by_role("table").filter(has=staff.get_by_role("cell", name=month))
    expect(per_month.get_by_role("columnheader")).to_have_text(
        ["Month", "Village", "Newcomers", "Visited"]
    )
    expect(per_month.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        [month, "Hoven", "1", "1"]
    )
    _assert_english(staff, "welcome list with the visit")


def test_a_former_resident_joins_in_english_and_is_listed_under_their_city(
    new_page: Callable[[], Any], log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None], outbox: list[Any], project: Project,
    english_facilitator: User, hoven_page: VillagePage,
) -> None:  # fmt: skip
    visitor = new_page()
    _join_as_former_resident(visitor, outbox, check_axe)

    # What is stored about them, from the link on the confirmation page, in English.
    visitor.get_by_role("link", name="See or delete what is stored about you").click()
    expect(visitor).to_have_title("Your data · samskab")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Your data")
    data = visitor.get_by_role("table")
    expect(data.get_by_role("rowheader")).to_contain_text(
        ["List", "Village", "Name", "E-mail address", "Lives in", "Purpose of the consent",
         "Where the consent was given", "Consent given", "Address confirmed"]
    )  # fmt: skip
    # The list and where the consent was given by their names, not their codes.
    expect(_value(visitor, "List")).to_have_text("Former resident")
    expect(_value(visitor, "Lives in")).to_have_text("Aalborg")
    expect(_value(visitor, "Where the consent was given")).to_have_text("The village's public page")
    expect(_value(visitor, "Purpose of the consent")).to_contain_text(
        "Hoven stores your name, e-mail address and the municipality you live in now"
    )
    expect(visitor.get_by_role("button", name="Delete my data")).to_be_visible()
    _assert_english(visitor, "person's data")
    check_axe(visitor, "person's data (English)")

    staff = new_page()
    log_in(staff, english_facilitator)
    staff.goto(f"/projects/{project.pk}/welcome/")
    staff.get_by_role("main").get_by_role("link", name="Former residents", exact=True).click()
    expect(staff).to_have_title("Former residents · samskab")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Former residents")
    expect(staff.get_by_role("main")).to_contain_text(
        "The former residents who joined on a village's public page and confirmed their "
        "address, by the municipality they live in now."
    )
    expect(staff.get_by_role("heading", level=2, name=re.compile("^Aalborg"))).to_have_text(
        "Aalborg (1)"
    )
    table = staff.get_by_role("table").filter(has=staff.get_by_role("cell", name="Mads Lund"))
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Name", "Village", "E-mail address", "Data"]
    )
    expect(_row(staff, "Mads Lund").get_by_role("cell")).to_contain_text(
        ["Mads Lund", "Hoven", "mads@example.org"]
    )
    expect(staff.get_by_role("link", name="Export the data of Mads Lund (JSON)")).to_be_visible()
    expect(staff.get_by_role("heading", name="Where the young who left live now")).to_be_visible()
    expect(staff.get_by_role("main")).to_contain_text(
        "The fact base has no data yet: import a register to see where the young who left live now."
    )
    _assert_english(staff, "former residents")
    check_axe(staff, "former residents (English)")

    staff.get_by_role("button", name="Delete the data of Mads Lund").click()
    expect(staff.get_by_role("status")).to_have_text(
        "Everything stored about the person is deleted."
    )
    staff.goto(f"/projects/{project.pk}/welcome/former-residents/")
    expect(staff.get_by_role("main")).to_contain_text("No former residents yet.")
    _assert_english(staff, "former residents, none left")


def test_an_event_for_former_residents_in_english(
    new_page: Callable[[], Any], log_in: Callable[[Any, User], None],
    check_axe: Callable[[Any, str], None], outbox: list[Any], project: Project,
    english_facilitator: User, hoven_page: VillagePage,
) -> None:  # fmt: skip
    visitor = new_page()
    _join_as_former_resident(visitor, outbox, check_axe)

    staff = new_page()
    log_in(staff, english_facilitator)
    staff.goto(f"/projects/{project.pk}/welcome/former-residents/")
    staff.get_by_role("main").get_by_role(
        "link", name="Events for former residents", exact=True
    ).click()
    expect(staff).to_have_title("Events for former residents · samskab")
    expect(staff.get_by_role("main")).to_contain_text("No events yet.")
    expect(staff.get_by_role("heading", name="New event")).to_be_visible()
    _assert_english(staff, "events")
    check_axe(staff, "events (English)")

    day = timezone.localdate() + datetime.timedelta(days=30)
    staff.get_by_label("Title", exact=True).fill("Handball evening")
    staff.get_by_label("Held in", exact=True).select_option(label="Aalborg (851)")
    staff.get_by_label("Place", exact=True).fill("Gigantium")
    staff.get_by_label("Starts", exact=True).fill(f"{day:%Y-%m-%d}T19:00")
    staff.get_by_role("button", name="Create the event").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Handball evening")
    event = Event.objects.get()
    with translation.override("en"):
        when = date_format(timezone.localtime(event.starts), "DATETIME_FORMAT")
    expect(staff.get_by_role("main")).to_contain_text(f"{when} · Gigantium · Aalborg")
    expect(staff.get_by_role("main")).to_contain_text(
        "Invite by mail every former resident who lives in Aalborg and has not been invited yet."
    )
    expect(staff.get_by_role("heading", level=2)).to_have_text("Invited (0 coming)")
    expect(staff.get_by_role("main")).to_contain_text("No one invited yet.")
    _assert_english(staff, "event")

    staff.get_by_role("button", name="Send the invitations").click()
    expect(staff.get_by_role("status")).to_have_text("Invitations sent: 1.")
    expect(_row(staff, "Mads Lund").get_by_role("cell")).to_have_text(
        ["Mads Lund", "Hoven", "No answer yet"]
    )
    _assert_english(staff, "event with invitations")
    check_axe(staff, "event (English)")
    invitation = outbox[-1]
    assert invitation.subject == "Former residents of Hoven: Handball evening"
    assert (
        "You are invited to Handball evening for the former residents of Hoven who live in "
        f"Aalborg: {when}, Gigantium." in invitation.body
    )
    assert "Tell us whether you are coming:" in invitation.body

    # The former resident answers from the mail's link, in the browser they signed up in.
    found = re.search(r"/v/invitation/[0-9a-f-]+/", invitation.body)
    assert found, invitation.body
    visitor.goto(found[0])
    expect(visitor).to_have_title("Handball evening · samskab")
    expect(visitor.get_by_role("main")).to_contain_text(f"{when} · Gigantium · Aalborg")
    visitor.get_by_role("button", name="I am coming", exact=True).click()
    expect(visitor.get_by_role("status")).to_have_text("You are signed up. See you there!")
    expect(visitor.get_by_role("button", name="I am not coming")).to_be_visible()
    _assert_english(visitor, "invitation")
    check_axe(visitor, "invitation (English)")

    # The village's page lists the coming event.
    visitor.goto("/v/hoven/")
    expect(visitor).to_have_title("Hoven · samskab")
    events = visitor.get_by_role("region", name="Coming events for former residents")
    expect(events.get_by_role("listitem")).to_have_text(
        [f"Handball evening · {when} · Gigantium, Aalborg"]
    )
    expect(events).to_contain_text("Former residents who live there are invited by mail.")
    _assert_english(visitor, "village page with an event")
    check_axe(visitor, "village page with an event (English)")

    staff.reload()
    expect(staff.get_by_role("heading", level=2)).to_have_text("Invited (1 coming)")
    expect(_row(staff, "Mads Lund").get_by_role("cell").nth(2)).to_have_text("Coming")
    _assert_english(staff, "event with an answer")
