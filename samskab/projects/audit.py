"""The audit log: every action on personal data or permissions in a project, recorded by the
action that does it (an invitation, a new member, a role changed, a register or a survey
uploaded, the named scores exported) and shown to the project's facilitators."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from samskab.projects.models import AuditAction, AuditEvent, Project

SHOWN = 500  # the newest events the page lists


def record(
    project: Project,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    detail: str = "",
) -> AuditEvent:
    """Record that `actor` (None: the system) did `action` in the project, with a short detail
    (never a register's content: a file name, a role, an address)."""
    person = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        project=project, actor=person, action=action, detail=detail[:300]
    )


def events(project: Project) -> list[AuditEvent]:
    """Return the project's newest SHOWN events, newest first, with their actors."""
    return list(project.audit_events.select_related("actor")[:SHOWN])
