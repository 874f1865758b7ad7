"""Forms for the initiatives, their milestones and progress updates, and the dashboard's filter."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.people import label_people
from samskab.core.widgets import DATE_INPUT
from samskab.initiatives.actions import free_ideas
from samskab.initiatives.health import Health
from samskab.initiatives.models import Initiative, Milestone
from samskab.projects.models import Project
from samskab.workshops.actions import contact_people
from samskab.workshops.forms import members_of


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["idea", "title", "owner", "owner_village", "contact", "goal"]
        fields += ["resources_needed", "resources_promised", "started", "review_date"]
        fields += ["target_areas", "target_villages", "target_age_band", "target_household"]
        fields += ["event_date"]
        widgets = {
            "event_date": DATE_INPUT,
            "target_areas": forms.CheckboxSelectMultiple,
            "target_villages": forms.CheckboxSelectMultiple,
            "goal": forms.Textarea(attrs={"rows": 3}),
            "resources_needed": forms.Textarea(attrs={"rows": 3}),
            "resources_promised": forms.Textarea(attrs={"rows": 3}),
            "review_date": DATE_INPUT,
            "started": DATE_INPUT,
        }
        help_texts = {
            "owner": _("The person who drives the initiative (tovholder)."),
            "owner_village": _("The village that owns the initiative, if any."),
            "target_areas": _(
                "The areas whose moves the initiative aims to change; with its villages' areas, "
                "the before/after view shows their trend."
            ),
            "started": _(
                "Only when the work began before it was entered here; the before/after view "
                "marks this year."
            ),
            "target_age_band": _("Leave empty for all ages."),
            "target_household": _("Leave empty for all households."),
        }

    # Given to a new initiative's form once; sent twice, it makes one initiative (see actions).
    form_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, project: Project, kind: str = Initiative.Kind.INITIATIVE, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.kind = kind
        # A joint event brings two villages together, where the project has two.
        self.needs_two_villages = self.instance.is_event and project.villages.count() >= 2
        if self.instance.is_event:
            self.fields["event_date"].required = True
            self.fields["target_villages"].label = _("Villages taking part")
            self.fields["target_villages"].help_text = _(
                "The villages that hold the event together; its tasks are its milestones."
            )
            self.fields["title"].label = _("Name of the event")
            self.fields["target_villages"].required = self.needs_two_villages
            del self.fields["started"]  # an event's before/after starts on its day
            first = ["title", "event_date", "target_villages", "owner", "owner_village", "contact"]
            self.order_fields(first)
        else:
            del self.fields["event_date"]
        if self.instance.pk is None:
            self.fields["form_token"].initial = uuid.uuid4
        else:
            del self.fields["form_token"]
        self.fields["idea"].queryset = free_ideas(project, self.instance)
        self.fields["owner"].queryset = members_of(project)
        self.fields["owner_village"].queryset = project.villages.all()
        self.fields["target_areas"].queryset = project.areas.all()
        self.fields["target_villages"].queryset = project.villages.all()
        contacts = User.objects.filter(pk__in=[p.pk for p in contact_people(project)])
        self.fields["contact"].queryset = contacts
        self.fields["contact"].required = True
        label_people(self.fields["owner"])
        label_people(self.fields["contact"])

    def limit_owners(self, person: User, village_id: int | None) -> None:
        """Let only `person` or their own village own the initiative (a member who does not
        manage initiatives)."""
        self.fields["owner"].queryset = User.objects.filter(pk=person.pk)
        villages = self.fields["owner_village"].queryset
        self.fields["owner_village"].queryset = villages.filter(pk=village_id or 0)

    def save(self, commit: bool = True) -> Initiative:
        if "form_token" in self.fields:
            self.instance.form_token = self.cleaned_data.get("form_token")
        initiative: Initiative = super().save(commit=commit)
        return initiative

    def clean_started(self) -> datetime.date | None:
        started: datetime.date | None = self.cleaned_data.get("started")
        if started and started > timezone.localdate():
            raise forms.ValidationError(_("The start cannot be in the future."))
        return started

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("owner") and not data.get("owner_village"):
            raise forms.ValidationError(_("Name an owner: a person, a village or both."))
        villages = data.get("target_villages")
        too_few = villages is not None and len(villages) < 2
        if self.needs_two_villages and too_few:
            self.add_error(
                "target_villages",
                _("A joint event brings at least two villages together: choose them."),
            )
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due"]
        widgets = {"due": DATE_INPUT}


class UpdateForm(forms.Form):
    text = forms.CharField(label=_("Progress update"), widget=forms.Textarea(attrs={"rows": 3}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in Initiative.Status.choices if c[0] not in Initiative.OUTCOMES],
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[(o.value, o.label) for o in Initiative.OUTCOMES]
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DashboardFilterForm(forms.Form):
    """The dashboard's filter (a GET form); unknown values fall back to "all"."""

    village = forms.ChoiceField(label=_("Village"), required=False)
    health = forms.ChoiceField(
        label=_("Health"), required=False, choices=[("", _("Any health")), *Health.choices]
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = [(str(v.pk), v.name) for v in project.villages.all()]
        self.fields["village"].choices = [("", _("All villages")), *villages]

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""
