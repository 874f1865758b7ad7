"""What the project pages offer each role: the links a role cannot open are not shown, the
page title is text, and the new-project form arrives ready to send."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse

from samskab.projects.forms import ProjectForm


def _nav_links(page: str) -> list[str]:
    nav = page.split('class="project-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="([^"]+)"', nav)


def test_an_observer_is_not_offered_the_members_page(client_for, project, observer):
    page = client_for(observer).get(reverse("projects:detail", args=[project.pk])).content.decode()
    members = f"/projects/{project.pk}/members/"
    assert members not in _nav_links(page) and members not in page


def test_a_participant_is_offered_the_members_page(client_for, project, participant):
    page = client_for(participant).get(reverse("projects:detail", args=[project.pk]))
    assert f"/projects/{project.pk}/members/" in _nav_links(page.content.decode())


def test_a_staff_account_without_admin_permissions_is_not_offered_the_admin(
    client_for, project, facilitator
):
    page = client_for(facilitator).get(reverse("projects:list")).content.decode()
    assert 'href="/admin/"' not in page


def test_a_superuser_is_offered_the_admin(client_for, project, facilitator):
    facilitator.is_superuser = True
    facilitator.save(update_fields=["is_superuser"])
    page = client_for(facilitator).get(reverse("projects:list")).content.decode()
    assert 'href="/admin/"' in page


def test_the_project_page_title_is_the_project_name_only(client_for, project, facilitator):
    page = client_for(facilitator).get(reverse("projects:detail", args=[project.pk]))
    title = re.search(r"<title>(.*?)</title>", page.content.decode(), re.S)[1]
    assert title == "Bosætning i Vest · samskab"


def test_the_new_project_form_gives_its_start_date_as_a_date_input_shows_it(
    client_for, facilitator, monkeypatch
):
    start = ProjectForm.base_fields["start"]  # its initial value is the model's default: today
    monkeypatch.setattr(start, "initial", lambda: datetime.date(2026, 3, 9))
    page = client_for(facilitator).get(reverse("projects:create")).content.decode()
    field = re.search(r'<input type="date" name="start"[^>]*>', page)[0]
    assert 'value="2026-03-09"' in field
