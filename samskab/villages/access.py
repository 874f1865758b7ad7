"""Who may see and write a village's profile: a member sees every village of the project; the
facilitator writes any village's profile, a village representative only their own village's."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from samskab.projects import rules
from samskab.projects.access import ProjectAccess, access_project
from samskab.projects.models import Village


def may_edit_profile(access: ProjectAccess, village: Village) -> bool:
    """Return True when the member may write this village's profile."""
    if access.can(rules.EDIT_VILLAGE_PROFILES):
        return True
    own = access.membership.village_id == village.pk
    return own and access.can(rules.EDIT_OWN_VILLAGE_PROFILE)


def access_village(
    request: HttpRequest, project_id: int, village_id: int, *, edit: bool = False
) -> tuple[ProjectAccess, Village]:
    """Return the project access and the village (404 when it is not the project's); with
    `edit`, 403 for a member who may not write its profile."""
    access = access_project(request, project_id, rules.VIEW_PROJECT)
    village = get_object_or_404(
        Village.objects.select_related("area"), pk=village_id, project=access.project
    )
    if edit and not may_edit_profile(access, village):
        raise PermissionDenied
    return access, village
