"""State changes of a project's membership: checks first (check_*), then the change (do_*)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samskab.projects.models import Membership, Role


def check_role_change(membership: Membership, role: str) -> None:
    """Raise ValidationError when the change would leave the project without a facilitator."""
    if role not in Role.values:
        raise ValidationError(_("Choose one of the roles."))
    leaving = membership.role == Role.FACILITATOR and role != Role.FACILITATOR
    others = membership.project.memberships.filter(role=Role.FACILITATOR).exclude(pk=membership.pk)
    if leaving and not others.exists():
        raise ValidationError(_("A project needs at least one facilitator."))


def do_change_role(membership: Membership, role: str) -> Membership:
    """Give the member a new role in the project; return the membership."""
    check_role_change(membership, role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership
