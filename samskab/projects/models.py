"""A municipality's settlement projects, their areas and villages, and who takes part how."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    CONTACT = "contact", _("Municipal contact person")
    VILLAGE_REPRESENTATIVE = "village_representative", _("Village representative")
    PARTICIPANT = "participant", _("Participant")
    EXPERT = "expert", _("Expert")
    OBSERVER = "observer", _("Observer")


class Municipality(models.Model):
    code = models.PositiveSmallIntegerField(_("municipality code"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


# How long uploaded files are kept by default, in months, and the periods a project may set.
REGISTER_MONTHS = 36
SURVEY_MONTHS = 24
FEWEST_MONTHS, MOST_MONTHS = 1, 120
_MONTHS = [MinValueValidator(FEWEST_MONTHS), MaxValueValidator(MOST_MONTHS)]


class Project(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        FOLLOW_UP = "follow_up", _("Follow-up")
        CLOSED = "closed", _("Closed")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("start"), default=datetime.date.today)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    # The retention periods of uploaded personal data (samskab.projects.retention).
    register_months = models.PositiveSmallIntegerField(
        _("keep uploaded register extracts (months)"),
        default=REGISTER_MONTHS,
        validators=_MONTHS,
        help_text=_(
            "Register extracts are personal data, even pseudonymised; they are deleted this "
            "long after upload, with the fact base's stored copy. From 1 to 120 months."
        ),
    )
    survey_months = models.PositiveSmallIntegerField(
        _("keep uploaded survey files (months)"),
        default=SURVEY_MONTHS,
        validators=_MONTHS,
        help_text=_(
            "Survey answers are personal data, even without names; they are deleted this long "
            "after upload, with the segmentations fitted on them. From 1 to 120 months."
        ),
    )
    # The day the periods took effect (the rule came, or a period was changed): no upload is
    # deleted sooner than retention.WARN_BEFORE after it, so the facilitators are always warned.
    retention_from = models.DateField(default=timezone.localdate, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])


class Area(models.Model):
    """A group of parishes the fact base reports on (e.g. "Område 1" or a village cluster)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("name"), max_length=200)
    parishes = models.JSONField(_("parish codes"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        unique_together = [("project", "name")]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class ProjectLogo(models.Model):
    """The municipality's logo on the project's handbook cover: a PNG re-encoded from the upload
    (so it carries nothing but pixels), in a table of its own so that reading a project does not
    read its image."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="logo"
    )
    png = models.BinaryField()
    uploaded = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("logo")
        verbose_name_plural = _("logos")


class Village(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="villages")
    name = models.CharField(_("name"), max_length=200)
    parish = models.CharField(_("parish code"), max_length=4, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="villages",
        verbose_name=_("area"),
    )
    association = models.CharField(_("association"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        unique_together = [("project", "name")]
        verbose_name = _("village")
        verbose_name_plural = _("villages")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's part in one project; the same person may have other roles elsewhere."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    village = models.ForeignKey(
        Village,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("village"),
    )
    joined = models.DateTimeField(auto_now_add=True)
    # The project's published handbook names only the members who agreed to it.
    name_in_handbook = models.BooleanField(_("my name may appear in the handbook"), default=False)

    class Meta:
        unique_together = [("project", "user")]
        ordering = ["role", "user__first_name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class AuditAction(models.TextChoices):
    """What the audit log records: the actions on personal data and on permissions."""

    INVITED = "invited", _("invited a member")
    JOINED = "joined", _("joined the project")
    ROLE_CHANGED = "role_changed", _("changed a member's role")
    REGISTER_UPLOADED = "register_uploaded", _("uploaded a register")
    SURVEY_UPLOADED = "survey_uploaded", _("uploaded a survey")
    SCORES_EXPORTED = "scores_exported", _("exported the named scores")
    PERSON_EXPORTED = "person_exported", _("exported a person's data")
    PERSON_DELETED = "person_deleted", _("deleted a person's data")
    PERSON_PROTECTED = "person_protected", _("marked a person's name and address as protected")
    WELCOME_LETTERS = "welcome_letters_made", _("made welcome letters")
    PEOPLE_PURGED = "people_purged", _("deleted people past the retention period")
    UPLOADS_PURGED = "uploads_purged", _("deleted uploaded files past their retention period")
    STAKEHOLDER_SAVED = "stakeholder_saved", _("added or changed a stakeholder")
    STAKEHOLDER_REMOVED = "stakeholder_removed", _("removed a stakeholder")


class AuditEvent(models.Model):
    """One action on personal data or permissions in a project: who, what and when; kept
    for the facilitators to see (samskab.projects.audit writes them)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.detail}"
