"""StatBank FLY66 on the web: each year's balance kept with the project, shown for a period
with a chart, thousands separators and what was read, and as a slide in presentation mode."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.factbase.models import StatbankYear

from ..facts.fly66_layouts import COUNTS, LAYOUTS
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401  (fixtures)

# Moves into and out of Ringkøbing-Skjern (760), the project's municipality, as the API writes
# them: 2023 and 2024. 760 in 2023: in 1,500 + 40, out 900 + 30; 2024: in 120 + 40, out 90 + 30.
FLY66 = """\
TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD
657;760;2023;900
661;760;2023;30
760;657;2023;1500
760;661;2023;40
657;661;2024;15
657;760;2024;90
661;657;2024;25
661;760;2024;30
760;657;2024;120
760;661;2024;40
"""


def url(project, **query: object) -> str:
    base = reverse("factbase:statbank", args=[project.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def upload(client, project, *files: tuple[str, bytes]):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(url(project), {"file": uploads})


def test_the_balance_is_kept_per_year_and_the_file_is_not(
    client_for, facilitator, project, storage
):
    response = upload(client_for(facilitator), project, ("fly66.csv", FLY66.encode()))
    assert response.status_code == 302 and response["Location"] == url(
        project, first=2023, last=2024
    )
    kept = {y.year: y for y in StatbankYear.objects.filter(project=project)}
    assert sorted(kept) == [2023, 2024]
    assert kept[2024].balance == [[657, 105, 145], [661, 55, 55], [760, 160, 120]]
    assert kept[2023].moves == 900 + 30 + 1500 + 40
    assert kept[2024].reading["moves"] == kept[2023].reading["moves"] == 2470 + 320
    assert kept[2024].uploaded_by == facilitator
    assert not any((storage / "uploads").rglob("*fly66.csv"))


def test_the_page_shows_the_period_with_the_projects_municipality_first(
    client_for, facilitator, project, storage
):
    client = client_for(facilitator)
    upload(client, project, ("fly66.csv", FLY66.encode()))
    response = client.get(url(project, first=2023, last=2024))
    result = response.context["result"]
    assert (result.first, result.last, result.missing) == (2023, 2024, [])
    own = result.rows[0]
    assert own["municipality"] == "Ringkøbing-Skjern" and own["own"]
    assert (own["moves_in"], own["moves_out"], own["net"]) == (1540 + 160, 930 + 120, 650)
    assert result.per_year.values.tolist() == [[2023, 1540, 930, 610], [2024, 160, 120, 40]]
    html = response.content.decode()
    # Danish thousands separators, a sign on the net, and the chart as accessible SVG.
    assert '<td class="num">1.700</td><td class="num">1.050</td><td class="num">+650</td>' in html
    assert (
        '<svg role="img" aria-label="Flytninger mellem Ringkøbing-Skjern og de andre kommuner'
        in html
    )
    assert "2.790" in html  # moves read, in "what was read"


def test_a_later_file_replaces_its_years_only(client_for, facilitator, project, storage):
    client = client_for(facilitator)
    upload(client, project, ("fly66.csv", FLY66.encode()))
    again = "TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n760;657;2024;7\n"
    upload(client, project, ("fly66_2024.csv", again.encode()))
    kept = {y.year: y for y in StatbankYear.objects.filter(project=project)}
    assert kept[2024].balance == [[657, 0, 7], [760, 7, 0]]
    assert kept[2023].moves == 2470
    readings = client.get(url(project, first=2023, last=2024)).context["result"].readings
    assert [(r["kept"], [f["file"] for f in r["reading"]["files"]]) for r in readings] == [
        ([2023], ["fly66.csv"]),
        ([2024], ["fly66_2024.csv"]),
    ]


def test_a_period_with_a_year_not_kept_shows_no_balance(client_for, facilitator, project, storage):
    client = client_for(facilitator)
    upload(client, project, ("2020.csv", b"TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n760;657;2020;7\n"))
    upload(client, project, ("2024.csv", b"TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n760;657;2024;9\n"))
    response = client.get(url(project, first=2020, last=2024))
    assert response.context["result"].missing == [2021, 2022, 2023]
    assert response.context["svg"] is None
    assert "mangler 2021, 2022, 2023" in response.content.decode()
    # Without a period: the last run of kept years.
    assert client.get(url(project)).context["result"].first == 2024


def test_a_download_split_over_files_without_headings_is_read_whole(
    client_for, facilitator, project, storage
):
    layout = next(x for x in LAYOUTS if x.name == "ages-across-no-heading-split-latin1")
    response = upload(client_for(facilitator), project, *layout.write())
    assert response.status_code == 302
    kept = StatbankYear.objects.filter(project=project)
    assert sum(y.moves for y in kept) == sum(v for k, v in COUNTS.items() if k[1] != k[2])
    reading = kept[0].reading
    assert (len(reading["files"]), reading["moves"]) == (4, sum(COUNTS.values()))
    page = client_for(facilitator).get(response["Location"]).content.decode()
    assert f"{sum(COUNTS.values()):,}".replace(",", ".") in page
    assert "10 counts a line, added up" in page


def test_a_broken_file_shows_its_problems_and_keeps_nothing(
    client_for, facilitator, project, storage
):
    response = upload(
        client_for(facilitator),
        project,
        ("fly66.csv", b"TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n657;661;2024;x\n"),
    )
    assert response.status_code == 400
    problems = response.context["problems"]
    assert problems and problems[0].file == "fly66.csv"
    assert "<td>fly66.csv</td>" in response.content.decode()
    assert not StatbankYear.objects.exists()


def test_problems_name_the_files_as_the_user_knows_them(client_for, facilitator, project, storage):
    same = FLY66.encode()
    response = upload(client_for(facilitator), project, ("a.csv", same), ("b.csv", same))
    assert [(p.file, p.message) for p in response.context["problems"]] == [
        ("b.csv", "the same content as a.csv: read twice, its moves would count twice")
    ]


def test_the_page_speaks_english_with_english_separators(client_for, facilitator, project, storage):
    client = client_for(facilitator)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    upload(client, project, ("fly66.csv", FLY66.encode()))
    html = client.get(url(project, first=2023, last=2024)).content.decode()
    assert '<td class="num">1,700</td>' in html and "What was read" in html


def slide(client, project, number: int):
    return client.get(reverse("factbase:present_slide", args=[project.pk, number]))


def test_presentation_mode_ends_with_the_statbank_slide_when_figures_are_kept(
    client_for, facilitator, project, facts
):
    client = client_for(facilitator)
    assert slide(client, project, 6).status_code == 404
    upload(client, project, ("fly66.csv", FLY66.encode()))
    response = slide(client, project, 6)
    assert response.status_code == 200 and response.context["count"] == 7
    html = response.content.decode()
    assert "Kommunen og de andre (Statistikbanken)" in html
    assert (
        '<th scope="row">2023</th><td class="num">1.540</td><td class="num">930</td><td class="num">+610</td>'
        in html
    )
    assert '<svg role="img"' in html
    assert 'rel="next"' not in html and 'rel="prev"' in html
    assert 'rel="next"' in slide(client, project, 5).content.decode()
