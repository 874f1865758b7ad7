"""Uploaded files are personal data's carriers: a register's files and the fact base's stored
copy of them go with their dataset, a survey's file with its survey, and everything uploaded to
a project with the project, once the deletion is committed."""

from __future__ import annotations

from pathlib import Path

from samskab.factbase import services
from samskab.projects.models import Project

from .segmentation_fixtures import import_survey, survey_file_fixture  # noqa: F401  (fixture)
from .test_factbase_import import facts_fixture, storage_fixture  # noqa: F401  (fixtures)


def _cached(storage: Path) -> list[Path]:
    return sorted((storage / "cache").glob("*"))


def test_a_datasets_files_and_stored_copy_go_with_it(
    facts, storage, django_capture_on_commit_callbacks
):
    services.open_dataset(facts)  # the stored copy is made
    assert facts.folder.is_dir() and _cached(storage)
    with django_capture_on_commit_callbacks(execute=True):
        facts.delete()
    assert not facts.folder.exists()
    assert _cached(storage) == []


def test_a_surveys_file_goes_with_it(
    project, survey_file, storage, django_capture_on_commit_callbacks
):
    survey = import_survey(project, survey_file)
    assert survey.path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        survey.delete()
    assert not survey.folder.exists()


def test_everything_uploaded_to_a_project_goes_with_it(
    facts, project, survey_file, storage, django_capture_on_commit_callbacks
):
    import_survey(project, survey_file)
    services.open_dataset(facts)
    uploads = storage / "uploads" / str(project.pk)
    assert uploads.is_dir()
    with django_capture_on_commit_callbacks(execute=True):
        Project.objects.get(pk=project.pk).delete()
    assert not uploads.exists()
    assert _cached(storage) == []
