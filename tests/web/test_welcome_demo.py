"""The demo project shows welcome visits from opt-ins, a former-residents event in another city
with answers, and a person's export and deletion from their own link."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.contrib.auth.models import User
from django.urls import reverse

from samskab.welcome.models import Event, Person, VillagePage

TODAY = datetime.date(2026, 3, 2)


def _demo(tmp_path: Path):
    from samskab.projects.demo import seed_demo_project
    from samskab.welcome.demo import seed_demo_welcome

    rows = ["area,parish"] + [f"Område {n},{7000 + n}" for n in range(1, 8)]
    (tmp_path / "areas.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    project = seed_demo_project(tmp_path)
    seed_demo_welcome(project, TODAY)
    seed_demo_welcome(project, TODAY)  # a second run refreshes, it does not double
    return project


def test_every_demo_village_has_a_public_page(tmp_path, db, client):
    project = _demo(tmp_path)
    pages = VillagePage.objects.filter(village__project=project)
    assert pages.count() == project.villages.count() > 0
    first = pages.get(village=project.villages.order_by("name").first())
    assert client.get(f"/v/{first.slug}/").status_code == 200


def test_the_demo_host_sees_their_two_newcomers_one_visited(tmp_path, db, client):
    project = _demo(tmp_path)
    client.force_login(User.objects.get(username="village"))
    page = client.get(reverse("welcome:overview", args=[project.pk])).content.decode()
    assert "Camilla Berg" in page and "Rasmus Vang" in page and "Nadia Olsen" not in page
    visited = Person.objects.get(name="Camilla Berg").visited
    assert visited == datetime.date(2026, 2, 25)


def test_the_demo_event_in_aarhus_has_four_invited_and_two_coming(tmp_path, db, client):
    project = _demo(tmp_path)
    event = Event.objects.get(project=project)
    assert event.city.name == "Aarhus"
    answers = sorted((i.person.name, i.coming) for i in event.invitations.all())
    assert answers == [("Emil Skov", True), ("Freja Dahl", True), ("Laura Møller", False),
                       ("Oliver Bech", None)]  # fmt: skip
    client.force_login(User.objects.get(username="facilitator"))
    page = client.get(reverse("welcome:event", args=[project.pk, event.pk])).content.decode()
    assert "2 kommer" in page


def test_a_demo_person_exports_and_deletes_their_data(tmp_path, db, client):
    _demo(tmp_path)
    emil = Person.objects.get(name="Emil Skov")
    data = client.get(reverse("welcome_public:my_data_file", args=[emil.token])).json()
    assert data["lives_in"] == "Aarhus" and data["events"].endswith(": yes")
    client.post(reverse("welcome_public:my_data", args=[emil.token]))
    assert not Person.objects.filter(name="Emil Skov").exists()


def test_the_demo_audit_log_shows_a_persons_export_and_deletion_without_their_name(
    tmp_path, db, client
):
    project = _demo(tmp_path)
    assert not Person.objects.filter(name="Mikkel Lund").exists()
    client.force_login(User.objects.get(username="facilitator"))
    page = client.get(reverse("projects:audit", args=[project.pk])).content.decode()
    first = project.villages.order_by("name").first().name
    assert page.count(f"Tidligere beboer, {first}") == 2  # once each, the demo run twice
    assert "eksporterede en persons data" in page and "slettede en persons data" in page
    assert "Mikkel" not in page


def test_the_demo_village_page_links_to_the_villages_own_channels(tmp_path, db, client):
    project = _demo(tmp_path)
    first = VillagePage.objects.get(village=project.villages.order_by("name").first())
    page = client.get(f"/v/{first.slug}/").content.decode()
    assert f"{first.village.name} andre steder" in page
    assert 'href="https://www.facebook.com/groups/samskab-demo"' in page


def test_the_demo_has_a_joint_event_of_every_village_in_danish_and_english(tmp_path, db, client):
    from samskab.accounts.actions import do_set_language
    from samskab.ideas.demo import seed_demo_workshops
    from samskab.initiatives.demo import seed_demo_initiatives

    project = _demo(tmp_path)
    seed_demo_workshops(project)
    seed_demo_initiatives(project, TODAY)
    facilitator = User.objects.get(username="facilitator")
    client.force_login(facilitator)
    page = client.get(reverse("events:list", args=[project.pk])).content.decode()
    assert "Fælles sommerfest for landsbyerne" in page and "20. juni 2026" in page
    do_set_language(facilitator, "en")
    page = client.get(reverse("events:list", args=[project.pk])).content.decode()
    assert "Fælles sommerfest for landsbyerne" in page and "June 20, 2026" in page
