"""The handbooks a project has published, and the facilitator's lessons per theme."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.projects.models import Project
from samskab.workshops.models import Theme


class Handbook(models.Model):
    """One rendering of a project's handbook as PDF: queued, then done (the file is kept
    outside the web root) or failed. Every member may download the last one done."""

    class Status(models.TextChoices):
        RENDERING = "rendering", _("Being made")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="handbooks")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RENDERING
    )
    task_id = models.CharField(max_length=64, blank=True)  # the rendering's job
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("handbook")
        verbose_name_plural = _("handbooks")

    @property
    def path(self) -> Path:
        """Return where the PDF is kept (outside anything served)."""
        return Path(settings.UPLOAD_DIR) / str(self.project_id) / "handbook" / f"{self.pk}.pdf"


class Lesson(models.Model):
    """What the project learned about one of the five themes, in the facilitator's words."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="lessons")
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    text = models.TextField(_("lessons learned"), blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "theme"]
        constraints = [
            models.UniqueConstraint(fields=["project", "theme"], name="one_lesson_per_theme")
        ]
