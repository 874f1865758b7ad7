"""The evaluation's forms: opening a round, and the questionnaire."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.evaluation.models import QUESTIONS, SCALE, Again, EvaluationRound
from samskab.projects.models import Project


class OpenRoundForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("When"),
        choices=EvaluationRound.Stage.choices,
        error_messages={"invalid_choice": _("Choose a round that has not been opened yet.")},
    )
    closes = forms.DateField(
        label=_("Closing date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Members can answer until and including this day."),
    )

    def __init__(self, *args: Any, project: Project, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        opened = set(project.evaluations.values_list("stage", flat=True))
        stage = self.fields["stage"]
        stage.choices = [c for c in EvaluationRound.Stage.choices if c[0] not in opened]  # type: ignore[attr-defined]
        self.fields["closes"].initial = today + datetime.timedelta(days=21)

    @property
    def every_round_opened(self) -> bool:
        return not self.fields["stage"].choices  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    """The fixed questionnaire: four 1–5 scales, would you do it again, and free text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.field] = _field(question.kind, question.text)


def _field(kind: str, text: Any) -> forms.Field:
    if kind == "scale":
        return forms.TypedChoiceField(
            label=text, choices=SCALE, coerce=int, widget=forms.RadioSelect,
            error_messages={"required": _("Choose an answer from 1 to 5.")},
        )  # fmt: skip
    if kind == "again":
        return forms.ChoiceField(
            label=text, choices=Again.choices, widget=forms.RadioSelect,
            error_messages={"required": _("Choose yes, no or unsure.")},
        )  # fmt: skip
    return forms.CharField(
        label=text, required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the facilitators read this, and never with your name."),
    )  # fmt: skip
