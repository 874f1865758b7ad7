"""The handbook's background job: rendering a requested handbook to PDF."""

from __future__ import annotations

from django_tasks import task

from samskab.handbook.actions import render_handbook


@task()
def publish_handbook(handbook_id: int) -> str:
    """Render the requested handbook; return its status."""
    return render_handbook(handbook_id)
