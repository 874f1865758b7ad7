"""The forms of "where people really go": the place and direction beside the flow filters, and
the municipality boundary file for the map."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from samskab.factbase.forms import BOUNDARY_SUFFIXES, FlowFilterForm, check_file
from samskab.factbase.where import ALL_AREAS, DIRECTIONS, Place


class WhereForm(FlowFilterForm):
    """The place (the project's areas, one area, or, with exact figures, a village or parish),
    the direction, the period and filters."""

    place = forms.ChoiceField(label=_("Place"), required=False)
    direction = forms.ChoiceField(label=_("Show"), required=False, choices=list(DIRECTIONS.items()))

    def __init__(
        self, data: Any, *, areas: list[str], parishes: list[tuple[Any, Any]], **kwargs: Any
    ) -> None:
        if data and any(name in data for name in ("place", "direction")) and "first" not in data:
            data = data.copy()
            data["first"] = ""  # a link with only a place or direction keeps the default period
        super().__init__(data, **kwargs)
        own = [(ALL_AREAS, _("The project's areas together"))] + [(name, name) for name in areas]
        # A person without exact figures is offered no parish (see factbase.parish_where).
        self.fields["place"].choices = [(_("Areas"), own), *parishes] if parishes else own

    def chosen(self) -> Place:
        """Return the chosen place and direction (the project's areas, net, by default)."""
        if not (self.is_bound and self.is_valid()):
            return Place()
        return Place(self.cleaned_data["place"] or ALL_AREAS,
                     self.cleaned_data["direction"] or "net")  # fmt: skip


class OutlinesForm(forms.Form):
    file = forms.FileField(
        label=_("Municipality boundaries"),
        help_text=_("DAGI municipalities (kommuner) as TopoJSON or GeoJSON, for the map."),
    )

    def clean_file(self) -> UploadedFile | None:
        return check_file(self.cleaned_data.get("file"), BOUNDARY_SUFFIXES)
