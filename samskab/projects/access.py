"""The few functions every project view uses to find a project and check a permission."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from samskab.projects import rules
from samskab.projects.models import Membership, Project


@dataclass(frozen=True)
class ProjectAccess:
    """A project as the requesting user may see it, with their membership."""

    project: Project
    membership: Membership

    @property
    def role(self) -> str:
        return self.membership.role

    def can(self, perm: str) -> bool:
        """Return True when this member has the permission (templates ask through the
        `may` filter of the permissions tag library: {% if access|may:"manage_facts" %})."""
        return rules.can(self.role, perm)


def access_project(
    request: HttpRequest, project_id: int, perm: str, *, with_project: tuple[str, ...] = ()
) -> ProjectAccess:
    """Return the project and membership; 404 for a non-member (the project's existence is
    not revealed), 403 for a member without the permission. `with_project` names the
    project's one-to-one relations to read in the same query (an app above this one knows
    what its pages need)."""
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related(
            "project", "project__municipality", "village", *(f"project__{r}" for r in with_project)
        )
        .filter(project_id=project_id, user=request.user)
        .order_by()  # one membership at most: not the model's order, which joins the user
        .first()
    )
    if membership is None:
        raise Http404
    if not rules.can(membership.role, perm):
        raise PermissionDenied
    return ProjectAccess(project=membership.project, membership=membership)
