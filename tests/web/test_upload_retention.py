"""The retention rule for uploaded personal data: the daily follow-up deletes an uploaded
register extract its project's period after the upload (36 months unless the facilitators
change it), and an uploaded survey likewise (24 months), with their files, the fact base's
stored copy and the fits; the demo's data is kept. The audit log names the files and the day
they came; the facilitators are told 30 days before, once; the pages show the day."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samskab.factbase import services
from samskab.factbase.actions import do_import
from samskab.factbase.models import FactDataset
from samskab.initiatives.models import Notification
from samskab.projects.models import AuditEvent, Project
from samskab.segmentation.models import Fit, Survey

from .segmentation_fixtures import (  # noqa: F401  (fixtures)
    import_survey,
    segmented_fixture,
    survey_file_fixture,
)
from .test_factbase_import import facts_fixture, storage_fixture, write_register  # noqa: F401

TODAY = datetime.date(2026, 6, 1)
IN_FORCE = datetime.date(2020, 1, 1)  # the periods took effect long before


@pytest.fixture(autouse=True)
def _periods_in_force(project: Project) -> None:
    Project.objects.update(retention_from=IN_FORCE)


def _uploaded_on(record: FactDataset | Survey, day: datetime.date) -> None:
    """Date the upload back to noon of `day` (Danish time)."""
    moment = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=datetime.UTC)
    type(record).objects.filter(pk=record.pk).update(created=moment)


def _followup(day: datetime.date, capture) -> str:  # type: ignore[no-untyped-def]
    """Run the follow-up for `day` and carry out what it does once committed (the files)."""
    out = StringIO()
    with capture(execute=True):
        call_command("followup", f"--today={day.isoformat()}", stdout=out)
    return out.getvalue()


def _cached(storage: Path) -> list[Path]:
    return sorted((storage / "cache").glob("*"))


def _register(project: Project, storage: Path, name: str, *, demo: bool = False) -> FactDataset:
    """Import the small register once more (its moves in a file of its own name)."""
    paths = write_register(storage / name)
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"]}  # fmt: skip
    source = FactDataset.Source.DEMO if demo else FactDataset.Source.UPLOAD
    return do_import(project, files, individual=True, user=None, source=source)


def _edit(client, project: Project, **changes: object):  # type: ignore[no-untyped-def]
    data = {"name": project.name, "description": "", "start": "2026-01-01", "end": "",
            "status": "planned", "register_months": "36", "survey_months": "24", **changes}  # fmt: skip
    return client.post(reverse("projects:edit", args=[project.pk]), data)


def test_a_register_past_its_period_is_deleted_with_its_files_and_stored_copy(
    facts, project, storage, django_capture_on_commit_callbacks
):
    services.open_dataset(facts)  # the stored copy is made
    assert facts.folder.is_dir() and _cached(storage)
    _uploaded_on(facts, datetime.date(2023, 5, 31))  # 36 months: deleted on 31 May 2026
    _followup(TODAY, django_capture_on_commit_callbacks)
    assert not FactDataset.objects.filter(pk=facts.pk).exists()
    assert not facts.folder.exists()
    assert _cached(storage) == []
    event = AuditEvent.objects.get(project=project, action="uploads_purged")
    assert event.actor is None
    assert event.detail == "moves.csv, areas.csv, population.csv, parishes.geojson (2023-05-31)"


def test_a_register_within_its_period_is_kept(
    facts, project, storage, django_capture_on_commit_callbacks
):
    _uploaded_on(facts, datetime.date(2023, 6, 2))  # deleted on 2 June 2026
    _followup(TODAY, django_capture_on_commit_callbacks)
    assert FactDataset.objects.filter(pk=facts.pk).exists() and facts.folder.is_dir()
    assert not AuditEvent.objects.filter(action="uploads_purged").exists()
    _followup(TODAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert not FactDataset.objects.filter(pk=facts.pk).exists()


def test_the_demo_data_is_never_deleted(project, storage, django_capture_on_commit_callbacks):
    demo = _register(project, storage, "demo", demo=True)
    _uploaded_on(demo, datetime.date(2010, 1, 1))
    _followup(TODAY, django_capture_on_commit_callbacks)
    assert FactDataset.objects.filter(pk=demo.pk).exists() and demo.folder.is_dir()
    assert not AuditEvent.objects.filter(action="uploads_purged").exists()


def test_a_survey_past_its_period_is_deleted_with_its_fits_and_files(
    project, segmented, storage, django_capture_on_commit_callbacks
):
    survey = segmented.survey
    assert survey.path.exists() and segmented.folder.is_dir()
    _uploaded_on(survey, datetime.date(2024, 6, 1))  # 24 months: deleted on 1 June 2026
    _followup(TODAY, django_capture_on_commit_callbacks)
    assert not Survey.objects.filter(pk=survey.pk).exists()
    assert not Fit.objects.filter(pk=segmented.pk).exists()
    assert not survey.folder.exists()
    event = AuditEvent.objects.get(project=project, action="uploads_purged")
    assert event.detail == "movers.csv (2024-06-01)"


def test_a_younger_survey_and_the_demo_survey_are_kept(
    project, survey_file, storage, django_capture_on_commit_callbacks
):
    young = import_survey(project, survey_file)
    _uploaded_on(young, datetime.date(2024, 6, 2))
    demo = import_survey(project, survey_file)
    Survey.objects.filter(pk=demo.pk).update(source=Survey.Source.DEMO)
    _uploaded_on(demo, datetime.date(2010, 1, 1))
    _followup(TODAY, django_capture_on_commit_callbacks)
    assert set(Survey.objects.values_list("pk", flat=True)) == {young.pk, demo.pk}
    assert young.path.exists() and demo.path.exists()


def test_one_audit_line_per_project_names_registers_and_surveys(
    facts, project, survey_file, storage, django_capture_on_commit_callbacks
):
    survey = import_survey(project, survey_file)
    _uploaded_on(facts, datetime.date(2020, 1, 15))
    _uploaded_on(survey, datetime.date(2021, 3, 2))
    _followup(TODAY, django_capture_on_commit_callbacks)
    event = AuditEvent.objects.get(project=project, action="uploads_purged")
    assert event.detail == (
        "moves.csv, areas.csv, population.csv, parishes.geojson (2020-01-15); "
        "movers.csv (2021-03-02)"
    )


def test_the_audit_log_shows_the_deletion_in_danish(
    client_for, facilitator, facts, project, storage, django_capture_on_commit_callbacks
):
    _uploaded_on(facts, datetime.date(2020, 1, 15))
    _followup(TODAY, django_capture_on_commit_callbacks)
    page = client_for(facilitator).get(reverse("projects:audit", args=[project.pk]))
    assert "slettede uploadede filer efter deres opbevaringsperiode" in page.content.decode()


def test_the_settings_form_changes_what_is_purged(
    client_for, facilitator, facts, project, survey_file, storage,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    survey = import_survey(project, survey_file)
    _uploaded_on(facts, datetime.date(2025, 4, 1))  # 14 months before TODAY
    _uploaded_on(survey, datetime.date(2026, 3, 1))  # 3 months before TODAY
    client = client_for(facilitator)
    form = client.get(reverse("projects:edit", args=[project.pk])).content.decode()
    assert "Opbevar uploadede registerudtræk (måneder)" in form
    assert "Opbevar uploadede spørgeskemafiler (måneder)" in form
    assert "Registerudtræk er personoplysninger, også når de er pseudonymiserede" in form
    assert 'name="register_months" value="36"' in form
    _followup(TODAY, django_capture_on_commit_callbacks)
    assert FactDataset.objects.filter(pk=facts.pk).exists()
    response = _edit(client, project, register_months="12", survey_months="3")
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.register_months, project.survey_months) == (12, 3)
    # Both are past the shorter periods, but a new period acts only 30 days after it was set,
    # so that the facilitators are warned first.
    changed = timezone.localdate()
    assert project.retention_from == changed
    _followup(changed + datetime.timedelta(days=29), django_capture_on_commit_callbacks)
    assert FactDataset.objects.filter(pk=facts.pk).exists()
    assert Notification.objects.filter(kind=Notification.Kind.RETENTION).count() == 2
    _followup(changed + datetime.timedelta(days=30), django_capture_on_commit_callbacks)
    assert not FactDataset.objects.filter(pk=facts.pk).exists()
    assert not Survey.objects.filter(pk=survey.pk).exists()


def test_an_upload_past_its_period_when_the_rule_came_is_warned_of_before_it_goes(
    facts, project, storage, django_capture_on_commit_callbacks
):
    came = datetime.date(2026, 5, 20)  # the day the rule came with an upgrade, or a new project
    Project.objects.update(retention_from=came)
    _uploaded_on(facts, datetime.date(2019, 1, 1))  # seven years old by then
    _followup(came, django_capture_on_commit_callbacks)
    assert FactDataset.objects.filter(pk=facts.pk).exists()
    assert Notification.objects.filter(kind=Notification.Kind.RETENTION).exists()
    _followup(came + datetime.timedelta(days=29), django_capture_on_commit_callbacks)
    assert FactDataset.objects.filter(pk=facts.pk).exists()
    _followup(came + datetime.timedelta(days=30), django_capture_on_commit_callbacks)
    assert not FactDataset.objects.filter(pk=facts.pk).exists()


def test_a_longer_period_keeps_an_upload(
    client_for, facilitator, facts, project, storage, django_capture_on_commit_callbacks
):
    _uploaded_on(facts, datetime.date(2023, 1, 1))
    assert _edit(client_for(facilitator), project, register_months="48").status_code == 302
    _followup(TODAY, django_capture_on_commit_callbacks)
    assert FactDataset.objects.filter(pk=facts.pk).exists()


def test_the_settings_form_refuses_0_and_121_months_naming_the_field(
    client_for, facilitator, project
):
    client = client_for(facilitator)
    refusals = {("register_months", "0"): "Denne værdi skal være større end eller lig 1.",
                ("survey_months", "121"): "Denne værdi skal være mindre end eller lig 120."}  # fmt: skip
    for (field, value), message in refusals.items():
        response = _edit(client, project, **{field: value})
        page = response.content.decode()
        assert response.status_code == 200
        other = "survey_months" if field == "register_months" else "register_months"
        assert f'id="id_{field}_error"' in page and f'id="id_{other}_error"' not in page
        assert f'id="id_{field}_error"><li>{message}</li>' in page
    project.refresh_from_db()
    assert (project.register_months, project.survey_months) == (36, 24)


def test_the_pages_show_the_day_of_deletion(
    client_for, facilitator, facts, project, survey_file, storage
):
    demo = _register(project, storage, "demo", demo=True)
    survey = import_survey(project, survey_file)
    _uploaded_on(facts, datetime.date(2026, 1, 15))
    _uploaded_on(demo, datetime.date(2026, 1, 16))
    _uploaded_on(survey, datetime.date(2026, 2, 28))
    client = client_for(facilitator)
    data = client.get(reverse("factbase:upload", args=[project.pk])).content.decode()
    assert "Slettes den 15. januar 2029 efter opbevaringsreglen" in data
    assert "Beholdes (demodata)" in data
    assert "sletter hver import 36 måneder efter upload" in data
    surveys = client.get(reverse("segmentation:surveys", args=[project.pk])).content.decode()
    assert "Slettes den 28. februar 2028 efter opbevaringsreglen" in surveys
    codebook = client.get(reverse("segmentation:codebook", args=[project.pk, survey.pk]))
    assert "Slettes den 28. februar 2028 efter opbevaringsreglen" in codebook.content.decode()


def test_the_record_of_processing_states_the_projects_periods(client_for, facilitator, project):
    Project.objects.filter(pk=project.pk).update(register_months=18)
    page = client_for(facilitator).get(reverse("welcome:processing", args=[project.pk]))
    text = page.content.decode()
    assert "højst 18 måneder efter upload" in text  # the register extracts, as set
    assert "højst 24 måneder efter upload" in text  # the surveys, by default


def test_the_facilitators_are_warned_30_days_before_once(
    client_for, facilitator, contact, facts, project, storage,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    _uploaded_on(facts, datetime.date(2023, 7, 1))  # deleted on 1 July 2026: 30 days after TODAY
    _followup(TODAY - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(kind="retention").exists()
    mail.outbox.clear()
    _followup(TODAY, django_capture_on_commit_callbacks)
    warning = Notification.objects.get(kind="retention")
    assert (warning.recipient, warning.project, warning.days_left) == (facilitator, project, 30)
    assert [message.to for message in mail.outbox] == [["facilitator@example.org"]]
    assert "slettes den 1. juli 2026" in mail.outbox[0].body
    assert reverse("projects:edit", args=[project.pk]) in mail.outbox[0].body
    _followup(TODAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert Notification.objects.filter(kind="retention").count() == 1
    page = client_for(facilitator).get(reverse("initiatives:notifications", args=[project.pk]))
    assert (
        "Registerudtrækket moves.csv, areas.csv, population.csv, parishes.geojson, uploadet "
        "den 1. juli 2023, slettes den 1. juli 2026 efter opbevaringsreglen; ændr perioden i "
        "projektets indstillinger for at beholde det længere."
    ) in page.content.decode()


def test_a_survey_is_warned_of_too(
    facilitator, project, survey_file, storage, django_capture_on_commit_callbacks
):
    survey = import_survey(project, survey_file)
    _uploaded_on(survey, datetime.date(2024, 6, 20))  # deleted on 20 June 2026
    _followup(TODAY, django_capture_on_commit_callbacks)
    warning = Notification.objects.get(kind="retention")
    assert warning.details["files"] == "movers.csv" and warning.days_left == 19
