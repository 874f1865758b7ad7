"""The fact base over time: a place's yearly in-, out- and net movers by age band, on screen and
as CSV, with the project's start marked."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samskab.factbase.actions import do_import
from samskab.projects.models import Village
from tests.web.downloads import csv_rows

from .test_factbase_import import facts_fixture, storage_fixture, write_register  # noqa: F401

# The small register (test_factbase_import.MOVES), counted by hand per year:
# Nord (7001, 7002): 2008 20 in (30-44); 2009 3 in (65+, from Syd), 12 out (18-29, abroad).
# Syd (7003, 7004): 2008 8 out (30-44); 2009 6 in (30-44, abroad), 3 out (65+, to Nord).


def _rows(client, project, **params) -> list[tuple[str, ...]]:
    address = reverse("factbase:csv", args=[project.pk, "trends"])
    return [tuple(row) for row in csv_rows(client.get(address, params))][1:]


def test_the_facilitator_sees_every_year_of_an_area_exactly(
    client_for, facilitator, project, facts
):
    client = client_for(facilitator)
    assert _rows(client, project, place="area:Nord") == [
        ("2008", "20", "0", "20"),
        ("2009", "3", "12", "-9"),
    ]
    assert _rows(client, project, place="area:Syd", age_band="30-44") == [
        ("2008", "0", "8", "-8"),
        ("2009", "6", "0", "6"),
    ]


def test_the_years_add_up_to_the_net_migration_of_the_overview(
    client_for, facilitator, project, facts
):
    client = client_for(facilitator)
    overview = client.get(reverse("factbase:overview", args=[project.pk]))
    nets = dict(zip(overview.context["figures"][0].data["area"],
                    overview.context["figures"][0].data["net_total"], strict=True))  # fmt: skip
    for area in ("Nord", "Syd"):
        years = _rows(client, project, place=f"area:{area}", first=2008, last=2009)
        assert sum(int(net) for *_counts, net in years) == nets[area]
    address = reverse("factbase:csv", args=[project.pk, "trends-areas"])
    rows = csv_rows(client.get(address, {"first": 2008, "last": 2009}))
    summed: dict[str, int] = {}
    for area, _year, _in, _out, net in rows[1:]:
        summed[area] = summed.get(area, 0) + int(net)
    assert summed == {"Syd": nets["Syd"], "Nord": nets["Nord"]}


def test_others_see_an_areas_years_suppressed_by_any_age_band_and_no_village(
    client_for, participant, project, facts
):
    Village.objects.filter(project=project, name="Hoven").update(parish="7002")
    client = client_for(participant)
    assert _rows(client, project, place="area:Nord") == [
        ("2008", "20", "0", "20"),
        ("2009", "<5", "12", ".."),
    ]
    assert _rows(client, project, place="area:Nord", age_band="65+") == [
        ("2008", "0", "0", "0"),
        ("2009", "<5", "0", ".."),
    ]
    # A village is no choice: the form falls back to the first area, all ages.
    syd = _rows(client, project, place="area:Syd")
    assert _rows(client, project, place="parish:7002", age_band="18-29") == syd
    page = client.get(reverse("factbase:trends", args=[project.pk])).content.decode()
    assert "Hoven" not in page and 'name="age_band"' in page
    assert "Landsbyer vises kun for facilitatorer" in page


def test_a_village_is_its_parish(client_for, facilitator, project, facts):
    Village.objects.filter(project=project, name="Hoven").update(parish="7002")
    response = client_for(facilitator).get(
        reverse("factbase:trends", args=[project.pk]), {"place": "parish:7002", "age_band": "18-29"}
    )
    html = response.content.decode()
    assert "Hoven, alder 18-29, 2008–2009" in html
    table = response.context["figures"][0].data
    assert table.values.tolist() == [[2008, 0, 0, 0], [2009, 0, 12, -12]]


def test_the_chart_marks_the_projects_start(client_for, observer, project, facts):
    project.start = datetime.date(2009, 3, 1)
    project.save(update_fields=["start"])
    response = client_for(observer).get(reverse("factbase:trends", args=[project.pk]))
    figure = response.context["figures"][0]
    assert "Projektstart" in figure.svg and '<svg role="img"' in figure.svg
    project.start = datetime.date(2020, 1, 1)
    project.save(update_fields=["start"])
    later = client_for(observer).get(
        reverse("factbase:trends", args=[project.pk]), {"first": 2008, "last": 2009}
    )
    assert "Projektstart" not in later.context["figures"][0].svg


def test_an_unknown_place_falls_back_to_the_first_area(client_for, observer, project, facts):
    response = client_for(observer).get(
        reverse("factbase:trends", args=[project.pk]), {"place": "area:Nowhere"}
    )
    assert response.status_code == 200
    assert response.context["query"].place == "area:Syd"


def test_every_areas_years_are_shown_together_and_add_up_to_the_period(
    client_for, observer, project, facts
):
    client = client_for(observer)
    response = client.get(reverse("factbase:trends", args=[project.pk]))
    table = next(f for f in response.context["figures"] if f.slug == "trends-areas").data
    assert table.values.tolist() == [
        ["Syd", 2008, 0, 8, -8],
        ["Syd", 2009, 6, "<5", ".."],
        ["Nord", 2008, 20, 0, 20],
        ["Nord", 2009, "<5", 12, ".."],
    ]


def test_the_presentation_shows_the_years_of_every_area(client_for, contact, project, facts):
    project.start = datetime.date(2009, 1, 1)
    project.save(update_fields=["start"])
    response = client_for(contact).get(reverse("factbase:present_slide", args=[project.pk, 2]))
    html = response.content.decode()
    assert "Sådan har det udviklet sig år for år" in html
    assert "Projektstart" in response.context["figure"].svg


def test_the_handbook_shows_the_years_of_every_area(client_for, facilitator, project, facts):
    from samskab.handbook.sections.facts import fact_base

    figures = {figure.slug: figure for figure in fact_base(project, with_charts=False).figures}
    table = figures["trends-areas"].data
    assert list(table["net"]) == [-8, "..", 20, ".."]  # suppressed: the handbook is published


FLOWS = """\
year,from_municipality,to_municipality,from_parish,to_parish,age_band,moves
2008,661,760,,7001,30-44,20
2009,760,760,7003,7001,65+,3
"""


def test_with_counted_moves_the_population_page_says_why_retention_is_missing(
    client_for, facilitator, observer, project, storage
):
    paths = write_register(storage / "flows", **{"flows.csv": FLOWS})
    files = {"register": paths["flows.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"]}  # fmt: skip
    do_import(project, files, individual=False, user=facilitator)
    response = client_for(observer).get(reverse("factbase:population", args=[project.pk]))
    assert [figure.slug for figure in response.context["figures"]] == ["population"]
    assert response.context["figures"][0].svg
    html = response.content.decode()
    assert "Fastholdelse af tilflyttere og tilbageflytning kan ikke vises" in html
    assert "needs moves.csv" not in html
    over_time = client_for(observer).get(reverse("factbase:trends", args=[project.pk]))
    table = next(f for f in over_time.context["figures"] if f.slug == "trends-areas").data
    assert table.values.tolist() == [
        ["Syd", 2008, 0, 0, 0],
        ["Syd", 2009, 0, "<5", ".."],
        ["Nord", 2008, 20, 0, 20],
        ["Nord", 2009, "<5", 0, ".."],
    ]


# Person histories, written out by hand (Nord = 7001 + 7002): a1 (20) comes 2008 and leaves in
# June 2009; a2 (25) comes 2008 and stays; a3 (40) comes from abroad 2008 and stays; a4 (22) left
# in 2007 and comes back in 2009; a5's move inside the municipality ends the register in 2010.
PERSONS = """\
move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age
2007-01-01,760,657,7001,,a4,20
2008-02-01,657,760,,7001,a1,20
2008-03-01,661,760,,7002,a2,25
2008-04-01,abroad,760,,7001,a3,40
2009-05-01,657,760,,7002,a4,22
2009-06-01,760,657,7001,,a1,21
2010-12-31,760,760,7003,7004,a5,50
"""
POPULATION_2007 = "year,parish,population\n" + "".join(
    f"{year},{parish},1000\n" for year in range(2007, 2011) for parish in (7001, 7002, 7003, 7004)
)


@pytest.fixture(name="persons")
def persons_fixture(project, facilitator, storage):
    paths = write_register(
        storage / "persons", **{"moves.csv": PERSONS, "population.csv": POPULATION_2007}
    )
    files = {name: paths[f"{name.replace('register', 'moves')}.csv"]
             for name in ("register", "areas", "population")}  # fmt: skip
    return do_import(project, files, individual=True, user=facilitator)


def _figure_rows(client, project, slug: str, **params) -> list[tuple[str, ...]]:
    address = reverse("factbase:csv", args=[project.pk, slug])
    response = client.get(address, {"first": 2008, "last": 2009, **params})
    return [tuple(row) for row in csv_rows(response)][1:]  # in Danish: decimal commas


def test_a_facilitator_sees_retention_and_return_per_area_and_age_band(
    client_for, facilitator, project, persons
):
    client = client_for(facilitator)
    young = {"place": "area:Nord", "age_band": "18-29"}
    assert _figure_rows(client, project, "trends-retention", **young) == [
        ("Nord", "1", "3", "3", "100,0"),  # a1, a2 (2008) and a4 (2009) a year on
        ("Nord", "2", "2", "1", "50,0"),  # a1 has left, a2 stays; 2009 is not two years old
    ]
    assert _figure_rows(client, project, "trends-returns", **young) == [
        ("2008", "2", "0", "0,0"),
        ("2009", "1", "1", "100,0"),  # a4 had lived there
    ]
    assert _figure_rows(client, project, "trends-retention", place="area:Nord") == [
        ("Nord", "1", "4", "4", "100,0"),
        ("Nord", "2", "3", "2", "66,7"),
    ]
    page = client.get(reverse("factbase:trends", args=[project.pk]), young)
    slugs = [figure.slug for figure in page.context["figures"]]
    assert slugs == ["trends", "trends-retention", "trends-returns", "trends-areas"]


def test_retention_by_age_band_is_the_facilitators_only(client_for, participant, project, persons):
    client = client_for(participant)
    assert _figure_rows(client, project, "trends-retention", place="area:Nord") == []
    assert _figure_rows(client, project, "trends-returns", place="area:Nord") == []
    page = client.get(reverse("factbase:trends", args=[project.pk]), {"place": "area:Nord"})
    assert [figure.slug for figure in page.context["figures"]] == ["trends", "trends-areas"]


def test_a_facilitator_sees_retention_and_return_of_a_village(
    client_for, facilitator, project, persons
):
    # Hoven is parish 7002: a2 moved in in 2008 and a4 in 2009 (a4 had lived in 7001 in 2007);
    # neither has moved since. Parish 7001 (no village) had a1 and a3 in 2008; a1 left in 2009.
    Village.objects.filter(project=project, name="Hoven").update(parish="7002")
    client = client_for(facilitator)
    hoven = {"place": "parish:7002"}
    assert _figure_rows(client, project, "trends-retention", **hoven) == [
        ("Hoven", "1", "2", "2", "100,0"),
        ("Hoven", "2", "1", "1", "100,0"),  # 2009's newcomers are not two years old
    ]
    assert _figure_rows(client, project, "trends-returns", **hoven) == [
        ("2008", "1", "0", "0,0"),
        ("2009", "1", "1", "100,0"),
    ]
    assert _figure_rows(client, project, "trends-retention", age_band="30-44", **hoven) == []
    page = client.get(reverse("factbase:trends", args=[project.pk]), hoven)
    slugs = [figure.slug for figure in page.context["figures"]]
    assert slugs == ["trends", "trends-retention", "trends-returns", "trends-areas"]
    assert "Hoven" in page.content.decode()


def test_an_areas_villages_add_up_to_its_retention(client_for, facilitator, project, persons):
    Village.objects.filter(project=project, name="Hoven").update(parish="7002")
    Village.objects.create(project=project, name="Vester", parish="7001")
    client = client_for(facilitator)
    area = _figure_rows(client, project, "trends-retention", place="area:Nord")
    villages = [
        _figure_rows(client, project, "trends-retention", place=f"parish:{parish}")
        for parish in ("7001", "7002")
    ]
    for years_after, newcomers, stayed in ((row[1], int(row[2]), int(row[3])) for row in area):
        parts = [row for rows in villages for row in rows if row[1] == years_after]
        assert sum(int(row[2]) for row in parts) == newcomers
        assert sum(int(row[3]) for row in parts) == stayed
