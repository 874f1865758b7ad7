"""The fact-base pages for every persona: who sees what, exact or suppressed."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
from django.urls import reverse
from PIL import Image

from samskab.factbase.charts import map_chart, render

from .test_factbase_import import (  # noqa: F401  (fixtures)
    boundaries_text,
    facts_fixture,
    storage_fixture,
)

# Who may open which fact-base page (by GET and POST, members, an outsider, an anonymous
# visitor) is written out in test_project_access.py's table of every URL.


def url(name: str, project, *args) -> str:
    return reverse(name, args=[project.pk, *args])


def test_the_overview_shows_the_net_migration_table_and_its_chart(
    client_for, facilitator, project, facts
):
    response = client_for(facilitator).get(url("factbase:overview", project))
    html = response.content.decode()
    assert '<svg role="img" aria-label="' in html and "<title>" in html
    table = response.context["figures"][0].data
    assert list(table["area"]) == ["Syd", "Nord", "Parish unknown or outside the areas", "Total"]
    assert list(table["net_total"]) == [-5, 11, 0, 6]


def test_the_period_defaults_to_the_first_six_years_and_can_be_chosen(
    client_for, facilitator, project, facts
):
    client = client_for(facilitator)
    assert client.get(url("factbase:overview", project)).context["form"].query().last_year == 2009
    chosen = client.get(url("factbase:overview", project), {"first": 2009, "last": 2009})
    assert list(chosen.context["figures"][0].data["net_total"]) == [3, -9, 0, -6]


def test_a_period_that_ends_before_it_starts_is_refused(client_for, facilitator, project, facts):
    response = client_for(facilitator).get(
        url("factbase:overview", project), {"first": 2009, "last": 2008}
    )
    assert "Perioden skal slutte i eller efter det år, den begynder." in response.content.decode()


# What each role sees of the net-migration table: Nord's internal moves (3) are a small cell.
SEES = {
    "facilitator": "exact", "contact": "suppressed", "village_representative": "suppressed",
    "participant": "suppressed", "expert": "suppressed", "observer": "suppressed",
}  # fmt: skip


def test_only_the_facilitator_sees_exact_small_numbers(request, client_for, project, facts):
    seen = {}
    for persona in SEES:
        client = client_for(request.getfixturevalue(persona))
        response = client.get(url("factbase:csv", project, "net-migration"))
        nord = response.content.decode("utf-8-sig").splitlines()[2]
        seen[persona] = (
            "exact" if nord == "Nord;3;8;11;1500;0,7" else
            "suppressed" if nord.startswith("Nord;..;") else nord
        )  # fmt: skip
    assert seen == SEES


def test_others_see_small_flows_suppressed(client_for, participant, project, facts):
    flows = client_for(participant).get(url("factbase:flows", project)).content.decode()
    assert "&lt;5" in flows


def test_the_top_lists_show_small_flows_only_to_facilitators(
    client_for, facilitator, observer, project, facts
):
    address = url("factbase:csv", project, "destinations")
    exact = client_for(facilitator).get(address).content.decode("utf-8-sig")
    hidden = client_for(observer).get(address).content.decode("utf-8-sig")
    assert "Syd;1;Herning;Kommune;8;72,7" in exact and "Syd;2;Nord;Område;3;27,3" in exact
    # No share for others: with the shown moves it would give the area's total, and that less
    # the shown destinations the hidden one.
    assert hidden.splitlines() == [
        "Område;Nr.;Destination;Type;Flytninger",
        "Syd;1;Herning;Kommune;8",
        "Syd;2;Nord;Område;<5",
        "Nord;1;Udlandet;Udlandet;12",
    ]


def test_a_csv_download_is_an_attachment_of_the_chosen_period(
    client_for, facilitator, project, facts
):
    response = client_for(facilitator).get(
        url("factbase:csv", project, "return-migration"), {"first": 2008, "last": 2009}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert (
        response["Content-Disposition"] == 'attachment; filename="return-migration-2008-2009.csv"'
    )


def test_no_page_or_file_holds_a_persons_record(client_for, facilitator, project, facts):
    client = client_for(facilitator)
    for name in ("factbase:overview", "factbase:flows", "factbase:population", "factbase:map"):
        assert "P00001" not in client.get(url(name, project)).content.decode()
    assert client.get(url("factbase:csv", project, "moves")).status_code == 404


def test_the_flow_filters_rerender_only_the_results_for_htmx(
    client_for, facilitator, project, facts
):
    response = client_for(facilitator).get(
        url("factbase:flows", project),
        {"household_type": "couple_no_children"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="flow-results"') and "<html" not in html
    destinations = _figure(response, "destinations").data
    assert list(destinations["destination"]) == ["Nord"]


def test_the_flow_filters_work_as_a_plain_form(client_for, facilitator, project, facts):
    response = client_for(facilitator).get(url("factbase:flows", project), {"age_band": "18-29"})
    html = response.content.decode()
    assert "<html" in html and 'hx-get="' in html and 'method="get"' in html
    assert list(_figure(response, "destinations").data["destination"]) == ["abroad"]


def test_the_map_colours_the_parishes(client_for, facilitator, project, facts):
    response = client_for(facilitator).get(url("factbase:map", project))
    figure = response.context["figures"][0]
    assert figure.svg is not None and "<path" in figure.svg
    assert "Nord" in figure.svg


def test_the_population_page_shows_retention_and_return_migration(
    client_for, observer, project, facts
):
    response = client_for(observer).get(url("factbase:population", project))
    slugs = [figure.slug for figure in response.context["figures"]]
    assert slugs == ["population", "retention", "return-migration"]
    assert all(figure.svg for figure in response.context["figures"])


def test_a_project_without_data_says_so(client_for, facilitator, observer, project, storage):
    response = client_for(facilitator).get(url("factbase:overview", project))
    assert "Brug demodata" in response.content.decode()
    assert (
        "Brug demodata"
        not in client_for(observer).get(url("factbase:overview", project)).content.decode()
    )
    assert client_for(observer).get(url("factbase:csv", project, "map")).status_code == 404


def test_the_presentation_steps_through_its_slides(client_for, contact, project, facts):
    client = client_for(contact)
    first = client.get(url("factbase:present", project)).content.decode()
    assert 'rel="next" accesskey="n"' in first and 'rel="prev"' not in first
    for number in range(1, 7):
        assert client.get(url("factbase:present_slide", project, number)).status_code == 200
    assert client.get(url("factbase:present_slide", project, 7)).status_code == 404


def _figure(response, slug):
    return next(f for f in response.context["figures"] if f.slug == slug)


def test_the_flow_map_shows_moves_between_areas_only(client_for, facilitator, project, facts):
    response = client_for(facilitator).get(url("factbase:flows", project))
    table = _figure(response, "flow-map").data
    areas = set(project.areas.values_list("name", flat=True))
    assert set(table["origin"]) <= areas and set(table["destination"]) <= areas
    assert (table["origin"] != table["destination"]).all()
    assert 'id="flow-map"' in response.content.decode()


def _geoshapes(svg: str) -> list[str]:
    """Return the fill of every parish drawn on a map (the geoshape marks of its SVG)."""
    group = re.search(r'<g class="mark-shape role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    assert group is not None
    return re.findall(r'<path[^>]*fill="([^"]+)"', group[1])


def test_the_map_draws_every_parish_grey_where_its_figure_is_hidden(
    client_for, facilitator, observer, project, facts
):
    parishes = len(json.loads(boundaries_text())["features"])
    exact = _geoshapes(
        _figure(client_for(facilitator).get(url("factbase:map", project)), "map").svg
    )
    shown = client_for(observer).get(url("factbase:map", project))
    suppressed = _geoshapes(_figure(shown, "map").svg)
    assert len(exact) == len(suppressed) == parishes
    assert "#cccccc" not in exact
    assert "#cccccc" in suppressed  # the small register's areas are small


def _square(x: float, pct: float) -> dict:
    ring = [[x, 56.0], [x, 56.1], [x + 0.1, 56.1], [x + 0.1, 56.0], [x, 56.0]]  # clockwise
    return {"type": "Feature", "properties": {"pct": pct},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


def test_the_maps_colours_run_as_far_on_both_sides_of_zero():
    """Two losses of about the same size get about the same deep red, not red and white."""
    shapes = {"shapes": {"features": [_square(8.0, -9.1), _square(8.2, -8.7)]}, "labels": []}
    fills = _geoshapes(str(render(map_chart(shapes), title="map")))
    channels = [
        [int(c) for c in fill.removeprefix("rgb(").rstrip(")").split(",")] for fill in fills
    ]
    assert all(green < 60 for _red, green, _blue in channels), fills
    assert abs(channels[0][0] - channels[1][0]) < 30, fills


def test_the_maps_colour_bar_prints_in_pdf_and_has_an_id_of_its_own(tmp_path):
    """Both parishes lost people, so the only blue on the printed page is the colour bar's gain
    end; and two maps on one page do not share a gradient's id."""
    from weasyprint import HTML

    losses = {"shapes": {"features": [_square(8.0, -9.1), _square(8.2, -8.7)]}, "labels": []}
    gains = {"shapes": {"features": [_square(8.0, 3.0), _square(8.2, 1.0)]}, "labels": []}
    first, second = (str(render(map_chart(shapes), title="map")) for shapes in (losses, gains))
    ids = [re.findall(r'<linearGradient id="([^"]+)"', svg) for svg in (first, second)]
    assert len(ids[0]) == len(ids[1]) == 1 and ids[0] != ids[1]
    HTML(string=f"<html><body>{first}</body></html>").write_pdf(tmp_path / "map.pdf")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(tmp_path / "map.pdf"),
                    str(tmp_path / "map")], check=True)  # fmt: skip
    (page,) = tmp_path.glob("map*.png")
    red, green, blue = np.asarray(Image.open(page).convert("RGB")).astype(int).transpose(2, 0, 1)
    assert ((blue > 120) & (red < 90) & (green < 130)).sum() > 20
