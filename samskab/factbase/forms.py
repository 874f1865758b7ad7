"""Forms of the fact base: the upload, the period and the flow filters, the StatBank file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from samskab.factbase.labels import HOUSEHOLD_TYPES
from samskab.factbase.services import Query
from samskab.facts.bands import DEFAULT_AGE_BANDS

TABLE_SUFFIXES = (".csv", ".xlsx", ".parquet")
BOUNDARY_SUFFIXES = (".geojson", ".json", ".topojson")
STATBANK_SUFFIXES = (".csv", ".txt")


def check_file(upload: UploadedFile | None, suffixes: tuple[str, ...]) -> UploadedFile | None:
    """Return the upload when its size and extension are allowed; ValidationError otherwise."""
    if upload is None:
        return None
    if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The file is %(size)s; files of at most %(limit)s can be uploaded."),
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_UPLOAD_BYTES),
            },
        )
    if Path(upload.name or "").suffix.lower() not in suffixes:
        raise forms.ValidationError(
            _("%(name)s is not a file of an accepted type (%(types)s)."),
            params={"name": upload.name, "types": ", ".join(suffixes)},
        )
    return upload


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The register holds"),
        choices=[
            ("moves", _("one row per move (moves.csv, with person_id)")),
            ("flows", _("counted moves (flows.csv)")),
        ],
        initial="moves",
        widget=forms.RadioSelect,
    )
    register = forms.FileField(
        label=_("Moves or flows"), help_text=_("CSV, XLSX or Parquet, as the data contract says.")
    )
    areas = forms.FileField(label=_("Areas"), help_text=_("areas.csv: parish, area, municipality."))
    population = forms.FileField(
        label=_("Population"), help_text=_("population.csv: year, parish, population.")
    )
    boundaries = forms.FileField(
        label=_("Parish boundaries"),
        required=False,
        help_text=_("GeoJSON or TopoJSON (DAGI), for the map."),
    )

    def clean_register(self) -> UploadedFile | None:
        return check_file(self.cleaned_data.get("register"), TABLE_SUFFIXES)

    def clean_areas(self) -> UploadedFile | None:
        return check_file(self.cleaned_data.get("areas"), TABLE_SUFFIXES)

    def clean_population(self) -> UploadedFile | None:
        return check_file(self.cleaned_data.get("population"), TABLE_SUFFIXES)

    def clean_boundaries(self) -> UploadedFile | None:
        return check_file(self.cleaned_data.get("boundaries"), BOUNDARY_SUFFIXES)


class PeriodForm(forms.Form):
    """The period of the fact base's tables, within the years the dataset covers."""

    first = forms.TypedChoiceField(label=_("From"), coerce=int, required=False, empty_value=None)
    last = forms.TypedChoiceField(label=_("To"), coerce=int, required=False, empty_value=None)

    def __init__(self, data: Any, *, years: list[int], default: tuple[int, int]) -> None:
        names = ("first", "last", "age_band", "household_type")
        bound = None
        if data and any(name in data for name in names):
            # A link may give only a filter: the period it leaves out is the default one.
            bound = data.copy()
            for name, year in zip(("first", "last"), default, strict=True):
                if not bound.get(name):
                    bound[name] = str(year)
        super().__init__(bound, initial={"first": default[0], "last": default[1]})
        choices = [(year, str(year)) for year in years]
        self.fields["first"].choices = choices
        self.fields["last"].choices = choices
        self.default = default

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        first = self.default[0] if first is None else first
        last = self.default[1] if last is None else last
        if first > last:
            raise forms.ValidationError(_("The period must end in or after the year it starts."))
        return cleaned

    def query(self) -> Query:
        """Return the chosen period (the default one when the form is not filled in right)."""
        if self.is_bound and self.is_valid():
            first, last = self.cleaned_data["first"], self.cleaned_data["last"]
            return Query(
                self.default[0] if first is None else first,
                self.default[1] if last is None else last,
            )
        return Query(*self.default)


class FlowFilterForm(PeriodForm):
    """The period plus the flow filters; an empty filter means everyone."""

    age_band = forms.ChoiceField(label=_("Age"), required=False)
    household_type = forms.ChoiceField(
        label=_("Household"),
        required=False,
        choices=[("", _("All households"))] + [(k, v) for k, v in HOUSEHOLD_TYPES.items()],
    )

    def __init__(self, data: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        bands = [(band, band) for band in DEFAULT_AGE_BANDS.split(",")]
        self.fields["age_band"].choices = [("", _("All ages")), *bands]

    def query(self) -> Query:
        period = super().query()
        if not (self.is_bound and self.is_valid()):
            return period
        return Query(
            period.first_year,
            period.last_year,
            age_band=self.cleaned_data["age_band"] or None,
            household_type=self.cleaned_data["household_type"] or None,
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once and cleans to a list of them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class StatbankForm(forms.Form):
    file = MultipleFileField(
        label=_("FLY66 files from Statistics Denmark"),
        help_text=_(
            "One or more CSV downloads from statistikbanken.dk or the API (semicolon separated), "
            "in any arrangement of the table; a table split over several files (by sex and age, "
            "say) is uploaded all at once."
        ),
    )

    def clean_file(self) -> list[UploadedFile]:
        files = self.cleaned_data.get("file") or []
        return [f for f in (check_file(f, STATBANK_SUFFIXES) for f in files) if f is not None]
