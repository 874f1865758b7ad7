"""A village's public page links to the channels the village already uses (its Facebook group,
the association's site) instead of keeping a feed: the facilitator writes them, one per line,
and a bad line is named and nothing kept."""

from __future__ import annotations

from django.urls import reverse

from samskab.welcome.models import VillagePage

from .welcome_fixtures import hoven_page_fixture  # noqa: F401  (fixture)

LINKS = (
    "Hoven på Facebook https://www.facebook.com/groups/hoven\n"
    "\n"
    "  Borgerforeningen https://hoven-borgerforening.dk/  \n"
)


def test_the_facilitator_links_the_villages_channels_and_the_public_page_shows_them(
    client_for, facilitator, project, hoven_page, client
):
    url = reverse("welcome:channels", args=[project.pk, hoven_page.village.pk])
    form = client_for(facilitator).get(url).content.decode()
    assert "Links til kanalerne for Hoven" in form
    assert "Links, ét pr. linje: et navn og derefter adressen" in form
    response = client_for(facilitator).post(url, {"channels": LINKS})
    assert response.status_code == 302
    hoven_page.refresh_from_db()
    assert hoven_page.channels == (
        "Hoven på Facebook https://www.facebook.com/groups/hoven\n"
        "Borgerforeningen https://hoven-borgerforening.dk/"
    )
    page = client.get("/v/hoven/").content.decode()
    assert "Hoven andre steder" in page
    assert (
        '<a href="https://www.facebook.com/groups/hoven" rel="noopener noreferrer">'
        "Hoven på Facebook</a>"
    ) in page
    assert '<a href="https://hoven-borgerforening.dk/" rel="noopener noreferrer">' in page


def test_a_bad_line_is_named_and_nothing_is_kept(client_for, facilitator, project, hoven_page):
    VillagePage.objects.filter(pk=hoven_page.pk).update(channels="Gammel https://gammel.dk")
    url = reverse("welcome:channels", args=[project.pk, hoven_page.village.pk])
    bad = "Facebook https://facebook.com/hoven\nBorgerforeningen hoven.dk\nhttps://x.dk\n"
    page = client_for(facilitator).post(url, {"channels": bad}).content.decode()
    assert "Linje 2: slut linjen med adressen, der begynder med https://" in page
    assert "Linje 3: skriv et navn før adressen" in page
    assert 'aria-invalid="true"' in page and "Borgerforeningen hoven.dk" in page
    hoven_page.refresh_from_db()
    assert hoven_page.channels == "Gammel https://gammel.dk"


def test_only_https_addresses_are_linked(client_for, facilitator, project, hoven_page):
    url = reverse("welcome:channels", args=[project.pk, hoven_page.village.pk])
    for address in ("javascript:alert(1)", "http://hoven.dk", "ftp://hoven.dk"):
        page = client_for(facilitator).post(url, {"channels": f"Hoven {address}"})
        assert "begynder med https://" in page.content.decode()
    hoven_page.refresh_from_db()
    assert hoven_page.channels == ""


def test_a_page_without_links_shows_no_such_section(client, hoven_page):
    assert "andre steder" not in client.get("/v/hoven/").content.decode()


def test_the_page_is_in_english_too(client_for, facilitator, project, hoven_page):
    from samskab.accounts.actions import do_set_language

    do_set_language(facilitator, "en")
    url = reverse("welcome:channels", args=[project.pk, hoven_page.village.pk])
    form = client_for(facilitator).get(url).content.decode()
    assert "Links to the channels of Hoven" in form and "Save the links" in form
