"""Who may follow an initiative up, on top of the workshop access (`access_workshops`)."""

from __future__ import annotations

from samskab.initiatives.actions import stewards
from samskab.initiatives.models import Initiative
from samskab.projects import rules
from samskab.workshops.access import WorkshopAccess


def may_follow_up(found: WorkshopAccess, initiative: Initiative) -> bool:
    """Return True when the member may post updates, tick milestones and set the status:
    the facilitator always, a steward (owner, owner village's representative, contact
    person) while the phase allows follow-up."""
    return _may(found, initiative, rules.FOLLOW_UP)


def may_edit_initiative(found: WorkshopAccess, initiative: Initiative) -> bool:
    """Return True when the member may edit the initiative: the facilitator always, a
    steward while the phase allows it (W4 and the follow-up after it)."""
    return _may(found, initiative, rules.EDIT_OWN_INITIATIVE)


def _may(found: WorkshopAccess, initiative: Initiative, steward_perm: str) -> bool:
    if found.can(rules.MANAGE_INITIATIVES):
        return True
    user_id = found.access.membership.user_id
    return found.can(steward_perm) and user_id in {p.pk for p in stewards(initiative)}
