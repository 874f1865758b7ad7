"""The ideas of a project, the comments on them and everyone's scores.

The tables keep the names they had in the workshops app (`db_table`), where they were made."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Project, Village
from samskab.workshops.models import Theme

# The three scoring dimensions: (field name on Score, question shown to the room).
DIMENSIONS = (
    ("difference", _("Does it make a difference?")),
    ("manageable", _("Is it manageable for us?")),
    ("desire", _("Do we want to?")),
)
SCORE_FIELDS = [name for name, _label in DIMENSIONS]  # a Score's fields, in DIMENSIONS' order


class IdeaQuerySet(models.QuerySet["Idea"]):
    def in_play(self) -> IdeaQuerySet:
        """Return the ideas that are scored and ranked: neither merged away nor withdrawn."""
        return self.filter(merged_into=None, withdrawn=False)


class Idea(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    villages = models.ManyToManyField(
        Village,
        blank=True,
        related_name="ideas",
        verbose_name=_("villages"),
        help_text=_("Leave empty for an idea shared by all the villages."),
    )
    target_segment = models.CharField(_("target group"), max_length=200, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )  # fmt: skip
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="ideas",
        verbose_name=_("author"),
    )
    from_paper = models.BooleanField(_("typed in from paper"), default=False)
    created = models.DateTimeField(auto_now_add=True)
    # Withdrawn by its author or the facilitator: out of the scoring and the results board,
    # listed for the facilitator only, and put back as it was (its scores kept).
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        db_table = "workshops_idea"
        ordering = ["title"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.title


class IdeaComment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    text = models.TextField(_("comment"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "workshops_ideacomment"
        ordering = ["created"]


class Score(models.Model):
    """One participant's score of one idea on the three dimensions, changed in place."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scores"
    )
    difference = models.PositiveSmallIntegerField(_("Does it make a difference?"))
    manageable = models.PositiveSmallIntegerField(_("Is it manageable for us?"))
    desire = models.PositiveSmallIntegerField(_("Do we want to?"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True, db_index=True)  # the board's change key

    class Meta:
        db_table = "workshops_score"
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["idea", "participant"], name="one_score_per_idea")
        ]

    @property
    def total(self) -> int:
        return self.difference + self.manageable + self.desire
