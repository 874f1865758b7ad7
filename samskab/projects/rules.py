"""Who may do what in a project: every permission of every role, in one place.

Views never test roles themselves; they ask `can(membership, perm)` through the access helpers
in access.py. A non-member has no permission in a project at all.
"""

from __future__ import annotations

from samskab.projects.models import Role

VIEW_PROJECT = "view_project"
VIEW_FACTS = "view_facts"  # aggregates with small-cell suppression
VIEW_EXACT_FACTS = "view_exact_facts"  # aggregates without suppression
MANAGE_FACTS = "manage_facts"  # upload registers, choose the data
PRESENT = "present"  # presentation mode for workshop 1
VIEW_MEMBERS = "view_members"
MANAGE_MEMBERS = "manage_members"  # invite, change roles
EDIT_PROJECT = "edit_project"

_EVERYONE = {VIEW_PROJECT, VIEW_FACTS, VIEW_MEMBERS}

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.FACILITATOR: frozenset(
        _EVERYONE | {VIEW_EXACT_FACTS, MANAGE_FACTS, PRESENT, MANAGE_MEMBERS, EDIT_PROJECT}
    ),
    Role.CONTACT: frozenset(_EVERYONE | {PRESENT}),
    Role.VILLAGE_REPRESENTATIVE: frozenset(_EVERYONE),
    Role.PARTICIPANT: frozenset(_EVERYONE),
    Role.EXPERT: frozenset(_EVERYONE),
    Role.OBSERVER: frozenset({VIEW_PROJECT, VIEW_FACTS}),
}


def can(role: str | None, perm: str) -> bool:
    """Return True when the role (None: not a member) has the permission."""
    return role is not None and perm in PERMISSIONS.get(role, frozenset())
