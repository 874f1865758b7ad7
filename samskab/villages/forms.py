"""The forms of a village's profile, the cluster's identity and a stakeholder."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Project
from samskab.villages.models import ClusterProfile, ResourceKind, Stakeholder, VillageProfile

TEXT = forms.Textarea(attrs={"rows": 3})


def resource_field(kind: str) -> str:
    """Return the form field's name of a kind of place-bound asset."""
    return f"resource_{kind}"


class ProfileForm(forms.ModelForm):
    """Strengths, challenges, and one text per kind of place-bound asset (empty: none)."""

    class Meta:
        model = VillageProfile
        fields = ["strengths", "challenges"]
        widgets = {"strengths": TEXT, "challenges": TEXT}
        help_texts = {
            "strengths": _("What the village is good at and proud of."),
            "challenges": _("What holds the village back, or what newcomers miss."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = (
            {r.kind: r.description for r in self.instance.resources.all()}
            if self.instance.pk
            else {}
        )
        for kind, label in ResourceKind.choices:
            self.fields[resource_field(kind)] = forms.CharField(
                label=label, required=False, widget=TEXT, initial=given.get(kind, "")
            )

    def resources(self) -> dict[str, str]:
        """Return the cleaned text of every kind of asset, by kind."""
        return {kind: self.cleaned_data[resource_field(kind)].strip() for kind in ResourceKind}


class ClusterForm(forms.ModelForm):
    class Meta:
        model = ClusterProfile
        fields = ["identity"]
        widgets = {"identity": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "identity": _(
                "What the villages share and want to be known for together: landscape, "
                "history, a way of life."
            )
        }


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "village", "interest", "role", "contact_holder"]
        widgets = {"interest": TEXT, "role": TEXT}
        help_texts = {
            "interest": _("What they gain from the project, or what they care about."),
            "role": _("What they could do: advise, finance, build, spread the word."),
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        self.fields["village"].queryset = project.villages.all()  # type: ignore[attr-defined]
        members = project.memberships.select_related("user")
        self.fields["contact_holder"].queryset = members  # type: ignore[attr-defined]
        self.fields["contact_holder"].label_from_instance = (  # type: ignore[attr-defined]
            lambda member: member.user.get_full_name() or member.user.username
        )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        taken = self.project.stakeholders.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("The map already has a stakeholder of that name."))
        return name
