"""Importing homes and plots from CSV or XLSX: all or nothing, every problem by row and column,
and a file holding a CPR number refused."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from samskab.housing.models import Home
from samskab.projects.models import Village


def _upload(client, project, name: str, content: bytes, **more):
    url = reverse("housing:import", args=[project.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content), **more})


def _problems(response) -> list[tuple[str, str, str]]:
    """Return the page's problem table as (row, column, problem) texts."""
    import re

    page = response.content.decode()
    body = page[page.index("<tbody>", page.index("alert-error")) :]
    body = body[: body.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [tuple(re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r))
            for r in rows]  # fmt: skip


def test_a_csv_with_danish_names_and_semicolons_is_imported(client_for, project, facilitator):
    text = ("landsby;type;status;areal;værelser;pris;dato;adresse\n"
            "Hoven;parcelhus;til salg;140;5;1.950.000;01-03-2025;Skolevej 4\n"
            "hoven;byggegrund;ledig;900;;350000;;Lodsvej 2\n")  # fmt: skip
    response = _upload(client_for(facilitator), project, "boliger.csv", text.encode("utf-8"))
    assert response.status_code == 302
    homes = Home.objects.filter(village__project=project).order_by("kind")
    assert [(h.kind, h.status, h.area, h.rooms, h.price, str(h.listed), h.address)
            for h in homes] == [
        ("house", "for_sale", 140, 5, 1_950_000, "2025-03-01", "Skolevej 4"),
        ("plot", "plot_available", 900, None, 350_000, "None", "Lodsvej 2"),
    ]  # fmt: skip


def test_every_problem_is_named_by_row_and_column_and_nothing_is_added(
    client_for, project, facilitator
):
    text = ("village,type,status,rooms,price\n"
            "Hoven,house,for_sale,5,1950000\n"
            "Skarrild,house,for_sale,4,1500000\n"
            "Hoven,castle,sold,fire,\n")  # fmt: skip
    response = _upload(client_for(facilitator), project, "homes.csv", text.encode())
    assert response.status_code == 200
    assert _problems(response) == [
        ("3", "village", "“Skarrild” er ikke en landsby i projektet"),
        ("4", "type", "“castle” er ikke en af: house, parcelhus, villa, terraced, rækkehus, "
                      "flat, lejlighed, farm, landbrug, landejendom, plot, byggegrund, grund"),
        ("4", "rooms", "“fire” er ikke et helt tal"),
    ]  # fmt: skip
    assert not Home.objects.exists()


def test_a_missing_required_column_is_named(client_for, project, facilitator):
    response = _upload(client_for(facilitator), project, "homes.csv", b"village,price\nHoven,1\n")
    assert _problems(response) == [("1", "type", "kolonnen mangler"),
                                   ("1", "status", "kolonnen mangler")]  # fmt: skip


def test_a_cpr_number_refuses_the_file_without_showing_it(client_for, project, facilitator):
    text = "village,type,status,address\nHoven,house,for_sale,Skolevej 4\nHoven,flat,for_rent,010203-1234\n"
    response = _upload(client_for(facilitator), project, "homes.csv", text.encode())
    assert _problems(response) == [
        ("3", "address", "indeholder en værdi, der ligner et CPR-nummer; fjern den"),
    ]
    assert "010203-1234" not in response.content.decode()
    assert not Home.objects.exists()


def test_an_xlsx_file_is_read_from_its_first_sheet_and_may_replace_the_register(
    client_for, project, facilitator
):
    hoven = project.villages.get()
    Home.objects.create(village=hoven, kind="flat", status="for_rent")
    book = Workbook()
    sheet = book.active
    sheet.append(["village", "type", "status", "rooms", "price"])
    sheet.append(["Hoven", "terraced", "for_sale", 3, 1_100_000.0])
    data = io.BytesIO()
    book.save(data)
    response = _upload(client_for(facilitator), project, "homes.xlsx", data.getvalue(),
                       replace="on")  # fmt: skip
    assert response.status_code == 302
    assert list(Home.objects.values_list("kind", "rooms", "price")) == [("terraced", 3, 1_100_000)]


def test_a_file_that_is_not_a_workbook_is_refused_in_words(client_for, project, facilitator):
    response = _upload(client_for(facilitator), project, "homes.xlsx", b"not a zip")
    assert _problems(response) == [
        ("", "", "projektmappen er for stor eller kan ikke åbnes; gem den som CSV"),
    ]


def test_a_home_is_added_by_hand(client_for, project, contact):
    hoven = Village.objects.get(project=project)
    data = {"village": hoven.pk, "kind": "plot", "status": "plot_available", "price": "300000"}
    response = client_for(contact).post(reverse("housing:home_add", args=[project.pk]), data)
    assert response.status_code == 302
    assert Home.objects.get().price == 300_000


def test_the_municipalitys_plot_list_is_imported_as_it_is(client_for, project, facilitator):
    text = ("landsby;adresse;areal;pris;status\n"
            "Hoven;Lodsvej 2;900;350.000;til salg\n"
            "Hoven;Lodsvej 4;850;325.000;reserveret\n"
            "Hoven;Lodsvej 6;870;330.000;solgt\n")  # fmt: skip
    response = _upload(client_for(facilitator), project, "grunde.csv", text.encode("utf-8"),
                       plots="on")  # fmt: skip
    assert response.status_code == 302
    homes = Home.objects.order_by("address").values_list("kind", "status", "area", "price")
    assert list(homes) == [
        ("plot", "plot_available", 900, 350_000),
        ("plot", "reserved", 850, 325_000),
        ("plot", "sold", 870, 330_000),
    ]


def test_a_plot_list_is_not_a_register_without_its_option(client_for, project, facilitator):
    text = "landsby;adresse;status\nHoven;Lodsvej 2;til salg\n"
    response = _upload(client_for(facilitator), project, "grunde.csv", text.encode("utf-8"))
    assert _problems(response) == [("1", "type", "kolonnen mangler")]
