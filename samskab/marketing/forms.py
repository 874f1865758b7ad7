"""The form of a target group's marketing plan."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.marketing.models import SegmentPlan
from samskab.projects.models import Project

TEXT = forms.Textarea(attrs={"rows": 3})


class SegmentPlanForm(forms.ModelForm):
    class Meta:
        model = SegmentPlan
        fields = ["segment", "why", "resources", "message_1", "message_2", "message_3",
                  "channels", "initiatives"]  # fmt: skip
        widgets = {"why": TEXT, "resources": TEXT, "channels": TEXT,
                   "initiatives": forms.CheckboxSelectMultiple}  # fmt: skip
        help_texts = {
            "message_1": _("A concrete message built on the place's own assets: at most three "
                           "per target group."),
            "channels": _("Where the target group will see the messages: local papers, "
                          "social media, the estate agents, events."),
        }  # fmt: skip

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        self.fields["initiatives"].queryset = project.initiatives.all()  # type: ignore[attr-defined]

    def clean_segment(self) -> str:
        segment: str = self.cleaned_data["segment"].strip()
        taken = self.project.segment_plans.filter(segment__iexact=segment)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The plan already has this target group."))
        return segment
