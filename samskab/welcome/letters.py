"""The municipality's welcome letters as a mail merge: the addresses it supplies from its own
systems go in (a CSV file), one letter per person comes out as a PDF and as a CSV row, each
with a personal opt-in code for the village's page. The addresses live only in memory while the
letters are made; only the codes are kept. People with protected name and address get none."""

from __future__ import annotations

import csv
import io
import secrets
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskab.core.exports import csv_text
from samskab.core.links import absolute_url
from samskab.facts.cpr import header_positions, is_cpr_shaped
from samskab.welcome.models import VillagePage

COLUMNS = ("name", "address", "postcode", "town")  # and, optionally, "protected"
PROTECTED = {"1", "yes", "ja", "true", "x"}
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mistake
CODE_LENGTH = 8


@dataclass(frozen=True)
class Letter:
    name: str
    address: str
    postcode: str
    town: str
    code: str = ""


def new_code() -> str:
    """Return a random opt-in code (8 letters and digits: 32⁸, about 10¹², to guess from)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def read_addresses(data: bytes) -> list[Letter]:
    """Return a letter for each row of the CSV file (name, address, postcode, town), but
    none for a row marked protected; ValidationError naming what is wrong."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text.")) from error
    delimiter = ";" if ";" in text[:200] else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = list(reader.fieldnames or [])
        every_row = list(reader)
    except csv.Error as error:
        raise ValidationError(_("The file is not a CSV file.")) from error
    _refuse_cpr(header, every_row)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(_("The file has no column %(columns)s.") % {
            "columns": ", ".join(missing)})  # fmt: skip
    rows = [row for row in every_row if not _protected(row)]
    return [Letter(*(str(row[c] or "").strip() for c in COLUMNS)) for row in rows]


def _refuse_cpr(header: list[str], rows: list[dict[Any, Any]]) -> None:
    """Raise ValidationError naming every row and column (by its number) that holds a value
    shaped like a CPR number, in the header too, never the value: letters need names and
    addresses only, and a CPR number must not reach a letter or its mail merge."""
    found = [(1, position) for position in header_positions(header)]
    for number, row in enumerate(rows, start=2):
        values = [*row.values()]
        extra = values.pop() if None in row else []  # cells beyond the header's columns
        cells = [*values, *(extra or [])]
        found += [(number, position) for position, value in enumerate(cells, start=1)
                  if isinstance(value, str) and is_cpr_shaped(value)]  # fmt: skip
    if found:
        raise ValidationError([
            _("Row %(row)s, column %(column)s holds a value shaped like a CPR number; remove "
              "it: the letters need names and addresses only.") % {"row": row, "column": column}
            for row, column in found[:20]
        ])  # fmt: skip


def _protected(row: dict[str, str | None]) -> bool:
    return str(row.get("protected") or "").strip().lower() in PROTECTED


def opt_in_link(page: VillagePage, code: str) -> str:
    """Return the address that opens the village's sign-up with the code filled in."""
    return absolute_url(reverse("welcome_public:village_page", args=[page.slug]) + f"?code={code}")


def letters_zip(page: VillagePage, letters: list[Letter]) -> bytes:
    """Return a zip with letters.pdf (one page per letter) and letters.csv (the mail merge)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    rows = [{"letter": letter, "link": opt_in_link(page, letter.code)} for letter in letters]
    context = {"village": page.village, "rows": rows, "page_url": absolute_url(
        reverse("welcome_public:village_page", args=[page.slug]))}  # fmt: skip
    html = render_to_string("welcome/letters.html", context)
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"])).write_pdf()
    table = [[*COLUMNS, "code", "link"]]
    table += [[*(getattr(r["letter"], c) for c in COLUMNS), r["letter"].code, r["link"]]
              for r in rows]  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("letters.pdf", pdf)
        bundle.writestr("letters.csv", csv_text(table, language=get_language()))
    return out.getvalue()
