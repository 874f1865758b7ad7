"""Forms for surveys, codebooks, fits and segment names; every label translatable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from samskab.segments.codebook import Codebook, Item, Kind, Role
from samskab.segments.survey import SUFFIXES

KIND_CHOICES = [
    ("categorical", _("Categories")),
    ("ordinal", _("Ordered scale")),
    ("numeric", _("Number")),
    ("text", _("Open text")),
]
ROLE_CHOICES = [
    ("segmenting", _("Forms segments")),
    ("descriptive", _("Describes only")),
]
CODED = ("categorical", "ordinal")


class SurveyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Survey file"),
        help_text=_("CSV, XLSX (a data sheet, optionally a labels sheet) or SPSS .sav; one row "
                    "per respondent, one column per question."),
    )  # fmt: skip

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(_("Upload a CSV, XLSX or SPSS .sav file."))
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload


class ItemForm(forms.Form):
    """One codebook item: its kind and role; labels are shown, not edited."""

    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") == "segmenting" and data.get("kind") not in CODED:
            raise forms.ValidationError(
                _("Only items with answer categories or a scale can form segments.")
            )
        return data


ItemFormSet = forms.formset_factory(ItemForm, extra=0)


def codebook_formset(codebook: Codebook, data: Any = None) -> Any:
    """Return a formset with one form per item of the codebook, in its order."""
    initial = [{"kind": item.kind, "role": item.role} for item in codebook.items]
    formset = ItemFormSet(data, initial=initial)
    for form, item in zip(formset.forms, codebook.items, strict=False):
        form.item = item
        for name in ("kind", "role"):
            field = form.fields[name]
            field.widget.attrs["aria-label"] = f"{field.label}: {item.name}"
    return formset


def edited_codebook(codebook: Codebook, formset: Any) -> Codebook:
    """Return the codebook with each item's kind and role as the valid formset gives them."""
    if len(formset.forms) != len(codebook.items):
        raise forms.ValidationError(_("The codebook changed; reload the page."))
    items: list[Item] = []
    for item, form in zip(codebook.items, formset.forms, strict=True):
        data = form.cleaned_data
        items.append(replace(item, kind=cast(Kind, data["kind"]), role=cast(Role, data["role"])))
    return Codebook(tuple(items))


class FitForm(forms.Form):
    first_classes = forms.IntegerField(label=_("Fewest segments"), min_value=2, max_value=8,
                                       initial=2)  # fmt: skip
    last_classes = forms.IntegerField(label=_("Most segments"), min_value=2, max_value=8,
                                      initial=6)  # fmt: skip
    bootstrap = forms.IntegerField(
        label=_("Bootstrap resamples"), min_value=0, max_value=50, initial=10,
        help_text=_("Refits on resampled respondents to measure each segment's stability. "
                    "More is steadier and slower; 0 skips it."),
    )  # fmt: skip
    seed = forms.IntegerField(label=_("Seed"), min_value=0, initial=1,
                              help_text=_("The same seed gives the same segments."))  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("first_classes"), data.get("last_classes")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(_("The fewest segments cannot exceed the most."))
        return data


class ChooseForm(forms.Form):
    classes = forms.TypedChoiceField(label=_("Number of segments"), coerce=int)

    def __init__(self, *args: Any, classes: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["classes"])
        field.choices = [(k, str(k)) for k in classes]


class NamesForm(forms.Form):
    """One name per segment of the chosen K, largest first."""

    def __init__(self, *args: Any, segments: int, names: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for k in range(1, segments + 1):
            self.fields[f"name_{k}"] = forms.CharField(
                label=_("Name of segment %(number)d") % {"number": k},
                max_length=80, required=False,
                initial=names[k - 1] if k <= len(names) else "",
            )  # fmt: skip

    def names(self) -> list[str]:
        return [self.cleaned_data[name] for name in self.fields]


class SegmentNameInput(forms.TextInput):
    """A text input that suggests the project's segment names and still takes any text."""

    def __init__(self, names: Sequence[str], attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.names = list(names)

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        listed = f"{(attrs or {}).get('id', name)}-segments"
        attrs = {**(attrs or {}), "list": listed}
        options = format_html_join("", '<option value="{}"></option>', ((n,) for n in self.names))
        field = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="{}">{}</datalist>', field, listed, options)
