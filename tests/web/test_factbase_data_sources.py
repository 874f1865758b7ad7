"""The other ways to fill the fact base: the demo data (StatBank FLY66: test_factbase_statbank.py)."""

from __future__ import annotations

from django.urls import reverse

from samskab.factbase.models import FactDataset

from .test_factbase_import import storage_fixture  # noqa: F401  (fixture)


def test_a_facilitator_imports_the_demo_data_with_one_button(
    client_for, facilitator, project, storage
):
    response = client_for(facilitator).post(reverse("factbase:use_demo", args=[project.pk]))
    assert response.status_code == 302
    dataset = FactDataset.objects.get(project=project)
    assert dataset.source == FactDataset.Source.DEMO and dataset.boundaries_file
    assert project.areas.count() == 7
    assert not (storage / "uploads" / str(project.pk) / "demo-source").exists()


def test_the_demo_button_needs_a_post(client_for, facilitator, project, storage):
    response = client_for(facilitator).get(reverse("factbase:use_demo", args=[project.pk]))
    assert response.status_code == 405
    assert not FactDataset.objects.exists()
