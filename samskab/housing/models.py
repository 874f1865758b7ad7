"""The homes and building plots of a project's villages, what the target segments look for,
and an expert's notes on what buyers ask for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Project, Village


class Kind(models.TextChoices):
    HOUSE = "house", _("Detached house")
    TERRACED = "terraced", _("Terraced house")
    FLAT = "flat", _("Flat")
    FARM = "farm", _("Farm or smallholding")
    PLOT = "plot", _("Building plot")


class Status(models.TextChoices):
    FOR_SALE = "for_sale", _("For sale")
    FOR_RENT = "for_rent", _("For rent")
    PLOT_AVAILABLE = "plot_available", _("Plot available")
    RESERVED = "reserved", _("Reserved")
    SOLD = "sold", _("Sold")


# What a newcomer can move into or build on today.
ON_OFFER = (Status.FOR_SALE, Status.FOR_RENT, Status.PLOT_AVAILABLE)


class Home(models.Model):
    """A home or a building plot in a village: what it is, its size, its price and status."""

    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="homes", verbose_name=_("village")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    area = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    rooms = models.PositiveSmallIntegerField(_("rooms"), null=True, blank=True)
    price = models.PositiveIntegerField(
        _("price (kr.)"), null=True, blank=True,
        help_text=_("The asking price; for a home for rent, the monthly rent."),
    )  # fmt: skip
    listed = models.DateField(_("date listed"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        ordering = ["village__name", "kind", "price", "pk"]
        verbose_name = _("home or plot")
        verbose_name_plural = _("homes and plots")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.address or self.village}"


class Demand(models.Model):
    """What one target segment looks for: the types of home, rooms at least, price at most,
    and how large a share of the movers the segment is."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="housing_demands")
    segment = models.CharField(_("target group"), max_length=200)
    kinds = models.JSONField(_("types of home"), default=list)
    min_rooms = models.PositiveSmallIntegerField(_("rooms at least"), null=True, blank=True)
    max_price = models.PositiveIntegerField(_("price at most (kr.)"), null=True, blank=True)
    share = models.PositiveSmallIntegerField(_("share of the movers (%)"), null=True, blank=True)
    # Where it was read from the survey: the survey's file, the respondents in the segment, how
    # many answered, and each counted type's share of them; empty when set by hand.
    basis = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["segment"]
        unique_together = [("project", "segment")]
        verbose_name = _("housing demand")
        verbose_name_plural = _("housing demands")

    def __str__(self) -> str:
        return self.segment


class Note(models.Model):
    """An expert's note on what buyers ask for (an estate agent's, say)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="housing_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("what buyers ask for"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("expert note")
        verbose_name_plural = _("expert notes")

    def __str__(self) -> str:
        return self.text[:50]


class Dwelling(models.Model):
    """One dwelling of the municipality's extract of the building register (BBR) in a village:
    the housing stock, not what is on offer. Each import replaces the project's extract."""

    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="dwellings", verbose_name=_("village")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    area = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    rooms = models.PositiveSmallIntegerField(_("rooms"), null=True, blank=True)
    year_built = models.PositiveSmallIntegerField(_("year built"), null=True, blank=True)
    occupied = models.BooleanField(_("occupied"), null=True)
    flexbolig = models.BooleanField(_("flexbolig"), default=False)
    condemned = models.BooleanField(_("condemned"), default=False)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        ordering = ["village__name", "address", "pk"]
        verbose_name = _("dwelling of the building register")
        verbose_name_plural = _("dwellings of the building register")
