"""A project's surveys and the segmentations fitted on them, kept outside the web root."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samskab.facts.errors import error_from_json
from samskab.projects import retention
from samskab.projects.models import Project
from samskab.segments.codebook import Codebook, parse_codebook


class Survey(models.Model):
    """One uploaded survey file, with the codebook its answers are read with."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Uploaded file")
        DEMO = "demo", _("Demo survey")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("project")
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.UPLOAD
    )
    original_name = models.CharField(_("file"), max_length=200)
    file_name = models.CharField(max_length=50)  # inside `folder`
    codebook = models.JSONField(default=dict)  # as Codebook.to_json writes it
    respondents = models.PositiveIntegerField(_("respondents"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("uploaded by"),
    )  # fmt: skip
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return f"{self.project} · {self.original_name}"

    @property
    def deleted_on(self) -> datetime.date | None:
        """Return the day the retention rule deletes the uploaded survey (its project's
        `survey_months` after the upload); None for the demo's, which is kept."""
        if self.source != self.Source.UPLOAD:
            return None
        return retention.deleted_on(self.created, self.project.survey_months)

    @property
    def folder(self) -> Path:
        """Return the folder that holds the survey's file and fits (outside anything served)."""
        return Path(settings.UPLOAD_DIR) / str(self.project_id) / "surveys" / str(self.pk)

    @property
    def path(self) -> Path:
        """Return the path of the stored survey file."""
        return self.folder / self.file_name

    def read_codebook(self) -> Codebook:
        """Return the codebook the survey's answers are read with."""
        return parse_codebook(self.codebook, self.original_name)

    def store_codebook(self, codebook: Codebook) -> None:
        """Keep `codebook` as the survey's codebook (the caller saves)."""
        self.codebook = json.loads(codebook.to_json())


class Fit(models.Model):
    """Latent class models for a range of K on a survey's segmenting items, computed in the
    background; the K a facilitator chose and the names given to its segments."""

    # The reasons a fit fails that are the job's, not the survey's (kept as these codes).
    INTERNAL_ERROR = "internal error"
    STOPPED = "stopped"

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="fits", verbose_name=_("survey")
    )
    items = models.JSONField(default=list)  # the segmenting items, in codebook order
    first_classes = models.PositiveSmallIntegerField(_("fewest segments"))
    last_classes = models.PositiveSmallIntegerField(_("most segments"))
    bootstrap = models.PositiveSmallIntegerField(_("bootstrap resamples"))
    seed = models.PositiveIntegerField(_("seed"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    results = models.JSONField(default=dict)  # the figures per K and the recommendation
    error = models.TextField(blank=True)  # a reason in the survey's words, or one of ERRORS
    task_id = models.CharField(max_length=64, blank=True)  # the fit's job, when queued
    chosen = models.PositiveSmallIntegerField(_("chosen number of segments"), null=True)
    chosen_at = models.DateTimeField(null=True)
    names = models.JSONField(default=list)  # one per segment of the chosen K, largest first
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("started by"),
    )  # fmt: skip
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("segmentation")
        verbose_name_plural = _("segmentations")

    def __str__(self) -> str:
        return f"{self.survey} · K={self.first_classes}–{self.last_classes}"

    def error_message(self) -> str:
        """Return why the fit failed in the user's language: a problem of the survey (kept as
        its code and parameters), or the job's own reason."""
        coded = error_from_json(self.error, get_language() or settings.LANGUAGE_CODE)
        if coded is not None:
            return coded
        messages = {
            self.INTERNAL_ERROR: _("an internal error stopped it; start it again"),
            self.STOPPED: _("it stopped before it finished (the server was restarted); "
                            "start it again"),
        }  # fmt: skip
        return str(messages.get(self.error, self.error))

    @property
    def folder(self) -> Path:
        """Return the folder of the fitted models and the results file."""
        return self.survey.folder / "fits" / str(self.pk)

    def model_path(self, classes: int) -> Path:
        """Return the path of the saved model with `classes` segments."""
        return self.folder / f"model-{classes}.json"

    @property
    def classes(self) -> list[int]:
        """Return every K tried."""
        return list(range(self.first_classes, self.last_classes + 1))

    def name(self, segment: int) -> str:
        """Return the name of segment 1…K, or "" when it has none."""
        return self.names[segment - 1] if segment <= len(self.names) else ""
