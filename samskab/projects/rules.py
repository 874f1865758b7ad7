"""Who may do what in a project: every permission of every role, in one place.

Views never test roles themselves; they ask `can(membership, perm)` through the access helpers
in access.py. A non-member has no permission in a project at all.
"""

from __future__ import annotations

from typing import Any

from samskab.projects.models import Role

VIEW_PROJECT = "view_project"
VIEW_FACTS = "view_facts"  # aggregates with small-cell suppression
VIEW_EXACT_FACTS = "view_exact_facts"  # aggregates without suppression
MANAGE_FACTS = "manage_facts"  # upload registers, choose the data
PRESENT = "present"  # presentation mode for workshop 1
VIEW_MEMBERS = "view_members"
VIEW_MEMBER_ADDRESSES = "view_member_addresses"  # members' e-mail addresses
MANAGE_MEMBERS = "manage_members"  # invite, change roles
EDIT_PROJECT = "edit_project"
# Start a new project (area) with this one's description, workshop set-up and, optionally, its
# villages; like creating any project, it also takes a staff account (checked by the action).
COPY_PROJECT = "copy_project"
VIEW_AUDIT = "view_audit"  # the audit log: actions on personal data and permissions
VIEW_WORKSHOPS = "view_workshops"  # workshops, ideas and the results board (aggregates)
MANAGE_WORKSHOPS = "manage_workshops"  # dates, agendas, minutes, the active phase, checklist
EDIT_IDEAS = "edit_ideas"  # type in ideas from paper, merge duplicates, comment
ENTER_PAPER_SCORES = "enter_paper_scores"  # type in a named participant's paper score sheet
EXPORT_SCORES = "export_scores"  # CSV/XLSX with every participant's named scores
EDIT_EXPECTATIONS = "edit_expectations"  # the municipality's part and every village's part
EDIT_OWN_VILLAGE_COMMITMENT = "edit_own_village_commitment"  # one's own village's part only
# Create and edit any initiative, its milestones, status and updates, in any phase: the
# follow-up goes on for months after the last workshop.
MANAGE_INITIATIVES = "manage_initiatives"
VIEW_SEGMENTS = "view_segments"  # segment profiles: aggregates, suppressed unless VIEW_EXACT_FACTS
MANAGE_SEGMENTS = "manage_segments"  # upload surveys, edit codebooks, fit, choose K, name segments
# Be asked in an evaluation round and answer it (observers watch and are not asked).
ANSWER_EVALUATION = "answer_evaluation"
# Open evaluation rounds; see the summary unsuppressed, with the free-text answers (no names).
MANAGE_EVALUATION = "manage_evaluation"
# Publish the project's handbook (every member may download the last one published) and write
# its lessons per theme.
PUBLISH_HANDBOOK = "publish_handbook"
# Write any village's profile (strengths, challenges, place-bound assets) and the cluster's
# shared identity.
EDIT_VILLAGE_PROFILES = "edit_village_profiles"
EDIT_OWN_VILLAGE_PROFILE = "edit_own_village_profile"  # one's own village's profile only
# The stakeholder map names organisations and people worth involving, and who holds the contact.
VIEW_STAKEHOLDERS = "view_stakeholders"
MANAGE_STAKEHOLDERS = "manage_stakeholders"  # add, change and remove stakeholders
VIEW_HOUSING = "view_housing"  # the homes and plots on offer, the demand and the gaps
# Enter and import homes and plots, set each segment's demand, turn a gap into an idea.
MANAGE_HOUSING = "manage_housing"
ADD_HOUSING_NOTE = "add_housing_note"  # an expert's note on what buyers ask for
# Choose the target groups of the marketing plan, write their messages and channels.
MANAGE_MARKETING = "manage_marketing"
# Publish the villages' public pages; see every newcomer and former resident who signed up,
# choose the newcomers' hosts, export and delete a person's data.
MANAGE_WELCOME = "manage_welcome"
# Be a newcomer's host: see the newcomers one is the host of (only those) and record the visit.
HOST_WELCOME_VISITS = "host_welcome_visits"

# Phase permissions: what a role may do only while that workshop is the active one.
ADD_IDEA = "add_idea"
EDIT_OWN_IDEA = "edit_own_idea"  # change or withdraw an idea one added oneself
SCORE_IDEA = "score_idea"
CREATE_INITIATIVE = "create_initiative"  # turn a chosen idea into an initiative
# Post progress updates, tick milestones and set the status of an initiative one stewards:
# as its owner, a representative of its owner village, or its municipal contact person.
FOLLOW_UP = "follow_up"
# Edit an initiative one stewards (its title, owners, goal, resources, review date).
EDIT_OWN_INITIATIVE = "edit_own_initiative"

_EVERYONE = {
    VIEW_PROJECT,
    VIEW_FACTS,
    VIEW_MEMBERS,
    VIEW_WORKSHOPS,
    VIEW_SEGMENTS,
    VIEW_STAKEHOLDERS,
    VIEW_HOUSING,
}

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.FACILITATOR: frozenset(
        _EVERYONE
        | {VIEW_EXACT_FACTS, MANAGE_FACTS, PRESENT, VIEW_MEMBER_ADDRESSES, MANAGE_MEMBERS}
        | {EDIT_PROJECT, COPY_PROJECT, VIEW_AUDIT}
        | {MANAGE_WORKSHOPS, EDIT_IDEAS, ENTER_PAPER_SCORES, EXPORT_SCORES}
        | {EDIT_EXPECTATIONS, MANAGE_INITIATIVES, MANAGE_SEGMENTS}
        | {ANSWER_EVALUATION, MANAGE_EVALUATION, PUBLISH_HANDBOOK}
        | {EDIT_VILLAGE_PROFILES, MANAGE_STAKEHOLDERS, MANAGE_HOUSING, ADD_HOUSING_NOTE}
        | {MANAGE_MARKETING}
        | {MANAGE_WELCOME, HOST_WELCOME_VISITS}
    ),
    Role.CONTACT: frozenset(
        _EVERYONE
        | {PRESENT, VIEW_MEMBER_ADDRESSES, EXPORT_SCORES, ANSWER_EVALUATION, MANAGE_STAKEHOLDERS}
        | {MANAGE_HOUSING, MANAGE_MARKETING}
    ),
    Role.VILLAGE_REPRESENTATIVE: frozenset(
        _EVERYONE
        | {EDIT_OWN_VILLAGE_COMMITMENT, ANSWER_EVALUATION, EDIT_OWN_VILLAGE_PROFILE}
        | {HOST_WELCOME_VISITS}
    ),
    Role.PARTICIPANT: frozenset(_EVERYONE | {ANSWER_EVALUATION, HOST_WELCOME_VISITS}),
    Role.EXPERT: frozenset(_EVERYONE | {ANSWER_EVALUATION, ADD_HOUSING_NOTE}),
    Role.OBSERVER: frozenset(
        {VIEW_PROJECT, VIEW_FACTS, VIEW_WORKSHOPS, VIEW_SEGMENTS, VIEW_HOUSING}
    ),
}

# Everyone who takes part in the workshops; observers watch and do not add or score.
_CONTRIBUTORS = frozenset(
    {Role.FACILITATOR, Role.CONTACT, Role.VILLAGE_REPRESENTATIVE, Role.PARTICIPANT, Role.EXPERT}
)

# Per workshop (1 Where are we?, 2 What do we want?, 3 How?, 4 What now?): which roles have
# which phase permission while that workshop is the active one. A permission not named for a
# phase is refused in it. W4 stays the active workshop for the whole follow-up after it, so
# its permissions hold from the day W4 starts for as long as the initiatives run.
PHASE_PERMISSIONS: dict[int, dict[str, frozenset[str]]] = {
    1: {},
    2: {ADD_IDEA: _CONTRIBUTORS, EDIT_OWN_IDEA: _CONTRIBUTORS},
    3: {SCORE_IDEA: _CONTRIBUTORS},
    4: {
        CREATE_INITIATIVE: frozenset({Role.FACILITATOR, Role.CONTACT, Role.VILLAGE_REPRESENTATIVE}),
        FOLLOW_UP: _CONTRIBUTORS,
        EDIT_OWN_INITIATIVE: _CONTRIBUTORS,
    },
}

# Who may be named an initiative's municipal contact person or the municipality's contact.
CONTACT_ROLES = frozenset({Role.CONTACT, Role.FACILITATOR})


def can(role: str | None, perm: str) -> bool:
    """Return True when the role (None: not a member) has the permission."""
    return role is not None and perm in PERMISSIONS.get(role, frozenset())


def can_in_phase(role: str | None, perm: str, phase: int | None) -> bool:
    """Return True when the role has the phase permission while workshop `phase` is active
    (None: no workshop active, so no phase permission at all)."""
    if role is None or phase is None:
        return False
    return role in PHASE_PERMISSIONS.get(phase, {}).get(perm, frozenset())


def starts_projects(user: Any) -> bool:
    """Return True when the person may start a project, a new one or a copy of one they lead:
    municipal staff, as a staff account marks them. The one place the staff rule is read (by
    the views, the copy action and the templates' `starts_projects` filter)."""
    return bool(getattr(user, "is_staff", False))
