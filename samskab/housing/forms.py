"""The forms of the housing register: a home, an uploaded file, a segment's demand (by hand or
from the survey), a note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.widgets import DATE_INPUT
from samskab.housing.models import Demand, Home, Kind, Note
from samskab.housing.survey_demand import (
    DEFAULT_THRESHOLD,
    Questions,
    guess_kind,
    guess_price,
    guess_rooms,
    usable_items,
)
from samskab.projects.models import Project
from samskab.segments.codebook import Codebook, Item


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
        label=_("Types of home"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple
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


NOT_ASKED = ""


class SurveyQuestionsForm(forms.Form):
    """Which questions of the survey ask about the home wanted (chosen before their answers are
    mapped, so the mapping shows the right answers)."""

    kind_item = forms.ChoiceField(label=_("The question on the type of home wanted"))
    rooms_item = forms.ChoiceField(label=_("The question on the rooms wanted"), required=False)
    price_item = forms.ChoiceField(label=_("The question on the price"), required=False)

    def __init__(self, *args: Any, codebook: Codebook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        not_asked = [(NOT_ASKED, _("— the survey does not ask"))]
        for role in ("kind", "rooms", "price"):
            choices = [(item.name, _question(item)) for item in usable_items(codebook, role)]
            field = self.fields[f"{role}_item"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices if role == "kind" else not_asked + choices


def _question(item: Item) -> str:
    return f"{item.title()} ({item.name})" if item.question else item.name


class SurveyDemandForm(forms.Form):
    """What the answers of the chosen questions mean — a type of home, a number of rooms, a price
    at most — pre-filled from their labels, and which segments get their demand from them."""

    threshold = forms.IntegerField(
        label=_("A type of home counts when at least this share of a segment wants it (%)"),
        min_value=1, max_value=100, initial=DEFAULT_THRESHOLD,
    )  # fmt: skip
    segments = forms.TypedMultipleChoiceField(
        label=_("Set the demand of these segments"), coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(
        self, *args: Any, codebook: Codebook, items: dict[str, str | None],
        names: list[tuple[int, str]], **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.items = items
        self.codebook = codebook
        segments = self.fields["segments"]
        assert isinstance(segments, forms.TypedMultipleChoiceField)
        segments.choices = names
        segments.initial = [k for k, _ in names]
        for role, name in items.items():
            self.fields[f"{role}_item"] = forms.CharField(
                widget=forms.HiddenInput, initial=name or "", required=False
            )
        self.kind_fields = self._answers("kind", self._kind_field)
        self.rooms_fields = self._answers("rooms", self._rooms_field)
        self.price_fields = self._answers("price", self._price_field)

    def _answers(self, role: str, make: Any) -> list[tuple[str, list[forms.BoundField]]]:
        """Add a field (or two) per answer of the role's question; return (label, its fields)."""
        name = self.items.get(role)
        if not name or not self.codebook[name].is_coded:
            return []
        rows = []
        for code, label in sorted(self.codebook[name].labels.items()):
            if code in self.codebook[name].missing:
                continue
            keys = make(_key(code), label)
            rows.append((label, [self[key] for key in keys]))
        return rows

    def _kind_field(self, key: str, label: str) -> list[str]:
        self.fields[f"kind_{key}"] = forms.ChoiceField(
            label=label, required=False, initial=guess_kind(label),
            choices=[("", _("— not a type of home")), *Kind.choices],
        )  # fmt: skip
        return [f"kind_{key}"]

    def _rooms_field(self, key: str, label: str) -> list[str]:
        self.fields[f"rooms_{key}"] = forms.IntegerField(
            label=label, required=False, min_value=1, max_value=50, initial=guess_rooms(label),
        )  # fmt: skip
        return [f"rooms_{key}"]

    def _price_field(self, key: str, label: str) -> list[str]:
        named, price = guess_price(label)
        self.fields[f"price_{key}"] = forms.IntegerField(
            label=label, required=False, min_value=0, initial=price,
        )  # fmt: skip
        self.fields[f"open_{key}"] = forms.BooleanField(
            label=_("no upper bound"), required=False, initial=named and price is None
        )
        return [f"price_{key}", f"open_{key}"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            self.items.get("kind")
            and self.kind_fields
            and not any(
                data.get(f"kind_{_key(code)}")
                for code in self.codebook[str(self.items["kind"])].labels
            )
        ):
            raise forms.ValidationError(_("Say which answers name a type of home."))
        return data

    def questions(self) -> Questions:
        """Return the questions and the meaning of their answers, as the form says."""
        data = self.cleaned_data
        kind_item = str(self.items["kind"])
        kinds = {code: data.get(f"kind_{_key(code)}") or ""
                 for code in self.codebook[kind_item].labels}  # fmt: skip
        rooms_item, price_item = self.items.get("rooms"), self.items.get("price")
        rooms = prices = None
        if rooms_item and self.codebook[rooms_item].is_coded:
            rooms = {code: data[f"rooms_{_key(code)}"]
                     for code in self.codebook[rooms_item].labels
                     if data.get(f"rooms_{_key(code)}") is not None}  # fmt: skip
        if price_item and self.codebook[price_item].is_coded:
            prices = {}
            for code in self.codebook[price_item].labels:
                key = _key(code)
                if data.get(f"open_{key}"):
                    prices[code] = None
                elif data.get(f"price_{key}") is not None:
                    prices[code] = data[f"price_{key}"]
        return Questions(kind_item, kinds, rooms_item or None, rooms, price_item or None, prices,
                         threshold=data["threshold"])  # fmt: skip


def _key(code: float) -> str:
    """Return a field name's part for an answer code ("-1" → "m1", "2.5" → "2_5")."""
    text = str(int(code)) if float(code).is_integer() else str(code)
    return text.replace("-", "m").replace(".", "_")
