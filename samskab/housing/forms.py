"""The forms of the housing register: a home, an uploaded file, a segment's demand, a note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.widgets import DATE_INPUT
from samskab.housing.models import Demand, Home, Kind, Note
from samskab.projects.models import Project


class HomeForm(forms.ModelForm):
    class Meta:
        model = Home
        fields = ["village", "kind", "status", "area", "rooms", "price", "listed", "address"]
        widgets = {"listed": DATE_INPUT}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = project.villages.all()  # type: ignore[attr-defined]


class SpreadsheetForm(forms.Form):
    """A CSV or XLSX file to import (its `file` field set by each form)."""

    file: forms.FileField

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload


class ImportForm(SpreadsheetForm):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_("The first row names the columns: village, type, status, area, rooms, "
                    "price, listed, address (or in Danish: landsby, type, status, areal, "
                    "værelser, pris, dato, adresse)."),
    )  # fmt: skip
    plots = forms.BooleanField(
        label=_("The file is the municipality's list of building plots (every row a plot)"),
        required=False,
    )
    replace = forms.BooleanField(
        label=_("Replace the whole register with the file"), required=False
    )


class DemandForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("types of home"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Demand
        fields = ["segment", "kinds", "min_rooms", "max_price", "share"]

    def __init__(self, *args: Any, project: Project, segments: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        if segments:
            self.fields["segment"].help_text = _("The project's segments: %(names)s.") % {
                "names": ", ".join(segments)
            }

    def clean_segment(self) -> str:
        segment: str = self.cleaned_data["segment"].strip()
        taken = self.project.housing_demands.filter(segment__iexact=segment)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This target group already has its demand."))
        return segment

    def clean_share(self) -> int | None:
        share: int | None = self.cleaned_data["share"]
        if share is not None and share > 100:
            raise forms.ValidationError(_("A share is at most 100 %."))
        return share


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class BbrForm(SpreadsheetForm):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_("The municipality's extract of the building register, a row per dwelling: "
                    "landsby or sognekode, anvendelse (the BBR code, e.g. 120), and as far as "
                    "the extract has them boligareal, antal værelser, opførelsesår, beboet or "
                    "antal beboere, flexbolig, kondemneret, adresse."),
    )  # fmt: skip
