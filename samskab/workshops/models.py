"""The four workshops of a project, their checklists, what the municipality and the villages
commit (W1's expectations), the ideas and everyone's scores."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Project, Village


class Phase(models.IntegerChoices):
    WHERE_ARE_WE = 1, _("Where are we?")
    WHAT_DO_WE_WANT = 2, _("What do we want?")
    HOW = 3, _("How?")
    WHAT_NOW = 4, _("What now?")


class Theme(models.TextChoices):
    VILLAGE_COOPERATION = "village_cooperation", _("Village cooperation")
    CO_CREATION = "co_creation", _("Co-creation")
    FACT_BASED = "fact_based", _("Fact-based development")
    HOUSING_SUPPLY = "housing_supply", _("Housing supply")
    MARKETING = "marketing", _("Marketing")


# The three scoring dimensions: (field name on Score, question shown to the room).
DIMENSIONS = (
    ("difference", _("Does it make a difference?")),
    ("manageable", _("Is it manageable for us?")),
    ("desire", _("Do we want to?")),
)


class WorkshopSettings(models.Model):
    """A project's settings for its workshops; created with defaults when first needed."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="workshop_settings"
    )
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_("Scores go from 1 to this number."),
    )
    stall_weeks = models.PositiveSmallIntegerField(
        _("weeks before an initiative is stalled"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("An open initiative without a progress update for this long is stalled."),
    )

    class Meta:
        verbose_name = _("workshop settings")
        verbose_name_plural = _("workshop settings")


class Workshop(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="workshops")
    number = models.PositiveSmallIntegerField(_("workshop"), choices=Phase.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    active = models.BooleanField(_("active"), default=False)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="one_workshop_per_number"),
            # The active workshop is the phase every permission is decided by: only one.
            models.UniqueConstraint(
                fields=["project"], condition=Q(active=True), name="one_active_workshop"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.get_number_display()}"


class AttentionPoint(models.Model):
    """One item of a workshop's checklist; its wording lives in attention.py under `key`."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="attention_points"
    )
    key = models.SlugField(max_length=60)
    done = models.BooleanField(_("done"), default=False)
    changed = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["workshop", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "key"], name="one_point_per_key")
        ]


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
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )

    class Meta:
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
        constraints = [
            models.UniqueConstraint(fields=["idea", "participant"], name="one_score_per_idea")
        ]

    @property
    def total(self) -> int:
        return self.difference + self.manageable + self.desire


class MunicipalCommitment(models.Model):
    """What the municipality puts into a project (W1), one per project."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="municipal_commitment"
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    money = models.PositiveIntegerField(_("money (DKK)"), null=True, blank=True)
    staff_hours = models.PositiveIntegerField(_("staff hours"), null=True, blank=True)
    offers = models.TextField(_("what the municipality puts in"), blank=True)
    cannot_promise = models.TextField(_("what the municipality cannot promise"), blank=True)
    updated = models.DateTimeField(auto_now=True)


class VillageCommitment(models.Model):
    """What one village commits to the project (W1)."""

    village = models.OneToOneField(Village, on_delete=models.CASCADE, related_name="commitment")
    commits = models.TextField(_("what the village commits"), blank=True)
    updated = models.DateTimeField(auto_now=True)
