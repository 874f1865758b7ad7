"""Changing a project's surveys and segmentations: every state change goes through here.

`do_import_survey` is all or nothing: the file is stored in a folder of its own and read
through an inferred codebook outside any database transaction; only then is the survey recorded,
in one short transaction. Any problem removes the folder and is reported with the file as the
user named it, the row and the item. A fit runs as a job on the fits queue (`tasks.fit_segments`).
"""

from __future__ import annotations

import json
import secrets
import shutil
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from samskab.facts.errors import InputError, Problem
from samskab.jobs.state import JobState, job_state
from samskab.projects import audit
from samskab.projects.models import AuditAction, Project
from samskab.segmentation import fitting
from samskab.segmentation.models import Fit, Survey
from samskab.segments.codebook import Codebook
from samskab.segments.survey import SUFFIXES, read_survey
from samskab.segments.survey import Survey as Answers


class SurveyRefused(Exception):
    """The survey was not imported or the codebook not kept; `problems` lists why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def do_import_survey(
    project: Project,
    source: UploadedFile | Path,
    *,
    user: AbstractBaseUser | None,
    origin: str = Survey.Source.UPLOAD,
) -> Survey:
    """Store and read a survey file; return the survey. SurveyRefused when it cannot be read,
    and then nothing is stored."""
    original = Path(str(source.name)).name
    suffix = Path(original).suffix.lower()
    if suffix not in SUFFIXES:
        message = "a survey is a CSV, XLSX or SPSS .sav file"
        raise SurveyRefused([Problem(original, message)])
    survey = Survey(project=project, source=origin, original_name=original,
                    file_name=f"survey{suffix}", uploaded_by=user)  # fmt: skip
    incoming = Path(settings.UPLOAD_DIR) / str(project.pk) / "surveys" / secrets.token_hex(8)
    try:
        _store(source, incoming / survey.file_name)
        read = _read(survey, None, incoming / survey.file_name)
        survey.store_codebook(read.codebook)
        survey.respondents = len(read.answers)
        with transaction.atomic():
            survey.save()
            audit.record(project, user, AuditAction.SURVEY_UPLOADED, original)
            shutil.rmtree(survey.folder, ignore_errors=True)  # left by no survey on record
            incoming.replace(survey.folder)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    return survey


def _store(source: UploadedFile | Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Path):
        shutil.copyfile(source, path)
        return
    with path.open("wb") as handle:
        for chunk in source.chunks():
            handle.write(chunk)


def _read(survey: Survey, codebook: Codebook | None, path: Path | None = None) -> Answers:
    """Return the survey (at `path`, else its own) read through `codebook`; SurveyRefused
    naming the file as uploaded."""
    try:
        return read_survey(path or survey.path, codebook)
    except InputError as error:
        named = [replace(p, file=survey.original_name) for p in error.problems]
        raise SurveyRefused(named) from None


def do_edit_codebook(survey: Survey, codebook: Codebook) -> None:
    """Keep an edited codebook once the survey's answers read through it; SurveyRefused else."""
    _read(survey, codebook)
    survey.store_codebook(codebook)
    survey.save(update_fields=["codebook"])


def do_start_fit(
    survey: Survey,
    classes: range,
    *,
    bootstrap: int,
    seed: int = 1,
    user: AbstractBaseUser | None,
    background: bool = True,
) -> Fit:
    """Start fitting `classes` on the survey's segmenting items: as a job on the fits queue,
    or here and now (`background=False`); return the fit."""
    codebook = survey.read_codebook()
    items = [item.name for item in codebook.items if item.role == "segmenting"]
    fit = Fit.objects.create(
        survey=survey, items=items, first_classes=classes.start, last_classes=classes.stop - 1,
        bootstrap=bootstrap, seed=seed, started_by=user,
    )  # fmt: skip
    if not background:
        fitting.compute(fit_job(fit))
        return refresh_fit(fit)
    from samskab.segmentation.tasks import fit_segments

    fit.task_id = str(fit_segments.enqueue(fit.pk).id)
    Fit.objects.filter(pk=fit.pk).update(task_id=fit.task_id)
    fit.refresh_from_db()
    return fit


def fit_job(fit: Fit) -> fitting.FitJob:
    """Return everything the fit's computation needs, as plain values."""
    survey = fit.survey
    return fitting.FitJob(
        survey.path, survey.read_codebook(), tuple(fit.items), tuple(fit.classes),
        fit.bootstrap, fit.seed, fit.folder,
    )  # fmt: skip


def fit_state(fit: Fit) -> JobState:
    """Return where the fit stands: queued, running, done or failed."""
    if fit.status == Fit.Status.DONE:
        return JobState.DONE
    if fit.status == Fit.Status.FAILED:
        return JobState.FAILED
    return job_state(fit.task_id)


def refresh_fit(fit: Fit) -> Fit:
    """Read a running fit's outcome from its folder into the database; a fit whose job failed
    or was lost (never one that is merely slow) is failed; return the fit."""
    if fit.status != Fit.Status.RUNNING:
        return fit
    results, error = fit.folder / fitting.RESULTS_FILE, fit.folder / fitting.ERROR_FILE
    if results.exists():
        fit.results = json.loads(results.read_text(encoding="utf-8"))
        fit.status = Fit.Status.DONE
    elif error.exists():
        fit.error = error.read_text(encoding="utf-8")
        fit.status = Fit.Status.FAILED
    elif job_state(fit.task_id) in {JobState.FAILED, JobState.DONE}:
        fit.error = Fit.STOPPED
        fit.status = Fit.Status.FAILED
    else:
        return fit
    fit.save(update_fields=["results", "error", "status"])
    return fit


def do_choose(fit: Fit, classes: int) -> None:
    """Make `classes` the fit's chosen K and the fit the project's segmentation; a new K
    clears the names given to another K's segments."""
    if fit.chosen != classes:
        fit.names = []
    fit.chosen = classes
    fit.chosen_at = timezone.now()
    fit.save(update_fields=["chosen", "chosen_at", "names"])


def do_name_segments(fit: Fit, names: list[str]) -> None:
    """Keep the names of the chosen K's segments, largest first."""
    fit.names = [name.strip() for name in names]
    fit.save(update_fields=["names"])
