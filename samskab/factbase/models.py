"""A project's fact-base data: the files a facilitator imported, kept outside the web root."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.projects import retention
from samskab.projects.models import Project

# The stems of a dataset's files in its folder, in the import form's order.
FILE_STEMS = ("moves", "flows", "areas", "population", "boundaries")


class FactDataset(models.Model):
    """One import of the contract's files for a project; the latest valid one is current."""

    class Status(models.TextChoices):
        IMPORTING = "importing", _("Importing")
        VALID = "valid", _("Valid")
        FAILED = "failed", _("Failed")

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Uploaded files")
        DEMO = "demo", _("Demo data")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="fact_datasets", verbose_name=_("project")
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.UPLOAD
    )
    # File names inside the dataset's folder; `original_names` keeps what the user called them.
    register_file = models.CharField(_("moves or flows file"), max_length=100)
    individual = models.BooleanField(_("one row per move"), default=True)
    areas_file = models.CharField(_("areas file"), max_length=100)
    population_file = models.CharField(_("population file"), max_length=100)
    boundaries_file = models.CharField(_("boundaries file"), max_length=100, blank=True)
    original_names = models.JSONField(default=dict)
    checksum = models.CharField(max_length=64, blank=True)  # SHA-256 of the files, in order
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IMPORTING
    )
    warnings = models.JSONField(_("warnings"), default=list)
    # Why a failed import was refused: FileProblem fields (role, file, message, row, column).
    problems = models.JSONField(_("problems"), default=list)
    task_id = models.CharField(max_length=64, blank=True)  # the import's job, while queued
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        # Serves "the project's latest valid dataset", asked on every fact-base page.
        indexes = [models.Index(fields=["project", "status", "-created"])]
        verbose_name = _("fact-base dataset")
        verbose_name_plural = _("fact-base datasets")

    def __str__(self) -> str:
        return f"{self.project} #{self.pk} ({self.get_status_display()})"

    @property
    def deleted_on(self) -> datetime.date | None:
        """Return the day the retention rule deletes the uploaded dataset (its project's
        `register_months` after the upload); None for the demo's, which is kept."""
        if self.source != self.Source.UPLOAD:
            return None
        return retention.deleted_on(self.created, self.project.register_months)

    @property
    def uploaded_names(self) -> list[str]:
        """Return what the user called the dataset's files, in the import form's order (moves or
        flows, areas, population, boundaries): a JSON object's keys keep no order in
        PostgreSQL."""
        place = {stem: index for index, stem in enumerate(FILE_STEMS)}
        stored = sorted(self.original_names, key=lambda name: place.get(Path(name).stem, 99))
        return [self.original_names[name] for name in stored]

    @property
    def folder(self) -> Path:
        """Return the folder that holds this dataset's files (outside anything served)."""
        return Path(settings.UPLOAD_DIR) / str(self.project_id) / str(self.pk)

    @property
    def cache_key(self) -> str:
        """Return a key for results computed from this dataset: the same files give the same
        results, so a re-import of unchanged files finds them cached."""
        return f"{self.project_id}-{self.checksum or self.pk}"

    def path(self, name: str) -> Path | None:
        """Return the path of one of the dataset's files (None for an empty name)."""
        return self.folder / name if name else None

    def input_files(self) -> dict[str, Path | None]:
        """Return the dataset's files by the role samskab.facts.store reads them in (areas,
        population, and moves or counted flows)."""
        register = self.path(self.register_file)
        return {
            "areas": self.folder / self.areas_file,
            "population": self.folder / self.population_file,
            "moves": register if self.individual else None,
            "flows": None if self.individual else register,
        }

    @property
    def years(self) -> list[int]:
        """Return every year the moves cover."""
        if self.first_year is None or self.last_year is None:
            return []
        return list(range(self.first_year, self.last_year + 1))


class StatbankYear(models.Model):
    """One year of a project's StatBank FLY66 figures: every municipality's moves in from and
    out to the other Danish municipalities. Public, aggregate data; the file itself is deleted
    once read, and a later file for the same year replaces the year."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="statbank_years", verbose_name=_("project")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # [[municipality code, moves in, moves out], ...] in code order.
    balance = models.JSONField(_("balance"), default=list)
    moves = models.PositiveIntegerField(_("moves between municipalities"), default=0)
    # What the reading this year came from held: files (name, layout, lines, observations,
    # moves), lines, observations, moves, years, municipalities.
    reading = models.JSONField(_("what was read"), default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="statbank_year_once")
        ]
        verbose_name = _("StatBank year")
        verbose_name_plural = _("StatBank years")

    def __str__(self) -> str:
        return f"{self.project} FLY66 {self.year}"
