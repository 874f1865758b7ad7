"""The handbook tells what the villages say about themselves and which homes the target groups
look for in vain; it names no stakeholder and prints no address."""

from __future__ import annotations

from samskab.handbook.document import handbook_html
from samskab.housing.models import Demand, Home
from samskab.marketing.models import SegmentPlan
from samskab.villages.models import ClusterProfile, PlaceResource, Stakeholder, VillageProfile


def test_the_handbook_has_the_villages_profiles_and_the_housing_gaps(project):
    hoven = project.villages.get()
    profile = VillageProfile.objects.create(village=hoven, strengths="Friskole og foreningsliv.")
    PlaceResource.objects.create(profile=profile, kind="nature", description="Åen og plantagen.")
    ClusterProfile.objects.create(project=project, identity="Landsbyerne ved åen.")
    Home.objects.create(village=hoven, kind="house", status="for_sale", rooms=5,
                        price=1_500_000, address="Skolevej 4")  # fmt: skip
    Demand.objects.create(project=project, segment="Selvbyggere", kinds=["plot"])
    Demand.objects.create(project=project, segment="Familier", kinds=["house"], min_rooms=4)
    Stakeholder.objects.create(project=project, name="Jens Mægler", kind="estate_agent")
    html = handbook_html(project, "da")
    assert "Landsbyerne og deres boligudbud" in html and "Landsbyerne ved åen." in html
    assert "Friskole og foreningsliv." in html and "Åen og plantagen." in html
    assert "Søger byggegrunde: 0 udbudt i klyngen." in html
    assert "<li>Ingen byggegrunde udbudt i Hoven.</li>" in html
    assert "Søger parcelhuse med mindst 4 værelser: 1 udbudt i klyngen." in html
    assert "Jens Mægler" not in html and "Skolevej 4" not in html


def test_the_handbook_tells_what_the_target_groups_are_told_and_where(project):
    SegmentPlan.objects.create(project=project, segment="Familier", why="Flest tilflyttere.",
                               message_1="Skole i gåafstand.", channels="Lokalavisen.")  # fmt: skip
    html = handbook_html(project, "da")
    assert "Det, vi fortæller målgrupperne, og hvor" in html
    assert "<li>Skole i gåafstand.</li>" in html and "Kanaler:</strong> Lokalavisen." in html


def test_the_handbook_says_where_each_target_groups_demand_comes_from(project):
    Demand.objects.create(project=project, segment="Familier", kinds=["house"], share=36,
                          basis={"survey": "flyttere.csv", "answered": 90})  # fmt: skip
    Demand.objects.create(project=project, segment="Selvbyggere", kinds=["plot"])
    html = handbook_html(project, "da")
    assert "Læst ud fra undersøgelsen (flyttere.csv): 90 i gruppen svarede." in html
    assert "Gruppen er 36 % af flytterne." in html
    assert "Sat i hånden." in html
    english = handbook_html(project, "en")
    assert "Read from the survey (flyttere.csv): 90 in the group answered." in english
    assert "The group is 36 % of the movers." in english and "Set by hand." in english
