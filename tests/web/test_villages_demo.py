"""The demo project shows village profiles, the cluster's identity and a stakeholder map."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from samskab.villages.models import PlaceResource, Stakeholder


def _demo(tmp_path: Path):
    from samskab.projects.demo import seed_demo_project
    from samskab.villages.demo import seed_demo_villages

    rows = ["area,parish"] + [f"Område {n},{7000 + n}" for n in range(1, 8)]
    (tmp_path / "areas.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    project = seed_demo_project(tmp_path)
    seed_demo_villages(project)
    seed_demo_villages(project)  # a second run rewrites, it does not add
    return project


def test_every_demo_village_has_a_profile_with_assets(tmp_path, db):
    project = _demo(tmp_path)
    first = project.villages.get(name="Område 1 by")
    assert first.profile.challenges.startswith("Få rækkehuse")
    kinds = PlaceResource.objects.filter(profile__village=first).values_list("kind", flat=True)
    assert sorted(kinds) == ["jobs", "transport"]
    assert PlaceResource.objects.filter(profile__village__project=project).count() == 14
    assert project.cluster_profile.identity.startswith("Landsbyer mellem fjord")


def test_the_demo_map_names_who_holds_each_contact(tmp_path, db):
    project = _demo(tmp_path)
    holders = dict(project.stakeholders.values_list("name", "contact_holder__user__username"))
    assert holders == {"Vest Bolig": "contact", "Andelskassen Vest": "facilitator",
                       "Planafdelingen": "facilitator", "Boligselskabet Fjordbo": "contact",
                       "Ådalens Idrætsforening": "village"}  # fmt: skip
    agent = Stakeholder.objects.get(project=project, name="Vest Bolig")
    assert agent.village.name == "Område 5 by"


def test_the_demo_representative_may_edit_their_own_village(tmp_path, db, client):
    from django.contrib.auth.models import User

    project = _demo(tmp_path)
    client.force_login(User.objects.get(username="village"))
    own = project.villages.get(name="Område 1 by")
    other = project.villages.get(name="Område 2 by")
    assert client.get(reverse("villages:edit", args=[project.pk, own.pk])).status_code == 200
    assert client.get(reverse("villages:edit", args=[project.pk, other.pk])).status_code == 403
