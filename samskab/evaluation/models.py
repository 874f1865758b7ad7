"""The evaluation of the process: rounds of a fixed questionnaire after W4 and 6 and 12 months
later, and each asked member's response."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Project, Village


class EvaluationRound(models.Model):
    class Stage(models.TextChoices):
        AFTER_W4 = "after_w4", _("After workshop 4")
        SIX_MONTHS = "six_months", _("6 months later")
        TWELVE_MONTHS = "twelve_months", _("12 months later")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluations")
    stage = models.CharField(_("when"), max_length=20, choices=Stage.choices)
    opened = models.DateField(_("opened"))
    closes = models.DateField(_("closing date"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["opened", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="one_round_per_stage")
        ]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")

    def __str__(self) -> str:
        return str(self.get_stage_display())

    def is_open(self, today: datetime.date) -> bool:
        """Return True while answers are taken: from the day it opened to its closing date."""
        return self.opened <= today <= self.closes


class Again(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Unsure")


LIKERT = [MinValueValidator(1), MaxValueValidator(5)]


class Response(models.Model):
    """One asked member's response to one round: made, with its personal link (`token`), when
    the round opens; `answered` is set when the member answers. The role and village are the
    member's when they answered, for the summary per role and village."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="responses")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_responses"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(max_length=30, blank=True)
    village = models.ForeignKey(Village, on_delete=models.SET_NULL, null=True, blank=True)
    what_worked = models.PositiveSmallIntegerField(null=True, validators=LIKERT)
    villages_cooperation = models.PositiveSmallIntegerField(null=True, validators=LIKERT)
    municipality_cooperation = models.PositiveSmallIntegerField(null=True, validators=LIKERT)
    expectations_met = models.PositiveSmallIntegerField(null=True, validators=LIKERT)
    again = models.CharField(max_length=10, choices=Again.choices, blank=True)
    comment = models.TextField(blank=True)
    answered = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_response_per_member")
        ]


@dataclass(frozen=True)
class Question:
    """One question of the fixed questionnaire: the response field that holds its answer."""

    field: str
    text: str | Promise
    kind: str  # "scale" (1–5), "again" (yes/no/unsure) or "text"


QUESTIONS = (
    Question("what_worked", _("How well did the process work for you?"), "scale"),
    Question("villages_cooperation", _("How well did the villages cooperate?"), "scale"),
    Question(
        "municipality_cooperation",
        _("How well did the villages and the municipality cooperate?"),
        "scale",
    ),
    Question(
        "expectations_met",
        _("How well were the expectations agreed in workshop 1 met?"),
        "scale",
    ),
    Question("again", _("Would you take part in a process like this again?"), "again"),
    Question("comment", _("Anything else you want to tell us?"), "text"),
)
SCALE = (
    (1, _("1 – Very poorly")),
    (2, _("2 – Poorly")),
    (3, _("3 – Neither well nor poorly")),
    (4, _("4 – Well")),
    (5, _("5 – Very well")),
)
