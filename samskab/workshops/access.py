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
from samskab.workshops.initiative_actions import stewards
from samskab.workshops.initiative_models import Initiative, Notification


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

    def may_follow_up(self, initiative: Initiative) -> bool:
        """Return True when the member may post updates, tick milestones and set the status:
        the facilitator always, a steward (owner, owner village's representative, contact
        person) while the phase allows follow-up."""
        if self.can(rules.MANAGE_INITIATIVES):
            return True
        user_id = self.access.membership.user_id
        return self.can(rules.FOLLOW_UP) and user_id in {p.pk for p in stewards(initiative)}

    def may_edit_village(self, village: Village) -> bool:
        """Return True when the member may edit what this village commits."""
        own = self.access.membership.village_id == village.pk
        return self.can(rules.EDIT_EXPECTATIONS) or (
            own and self.can(rules.EDIT_OWN_VILLAGE_COMMITMENT)
        )

    def unread(self) -> int:
        """Return how many of the member's notifications in this project are unread."""
        return Notification.objects.filter(
            recipient_id=self.access.membership.user_id,
            project_id=self.project.pk,
            read=False,
        ).count()

    def context(self, page: str, **more: Any) -> dict[str, Any]:
        return {
            "unread": self.unread,  # counted only where a page shows it
            "access": self.access,
            "project": self.project,
            "phase": self.phase,
            "section": "workshops",
            "page": page,
            "may": {perm: self.can(perm) for perm in _SHOWN},
            **more,
        }


_SHOWN = (
    rules.MANAGE_WORKSHOPS,
    rules.EDIT_IDEAS,
    rules.ENTER_PAPER_SCORES,
    rules.EXPORT_SCORES,
    rules.ADD_IDEA,
    rules.SCORE_IDEA,
    rules.EDIT_EXPECTATIONS,
    rules.MANAGE_INITIATIVES,
    rules.CREATE_INITIATIVE,
)


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
