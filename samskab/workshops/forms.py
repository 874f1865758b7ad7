"""Forms for workshops and expectations; every label translatable."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from samskab.core.people import label_people
from samskab.core.widgets import DATE_INPUT
from samskab.projects.models import Project
from samskab.workshops.actions import contact_people
from samskab.workshops.models import (
    MunicipalCommitment,
    VillageCommitment,
    Workshop,
    WorkshopSettings,
)


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["date", "agenda", "minutes"]
        widgets = {
            "date": DATE_INPUT,
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }


def members_of(project: Project) -> Any:
    """Return the project's members as users, by name."""
    return User.objects.filter(memberships__project=project).order_by("first_name", "username")


class SettingsForm(forms.ModelForm):
    class Meta:
        model = WorkshopSettings
        fields = ["scale_max", "stall_weeks"]


class MunicipalCommitmentForm(forms.ModelForm):
    class Meta:
        model = MunicipalCommitment
        fields = ["contact_person", "money", "staff_hours", "offers", "cannot_promise"]
        widgets = {
            "offers": forms.Textarea(attrs={"rows": 4}),
            "cannot_promise": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["contact_person"]
        field.queryset = User.objects.filter(pk__in=[p.pk for p in contact_people(project)])
        label_people(field)


class VillageCommitmentForm(forms.ModelForm):
    class Meta:
        model = VillageCommitment
        fields = ["commits"]
        widgets = {"commits": forms.Textarea(attrs={"rows": 5})}
