"""Who may change an idea, on top of the workshop access (`access_workshops`)."""

from __future__ import annotations

from samskab.ideas.models import Idea
from samskab.projects import rules
from samskab.workshops.access import WorkshopAccess


def may_edit_idea(found: WorkshopAccess, idea: Idea) -> bool:
    """Return True when the member may change or withdraw the idea: the facilitator always,
    its author while the phase allows it (W2)."""
    if found.can(rules.EDIT_IDEAS):
        return True
    own = idea.author_id is not None and idea.author_id == found.access.membership.user_id
    return own and found.can(rules.EDIT_OWN_IDEA)
