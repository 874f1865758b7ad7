"""What keeps initiatives alive: the initiatives of W4 with their milestones and progress
updates, and the notifications the follow-up sends.

The tables keep the names they had in the workshops app (`db_table`), where they were made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.core.text import refuse_line_breaks
from samskab.factbase.labels import HOUSEHOLD_TYPES
from samskab.facts.bands import DEFAULT_AGE_BANDS
from samskab.projects.models import Area, Project, Village

# The fact base's own age bands and household types, so that its series can be filtered by them.
AGE_BANDS = [(band, band) for band in DEFAULT_AGE_BANDS.split(",")]
HOUSEHOLDS = [(key, label) for key, label in HOUSEHOLD_TYPES.items() if key != "unknown"]


class Initiative(models.Model):
    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        # The handbook's first step to cooperation: an event the villages hold together, run
        # with the same owner, milestones (its tasks) and follow-up as any initiative.
        JOINT_EVENT = "joint_event", _("Joint event")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ON_TRACK = "on_track", _("On track")
        DONE = "done", _("Done")
        PAUSED = "paused", _("Paused")
        # Recorded outcomes, each with a reason (`outcome_reason`): not failures to hide.
        WOUND_DOWN = "wound_down", _("Wound down")
        HANDED_OVER = "handed_over", _("Handed over to the village association")

    OUTCOMES = (Status.WOUND_DOWN, Status.HANDED_OVER)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="initiatives")
    idea = models.ForeignKey(
        "ideas.Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("idea"),
    )
    title = models.CharField(_("title"), max_length=200, validators=[refuse_line_breaks])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_initiatives",
        verbose_name=_("owner (person)"),
    )
    owner_village = models.ForeignKey(
        Village,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("owner (village)"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="contact_initiatives",
        verbose_name=_("municipal contact person"),
    )
    goal = models.TextField(_("goal"))
    # The creating form's token: the same form sent twice (a double click, a reload) finds the
    # initiative the first one made instead of making a second.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    resources_needed = models.TextField(_("resources needed"), blank=True)
    resources_promised = models.TextField(_("resources promised"), blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    outcome_reason = models.TextField(_("reason"), blank=True)
    # The target group, whose trend the before/after view shows: the areas (directly, or
    # through villages) and, optionally, one age band and one household type.
    target_areas = models.ManyToManyField(
        Area, blank=True, related_name="+", verbose_name=_("target areas")
    )
    target_villages = models.ManyToManyField(
        Village, blank=True, related_name="+", verbose_name=_("target villages")
    )
    target_age_band = models.CharField(
        _("target age band"), max_length=10, blank=True, choices=AGE_BANDS
    )
    target_household = models.CharField(
        _("target household type"), max_length=30, blank=True, choices=HOUSEHOLDS
    )
    # The status the idea's scorers were last told about; the follow-up tells them on change.
    notified_status = models.CharField(max_length=20, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # When the work began, if before it was entered here (e.g. a village's own welcome work
    # carried into the project); the before/after view marks this year.
    started = models.DateField(_("started"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INITIATIVE)
    event_date = models.DateField(_("date of the event"), null=True, blank=True)

    class Meta:
        db_table = "workshops_initiative"
        ordering = ["title"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.title

    @property
    def is_event(self) -> bool:
        return self.kind == self.Kind.JOINT_EVENT

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.ON_TRACK)

    @property
    def start_year(self) -> int:
        """Return the year the initiative started: a joint event's day, its start date, else
        the day it was made."""
        if self.is_event and self.event_date:
            return self.event_date.year
        return self.started.year if self.started else self.created.year


class Milestone(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200, validators=[refuse_line_breaks])
    due = models.DateField(_("due"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        db_table = "workshops_milestone"
        ordering = ["due", "id"]


class ProgressUpdate(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    text = models.TextField(_("progress update"))
    created = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "workshops_progressupdate"
        ordering = ["-created"]


class Notification(models.Model):
    """One message the follow-up sent one person: in the app at once, by mail when the mail
    went out (`mail`). The constraint makes a second run on the same day record nothing twice.
    A digest belongs to a project, every other kind to an initiative."""

    class Kind(models.TextChoices):
        MILESTONE = "milestone", _("Milestone reminder")
        REVIEW = "review", _("Review reminder")
        STALLED = "stalled", _("Stalled initiative")
        STATUS = "status", _("Status changed")
        DIGEST = "digest", _("Weekly overview")
        EVALUATION = "evaluation", _("Evaluation")  # registered by the evaluation app
        RETENTION = "retention", _("Uploaded files to be deleted")  # followup/uploads.py

    class Mail(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")
        NONE = "none", _("Not sent by mail")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="notifications")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    day = models.DateField()
    # What the notification is about: a milestone or review date and the reminder's stage, a
    # status; the follow-up looks it up to tell nobody the same thing twice.
    key = models.CharField(max_length=60, blank=True)
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, null=True, blank=True)
    days_left = models.SmallIntegerField(null=True, blank=True)  # below 0: days overdue
    status = models.CharField(max_length=20, blank=True)
    # A digest's lists (stalled, overdue, coming up), as they stood on its day.
    details = models.JSONField(default=dict, blank=True)
    read = models.BooleanField(default=False)
    mail = models.CharField(max_length=10, choices=Mail.choices, default=Mail.PENDING)
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    mailed = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "workshops_notification"
        ordering = ["-day", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "initiative", "recipient", "day", "key"],
                name="one_notification_a_day",
            ),
            models.UniqueConstraint(
                fields=["kind", "project", "recipient", "day", "key"],
                condition=models.Q(initiative__isnull=True),
                name="one_project_notification_a_day",
            ),
        ]
        indexes = [models.Index(fields=["mail", "day"], name="notification_mail_due")]
