"""The four workshops of a project, their checklists, what the municipality and the villages
commit (W1's expectations), and the themes ideas are sorted by."""

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
