"""Access to the workshop pages: project membership first, then the active phase's rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.projects.models import Village
from samskab.workshops.actions import active_phase


@dataclass(frozen=True)
class WorkshopAccess:
    """A member's view of the workshops: their project access and the active phase."""

    access: ProjectAccess
    phase: int | None

    @property
    def project(self) -> Any:
        return self.access.project

    def can(self, perm: str) -> bool:
        """Return True for a project permission or a permission of the active phase."""
        return self.access.can(perm) or rules.can_in_phase(self.access.role, perm, self.phase)

    def may_edit_village(self, village: Village) -> bool:
        """Return True when the member may edit what this village commits."""
        own = self.access.membership.village_id == village.pk
        return self.can(rules.EDIT_EXPECTATIONS) or (
            own and self.can(rules.EDIT_OWN_VILLAGE_COMMITMENT)
        )

    def context(self, page: str, **more: Any) -> dict[str, Any]:
        return {
            "access": self.access,
            "project": self.project,
            "phase": self.phase,
            "section": "workshops",
            "page": page,
            # Templates ask it what the member may do here, phase permissions included:
            # {% if workshop_access|may:"score_idea" %}
            "workshop_access": self,
            **more,
        }


def access_workshops(
    request: HttpRequest, project_id: int, *perms: str, any_of: bool = False
) -> WorkshopAccess:
    """Return the member's workshop access; 404 for a non-member, 403 unless the member has
    every permission named (or one of them with any_of), by role or in the active phase."""
    access = access_project(
        request, project_id, rules.VIEW_WORKSHOPS, with_project=("workshop_settings",)
    )
    found = WorkshopAccess(access=access, phase=active_phase(access.project))
    granted = [found.can(perm) for perm in perms]
    if perms and not (any(granted) if any_of else all(granted)):
        raise PermissionDenied
    return found
