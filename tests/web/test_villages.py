"""Village profiles: who writes which village's profile, the cluster's identity, and the facts
of the village's area, exact for the facilitator and suppressed for everyone else."""

from __future__ import annotations

import re

from django.urls import reverse

from samskab.projects.models import Membership, Village
from samskab.villages.models import ClusterProfile, PlaceResource, VillageProfile

from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401

PROFILE = {
    "strengths": "Friskole og stærkt foreningsliv.",
    "challenges": "Få ledige boliger.",
    "resource_nature": "Åen og plantagen.",
    "resource_school": "Hoven Friskole, 0.–9. klasse.",
    "resource_broadband": "",
}


def _text(response) -> str:
    """Return the page's main content as plain text, one space between words."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&lt;", "<")


def _edit(project, village: Village) -> str:
    return reverse("villages:edit", args=[project.pk, village.pk])


def _represent(user, village: Village) -> None:
    Membership.objects.filter(user=user).update(village=village)


def test_a_representative_writes_their_own_villages_profile(
    client_for, project, village_representative
):
    hoven = project.villages.get()
    _represent(village_representative, hoven)
    response = client_for(village_representative).post(_edit(project, hoven), PROFILE)
    assert response.status_code == 302
    profile = VillageProfile.objects.get(village=hoven)
    assert (profile.strengths, profile.challenges, profile.updated_by) == (
        "Friskole og stærkt foreningsliv.", "Få ledige boliger.", village_representative,
    )  # fmt: skip
    kinds = dict(PlaceResource.objects.filter(profile=profile).values_list("kind", "description"))
    assert kinds == {"nature": "Åen og plantagen.", "school": "Hoven Friskole, 0.–9. klasse."}


def test_a_representative_may_not_write_another_villages_profile(
    client_for, project, village_representative
):
    hoven = project.villages.get()
    other = Village.objects.create(project=project, name="Sønderby")
    _represent(village_representative, hoven)
    client = client_for(village_representative)
    assert client.get(_edit(project, other)).status_code == 403
    assert client.post(_edit(project, other), PROFILE).status_code == 403
    assert not VillageProfile.objects.filter(village=other).exists()


def test_a_representative_of_no_village_writes_no_profile(
    client_for, project, village_representative
):
    hoven = project.villages.get()
    assert client_for(village_representative).get(_edit(project, hoven)).status_code == 403


def test_the_facilitator_writes_any_village_and_an_emptied_asset_is_removed(
    client_for, project, facilitator
):
    other = Village.objects.create(project=project, name="Sønderby")
    client = client_for(facilitator)
    client.post(_edit(project, other), PROFILE)
    client.post(
        _edit(project, other), {**PROFILE, "resource_nature": "", "resource_jobs": "Vestas"}
    )
    kinds = PlaceResource.objects.filter(profile__village=other).values_list("kind", flat=True)
    assert sorted(kinds) == ["jobs", "school"]


def test_the_profile_page_shows_what_the_village_wrote(client_for, project, facilitator, observer):
    hoven = project.villages.get()
    client_for(facilitator).post(_edit(project, hoven), PROFILE)
    page = _text(client_for(observer).get(reverse("villages:profile", args=[project.pk, hoven.pk])))
    assert "Styrker Friskole og stærkt foreningsliv." in page
    assert "Natur Åen og plantagen. Skole og børnepasning Hoven Friskole" in page
    assert "Redigér profilen" not in page


def test_the_facilitator_writes_the_clusters_identity_which_every_member_reads(
    client_for, project, facilitator, observer
):
    identity = "Fem landsbyer ved åen, med fælles skole og hal."
    url = reverse("villages:cluster", args=[project.pk])
    assert client_for(facilitator).post(url, {"identity": identity}).status_code == 302
    assert ClusterProfile.objects.get(project=project).identity == identity
    listing = _text(client_for(observer).get(reverse("villages:list", args=[project.pk])))
    assert identity in listing and "Redigér den fælles identitet" not in listing


def test_a_village_of_no_area_says_why_it_has_no_figures(client_for, project, participant, facts):
    hoven = project.villages.get()
    page = _text(
        client_for(participant).get(reverse("villages:profile", args=[project.pk, hoven.pk]))
    )
    assert "Landsbyen hører ikke til et område i faktagrundlaget" in page


def _profile_of_nord(client_for, project, person) -> str:
    hoven = project.villages.get()
    hoven.area = project.areas.get(name="Nord")
    hoven.save()
    return _text(client_for(person).get(reverse("villages:profile", args=[project.pk, hoven.pk])))


def test_the_facilitator_sees_the_areas_exact_figures(client_for, project, facilitator, facts):
    page = _profile_of_nord(client_for, project, facilitator)
    # Nord, 2008–2009: 3 in from Syd, 20 in from Holstebro, 12 out abroad; 1,500 residents.
    assert "Tallene er for området Nord, 2008–2009." in page
    assert "% af befolkningen 3 8 11 0,7 " in page
    assert "2008 2009 2010 1500 1500 1500" in page
    assert "Holstebro 20 Syd 3 " in page
    assert "Små tal er skjult" not in page


def test_the_population_is_a_chart_beside_its_table(client_for, project, facilitator, facts):
    hoven = project.villages.get()
    hoven.area = project.areas.get(name="Nord")
    hoven.save()
    url = reverse("villages:profile", args=[project.pk, hoven.pk])
    page = client_for(facilitator).get(url).content.decode()
    assert '<svg role="img" aria-label="Befolkningen i Nord 1. januar"' in page


def test_others_see_the_areas_small_figures_hidden(client_for, project, participant, facts):
    page = _profile_of_nord(client_for, project, participant)
    # The 3 moves from Syd are a small cell: the internal net and everything computed from it
    # is hidden; the external net (20 in, 12 out) is shown.
    assert "% af befolkningen .. 8 .. .. " in page
    assert "Holstebro 20 Syd <5 " in page
    assert "Små tal er skjult" in page
