"""Publishing a project's handbook, and a member's consent to be named in it."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction

from samskab.handbook.document import handbook_html, handbook_pdf
from samskab.handbook.models import Handbook, Lesson
from samskab.jobs.state import JobState, job_state
from samskab.projects.models import Membership, Project

log = logging.getLogger(__name__)


def do_request_handbook(project: Project, user: User, language: str) -> Handbook:
    """Record a request for the project's handbook and queue its rendering."""
    from samskab.handbook.tasks import publish_handbook

    handbook = Handbook.objects.create(project=project, language=language, requested_by=user)
    task_id = str(publish_handbook.enqueue(handbook.pk).id)
    Handbook.objects.filter(pk=handbook.pk).update(task_id=task_id)
    handbook.refresh_from_db()
    return handbook


def render_handbook(handbook_id: int) -> str:
    """Render a requested handbook and keep its PDF; a failure is recorded on it."""
    handbook = Handbook.objects.select_related("project__municipality").get(pk=handbook_id)
    if handbook.status != Handbook.Status.RENDERING:
        return handbook.status  # rendered already, by an earlier start of the job
    try:
        rendered = handbook_pdf(handbook_html(handbook.project, handbook.language))
        handbook.path.parent.mkdir(parents=True, exist_ok=True)
        handbook.path.write_bytes(rendered.pdf)
        handbook.pages, handbook.status = rendered.pages, Handbook.Status.DONE
    except Exception:  # recorded on the handbook, which the page shows as failed
        log.exception("the handbook %s could not be rendered", handbook_id)
        handbook.status = Handbook.Status.FAILED
    handbook.save(update_fields=["pages", "status"])
    return handbook.status


def handbook_state(handbook: Handbook) -> JobState:
    """Return where a handbook stands: queued, running, done or failed."""
    if handbook.status == Handbook.Status.DONE:
        return JobState.DONE
    if handbook.status == Handbook.Status.FAILED:
        return JobState.FAILED
    state = job_state(handbook.task_id)
    return JobState.FAILED if state == JobState.DONE else state


def latest(project: Project, *, done: bool = False) -> Handbook | None:
    """Return the project's last requested handbook, or the last one done."""
    handbooks = project.handbooks.all()
    if done:
        handbooks = handbooks.filter(status=Handbook.Status.DONE)
    return handbooks.first()


@transaction.atomic
def do_set_name_in_handbook(membership: Membership, *, agreed: bool) -> None:
    """Record whether the member agrees to be named in the project's handbook."""
    membership.name_in_handbook = agreed
    membership.save(update_fields=["name_in_handbook"])


@transaction.atomic
def do_save_lessons(project: Project, texts: Mapping[str, str]) -> None:
    """Keep the facilitator's lessons, one text per theme; the next handbook shows them."""
    for theme, text in texts.items():
        Lesson.objects.update_or_create(project=project, theme=theme, defaults={"text": text})
