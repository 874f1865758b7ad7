from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.widgets import DATE_INPUT
from samskab.projects.actions import check_parish, check_village_name
from samskab.projects.models import FEWEST_MONTHS, MOST_MONTHS, Municipality, Project, Village

DETAILS = ["name", "description", "start", "end", "status"]
RETENTION = ["register_months", "survey_months"]


class ProjectDetailsForm(forms.ModelForm):
    """A project's name, description, period and status (its municipality stays), and how
    long its uploaded register extracts and survey files are kept."""

    class Meta:
        model = Project
        fields = [*DETAILS, *RETENTION]
        widgets = {
            "start": DATE_INPUT,
            "end": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in RETENTION:
            if name in self.fields:
                self.fields[name].widget.attrs.update(min=FEWEST_MONTHS, max=MOST_MONTHS)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:  # type: ignore[operator]
            self.add_error("end", _("The end must not come before the start."))
        return data


class LogoForm(forms.Form):
    """The municipality's logo for the handbook's cover (PNG or JPEG), or its removal."""

    logo = forms.FileField(
        label=_("Logo"), required=False, help_text=_("PNG or JPEG, at most 2 MB.")
    )
    remove = forms.BooleanField(label=_("Remove the logo"), required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("logo") and not data.get("remove"):
            self.add_error("logo", _("Choose an image, or tick the box to remove the logo."))
        return data


class ProjectForm(ProjectDetailsForm):
    """A new project: the municipality too."""

    class Meta(ProjectDetailsForm.Meta):
        fields = ["municipality", *DETAILS]  # the retention periods: the defaults until edited


class VillageForm(forms.ModelForm):
    class Meta:
        model = Village
        fields = ["name", "association", "parish", "area"]
        help_texts = {
            "parish": _(
                "Four digits, e.g. 7284. Once the fact base's areas are loaded, only their "
                "parishes are accepted."
            )
        }

    def __init__(self, *args: object, project: Project, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.project = project
        self.fields["area"].queryset = project.areas.all()  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        check_village_name(self.project, name, village=self.instance)
        return name

    def clean_parish(self) -> str:
        parish: str = self.cleaned_data["parish"].strip()
        check_parish(self.project, parish)
        return parish


class CopyProjectForm(forms.Form):
    """A new project from an existing one's set-up: its name, municipality and villages."""

    name = forms.CharField(label=_("Name of the new project"), max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all()
    )
    copy_villages = forms.BooleanField(label=_("Copy the villages too"), required=False)
