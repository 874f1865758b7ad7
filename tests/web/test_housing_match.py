"""Supply against demand: which homes on offer fit each target group, the gaps in words, and a
gap made an idea in one step."""

from __future__ import annotations

import re

from django.urls import reverse

from samskab.housing.match import match_table
from samskab.housing.models import Demand, Home
from samskab.ideas.models import Idea
from samskab.projects.models import Village

from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401


def _register(project) -> dict[str, Village]:
    """Hoven: a family home at 1.95 mio. (too dear), a 3-room terraced house, a sold plot;
    Vadsted: a 5-room house at 1.6 mio. for sale and one reserved; no plot anywhere."""
    hoven = project.villages.get(name="Hoven")
    vadsted = Village.objects.create(project=project, name="Vadsted")
    for village, kind, status, rooms, price in (
        (hoven, "house", "for_sale", 5, 1_950_000),
        (hoven, "terraced", "for_sale", 3, 1_200_000),
        (hoven, "plot", "sold", None, 300_000),
        (vadsted, "house", "for_sale", 5, 1_600_000),
        (vadsted, "house", "reserved", 6, 1_100_000),
    ):
        Home.objects.create(village=village, kind=kind, status=status, rooms=rooms, price=price)
    Demand.objects.create(project=project, segment="Familier", kinds=["house", "terraced"],
                          min_rooms=4, max_price=1_800_000, share=38)  # fmt: skip
    Demand.objects.create(project=project, segment="Selvbyggere", kinds=["plot"], share=12)
    return {"Hoven": hoven, "Vadsted": vadsted}


def test_each_target_group_is_matched_per_village_and_for_the_cluster(project):
    _register(project)
    table = {demand.segment: [(c.village.name if c.village else "cluster", c.offered, c.gap)
                              for c in cells] for demand, cells in match_table(project)}  # fmt: skip
    assert table == {
        "Familier": [
            ("Hoven", 0, "Ingen parcelhuse eller rækkehuse med mindst 4 værelser under "
                         "1.800.000 kr. udbudt i Hoven."),
            ("Vadsted", 1, None),
            ("cluster", 1, None),
        ],
        "Selvbyggere": [
            ("Hoven", 0, "Ingen byggegrunde udbudt i Hoven."),
            ("Vadsted", 0, "Ingen byggegrunde udbudt i Vadsted."),
            ("cluster", 0, "Ingen byggegrunde udbudt i nogen af klyngens landsbyer."),
        ],
    }  # fmt: skip


def test_the_match_page_names_the_gaps_in_english_on_request(client_for, project, observer):
    _register(project)
    client = client_for(observer)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("housing:match", args=[project.pk])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert ("No detached houses or terraced houses with at least 4 rooms under 1,800,000 kr. "
            "on offer in Hoven.") in text  # fmt: skip
    assert "No building plots on offer in any village of the cluster." in text
    assert "Make it an idea" not in text  # the observer keeps nothing


def test_a_gap_becomes_an_idea_on_housing_supply_for_its_village(client_for, project, contact):
    villages = _register(project)
    plots = Demand.objects.get(segment="Selvbyggere")
    url = reverse("housing:gap_idea", args=[project.pk, plots.pk])
    response = client_for(contact).post(url, {"village": villages["Vadsted"].pk})
    idea = Idea.objects.get(project=project)
    assert response["Location"] == reverse("ideas:detail", args=[project.pk, idea.pk])
    assert (idea.title, idea.theme, idea.target_segment, idea.author) == (
        "Ingen byggegrunde udbudt i Vadsted.", "housing_supply", "Selvbyggere", contact,
    )  # fmt: skip
    assert list(idea.villages.all()) == [villages["Vadsted"]]


def test_a_village_without_a_gap_makes_no_idea(client_for, project, facilitator):
    villages = _register(project)
    families = Demand.objects.get(segment="Familier")
    url = reverse("housing:gap_idea", args=[project.pk, families.pk])
    response = client_for(facilitator).post(url, {"village": villages["Vadsted"].pk}, follow=True)
    assert "Det hul findes ikke længere" in response.content.decode()
    assert not Idea.objects.exists()


def test_a_target_groups_demand_is_set_by_hand(client_for, project, facilitator):
    url = reverse("housing:demand", args=[project.pk])
    data = {"segment": "Seniorer", "kinds": ["flat", "terraced"], "min_rooms": "2",
            "max_price": "1200000", "share": "20"}  # fmt: skip
    assert client_for(facilitator).post(url, data).status_code == 302
    demand = Demand.objects.get(project=project)
    assert (demand.kinds, demand.min_rooms, demand.max_price, demand.share) == (
        ["flat", "terraced"], 2, 1_200_000, 20,
    )  # fmt: skip
    again = client_for(facilitator).post(url, {**data, "segment": "seniorer"})
    assert "Denne målgruppe har allerede sin efterspørgsel." in again.content.decode()


def test_an_expert_writes_what_buyers_ask_for(client_for, project, expert, participant):
    url = reverse("housing:add_note", args=[project.pk])
    client_for(expert).post(url, {"text": "Køberne spørger efter 4 værelser og carport."})
    page = client_for(participant).get(reverse("housing:register", args=[project.pk]))
    assert "Køberne spørger efter 4 værelser og carport." in page.content.decode()


def test_the_gaps_are_on_a_map_when_the_fact_base_has_boundaries(
    client_for, project, observer, facts
):
    villages = _register(project)
    villages["Hoven"].parish = "7001"
    villages["Hoven"].save()
    page = client_for(observer).get(reverse("housing:match", args=[project.pk])).content.decode()
    assert '<svg role="img" aria-label="Landsbyernes huller på et kort"' in page
    assert page.count("<path") >= 4  # the four parishes of the small register


def test_no_map_without_boundaries(client_for, project, observer):
    _register(project)
    page = client_for(observer).get(reverse("housing:match", args=[project.pk])).content.decode()
    assert "<svg" not in page and "Ingen byggegrunde udbudt i Hoven." in page


def test_a_gap_opens_a_new_initiative_filled_in_from_it(client_for, project, facilitator):
    from html import unescape

    from .workshops_fixtures import activate

    activate(project, 4)
    villages = _register(project)
    client = client_for(facilitator)
    page = unescape(client.get(reverse("housing:match", args=[project.pk])).content.decode())
    links = re.findall(r'href="(/projects/\d+/workshops/initiatives/new/\?[^"]+)"', page)
    gap = "Ingen byggegrunde udbudt i Hoven."
    link = next(found for found in links if "Hoven" in found and "byggegrunde" in found)
    form = client.get(link).content.decode()
    assert f'value="{gap}"' in form  # the title
    assert re.search(rf">\s*{re.escape(gap)}</textarea>", form)  # the goal
    hoven = villages["Hoven"].pk
    assert re.search(rf'name="target_villages" value="{hoven}"[^>]*checked', form)


def test_the_rooms_are_the_homes_and_the_price_every_kinds():
    from django.utils import translation

    from samskab.housing.match import wanted

    demand = Demand(segment="Familier", kinds=["house", "terraced", "plot"], min_rooms=4,
                    max_price=2_000_000)  # fmt: skip
    with translation.override("en"):
        assert wanted(demand) == (
            "detached houses or terraced houses with at least 4 rooms, or building plots, under "
            "2,000,000 kr."
        )
        demand.max_price = None
        assert wanted(demand) == (
            "detached houses or terraced houses with at least 4 rooms, or building plots"
        )
        demand.min_rooms = None
        assert wanted(demand) == "detached houses, terraced houses or building plots"
