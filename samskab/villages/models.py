"""What a village's people record about it, the cluster's shared identity, and the
organisations and people worth involving in the project."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Membership, Project, Village


class ResourceKind(models.TextChoices):
    """The kinds of place-bound assets a village can build on."""

    NATURE = "nature", _("Nature")
    SCHOOL = "school", _("School and childcare")
    ASSOCIATIONS = "associations", _("Associations and community life")
    JOBS = "jobs", _("Jobs within reach")
    TRANSPORT = "transport", _("Transport")
    BROADBAND = "broadband", _("Broadband and mobile coverage")
    OTHER = "other", _("Other")


class VillageProfile(models.Model):
    """A village's own description: its strengths and its challenges."""

    village = models.OneToOneField(
        Village, on_delete=models.CASCADE, related_name="profile", verbose_name=_("village")
    )
    strengths = models.TextField(_("strengths"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    updated = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("village profile")
        verbose_name_plural = _("village profiles")

    def __str__(self) -> str:
        return str(self.village)


class PlaceResource(models.Model):
    """One kind of place-bound asset of a village, in the village's own words."""

    profile = models.ForeignKey(VillageProfile, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["profile", "kind"]
        unique_together = [("profile", "kind")]
        verbose_name = _("place-bound asset")
        verbose_name_plural = _("place-bound assets")

    def __str__(self) -> str:
        return f"{self.profile} – {self.get_kind_display()}"


class ClusterProfile(models.Model):
    """What the villages of the project share: the cluster's identity across its villages."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="cluster_profile"
    )
    identity = models.TextField(_("shared identity"), blank=True)
    updated = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("cluster profile")
        verbose_name_plural = _("cluster profiles")

    def __str__(self) -> str:
        return str(self.project)


class Stakeholder(models.Model):
    """An organisation or a person worth involving in the project, and who holds the contact."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        BUSINESS = "business", _("Business")
        ESTATE_AGENT = "estate_agent", _("Estate agent")
        BANK = "bank", _("Bank or mortgage lender")
        HOUSING_ASSOCIATION = "housing_association", _("Housing association")
        PLANNING = "planning", _("Planning department")
        PERSON = "person", _("Person")
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    village = models.ForeignKey(
        Village,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholders",
        verbose_name=_("village"),
    )
    interest = models.TextField(_("interest"), blank=True)
    role = models.TextField(_("role in the project"), blank=True)
    contact_holder = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who holds the contact"),
    )

    class Meta:
        ordering = ["kind", "name"]
        unique_together = [("project", "name")]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return self.name
