from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.widgets import DATE_INPUT
from samskab.projects.models import Municipality, Project, Village


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["municipality", "name", "description", "start", "end", "status"]
        widgets = {
            "start": DATE_INPUT,
            "end": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:  # type: ignore[operator]
            self.add_error("end", _("The end must not come before the start."))
        return data


class VillageForm(forms.ModelForm):
    class Meta:
        model = Village
        fields = ["name", "association", "parish", "area"]

    def __init__(self, *args: object, project: Project, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.project = project
        self.fields["area"].queryset = project.areas.all()  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if self.project.villages.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("This project already has a village of that name."))
        return name

    def clean_parish(self) -> str:
        parish: str = self.cleaned_data["parish"].strip()
        if parish and not (parish.isdigit() and len(parish) == 4):
            raise forms.ValidationError(_("A parish code has 4 digits, e.g. 7284."))
        return parish


class CopyProjectForm(forms.Form):
    """A new project from an existing one's set-up: its name, municipality and villages."""

    name = forms.CharField(label=_("Name of the new project"), max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all()
    )
    copy_villages = forms.BooleanField(label=_("Copy the villages too"), required=False)
