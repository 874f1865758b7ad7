"""The welcome letters: a PDF and a mail-merge CSV with a personal opt-in code per person, none
for a protected one; the addresses are not kept; a code signs its newcomer up once."""

from __future__ import annotations

import csv
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.projects.models import AuditEvent
from samskab.welcome.models import LetterCode, Person, VillagePage

from .test_welcome_signup import NEWCOMER
from .welcome_fixtures import hoven_page_fixture  # noqa: F401  (fixture)

ADDRESSES = (
    "name;address;postcode;town;protected\n"
    "Ida Holm;Bygaden 4;6950;Ringkøbing;\n"
    "Skjult Person;Hemmelig Vej 1;6950;Ringkøbing;ja\n"
    "Karen Bach;Kirkevej 2;6950;Ringkøbing;nej\n"
)


def _make_letters(client, project, text=ADDRESSES):
    upload = SimpleUploadedFile("adresser.csv", text.encode("utf-8"))
    data = {"village": project.villages.get().pk, "addresses": upload}
    return client.post(reverse("welcome:letters", args=[project.pk]), data)


def _bundle(response) -> tuple[bytes, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        pdf = bundle.read("letters.pdf")
        text = bundle.read("letters.csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))  # made in Danish
    return pdf, rows


def test_each_unprotected_person_gets_a_letter_with_a_code(client_for, facilitator, project):
    response = _make_letters(client_for(facilitator), project)
    assert response["Content-Type"] == "application/zip"
    pdf, rows = _bundle(response)
    assert pdf.startswith(b"%PDF")
    assert [row["name"] for row in rows] == ["Ida Holm", "Karen Bach"]
    codes = sorted(LetterCode.objects.values_list("code", flat=True))
    assert sorted(row["code"] for row in rows) == codes and len(set(codes)) == 2
    slug = VillagePage.objects.get().slug
    assert rows[0]["link"].endswith(f"/v/{slug}/?code={rows[0]['code']}")


def test_the_addresses_are_not_kept(client_for, facilitator, project):
    _make_letters(client_for(facilitator), project)
    assert not Person.objects.exists()
    stored = [str(vars(code)) for code in LetterCode.objects.all()]
    stored += [event.detail for event in AuditEvent.objects.all()]
    assert not any("Bygaden" in text or "Ida" in text or "Skjult" in text for text in stored)
    assert AuditEvent.objects.get().detail == "Hoven: 2"


def test_a_file_without_the_columns_is_refused_with_the_reason(client_for, facilitator, project):
    response = _make_letters(client_for(facilitator), project, "navn;vej\nIda;Bygaden 4\n")
    assert "Filen har ingen kolonne name, address, postcode, town." in response.content.decode()
    assert not LetterCode.objects.exists()


def test_a_letters_code_signs_up_its_newcomer_once(client, client_for, facilitator, project):
    _, rows = _bundle(_make_letters(client_for(facilitator), project))
    slug = VillagePage.objects.get().slug
    page = client.get(f"/v/{slug}/?code={rows[0]['code']}").content.decode()
    assert f'value="{rows[0]["code"]}"' in page
    url = reverse("welcome_public:sign_up_newcomer", args=[slug])
    client.post(url, {**NEWCOMER, "newcomer-code": rows[0]["code"].lower()})
    assert Person.objects.get().source == "letter"
    again = client.post(url, {**NEWCOMER, "newcomer-code": rows[0]["code"]})
    assert "Koden gælder ikke for denne landsby." in again.content.decode()
    assert Person.objects.count() == 1


def test_a_file_that_is_not_csv_is_refused_with_the_reason(client_for, facilitator, project):
    text = 'name,address,postcode,town\n"Ida"x,Bygaden,6950,Ringkøbing\n'  # a stray quote
    response = _make_letters(client_for(facilitator), project, text)
    assert "Filen er ikke en CSV-fil." in response.content.decode()
    binary = client_for(facilitator).post(
        reverse("welcome:letters", args=[project.pk]),
        {"village": project.villages.get().pk,
         "addresses": SimpleUploadedFile("x.csv", b"\xff\xfe\x00garbage")},
    )  # fmt: skip
    assert "Filen er ikke UTF-8-tekst." in binary.content.decode()
    assert not LetterCode.objects.exists()


def test_a_cpr_number_in_the_address_file_is_refused_without_being_shown(
    client_for, facilitator, project
):
    client = client_for(facilitator)
    for text, row, column in (
        (ADDRESSES + "Per Dal;Åvej 1;6950;Ringkøbing;120388-2231\n", 5, 5),
        ("name;address;postcode;town;120388 2231\nIda Holm;Bygaden 4;6950;Ringkøbing;\n", 1, 5),
        # Excel's number, its leading zero lost (080987-1234), in a cell beyond the header's.
        (ADDRESSES + "Per Dal;Åvej 1;6950;Ringkøbing;;809871234\n", 5, 6),
    ):  # fmt: skip
        page = _make_letters(client, project, text).content.decode()
        assert (f"Række {row}, kolonne {column} indeholder en værdi, der ligner et CPR-nummer"
                in page), page  # fmt: skip
        assert "2231" not in page and "809871234" not in page
    assert not LetterCode.objects.exists()
