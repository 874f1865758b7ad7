"""Pages that belong to no project: the front door, the accessibility statement and the data
contract."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from samskab.common.texts import language_code

# The data contract in English (the same text as docs/data-contract.md) and in Danish.
CONTRACT = Path(__file__).parent / "contract"


def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in person to their projects, anyone else to the sign-in page."""
    if request.user.is_authenticated:
        return redirect("projects:list")
    return redirect("accounts:login")


def accessibility(request: HttpRequest) -> HttpResponse:
    """Show the accessibility statement (webtilgængelighedserklæring)."""
    return render(request, "core/accessibility.html")


def data_contract(request: HttpRequest) -> HttpResponse:
    """Show the data contract (what each input file must hold) in the page's language."""
    context = {"contract": contract_html(language_code(get_language()))}
    return render(request, "core/data_contract.html", context)


@cache
def contract_html(language: str) -> SafeString:
    """Return the data contract in `language` ("da" or "en") as HTML."""
    text = (CONTRACT / f"data-contract.{language}.md").read_text(encoding="utf-8")
    # Our own text; raw HTML in it would be shown as text all the same.
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    # Tables and commands may be wider than a phone: each scrolls sideways in a frame that a
    # keyboard reaches with Tab (as `{% scrollable %}` does for the other tables).
    frame = '<div class="table-wrap" tabindex="0" role="region" aria-label="{}">'
    html = html.replace("<table>", frame.format(_("Table")) + "<table>")
    html = html.replace("</table>", "</table></div>")
    html = html.replace("<pre>", frame.format(_("Command")) + "<pre>")
    html = html.replace("</pre>", "</pre></div>")
    return mark_safe(html)
