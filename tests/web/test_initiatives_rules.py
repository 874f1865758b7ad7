"""The rules for expectations and initiatives, per role and per phase."""

from __future__ import annotations

import pytest

from samskab.projects import rules
from samskab.projects.models import Role

CONTRIBUTORS = {
    Role.FACILITATOR, Role.CONTACT, Role.VILLAGE_REPRESENTATIVE, Role.PARTICIPANT, Role.EXPERT
}  # fmt: skip


def roles_with(perm):
    return {role for role in Role.values if rules.can(role, perm)}


def test_only_the_facilitator_edits_the_municipalitys_part_and_manages_initiatives():
    assert roles_with(rules.EDIT_EXPECTATIONS) == {Role.FACILITATOR}
    assert roles_with(rules.MANAGE_INITIATIVES) == {Role.FACILITATOR}


def test_only_village_representatives_edit_their_own_villages_part():
    assert roles_with(rules.EDIT_OWN_VILLAGE_COMMITMENT) == {Role.VILLAGE_REPRESENTATIVE}


@pytest.mark.parametrize("phase", [None, 1, 2, 3])
def test_nobody_creates_initiatives_or_follows_up_before_w4(phase):
    for role in Role.values:
        assert not rules.can_in_phase(role, rules.CREATE_INITIATIVE, phase)
        assert not rules.can_in_phase(role, rules.FOLLOW_UP, phase)


def test_facilitator_contact_and_village_representatives_create_initiatives_in_w4():
    creators = {r for r in Role.values if rules.can_in_phase(r, rules.CREATE_INITIATIVE, 4)}
    assert creators == {Role.FACILITATOR, Role.CONTACT, Role.VILLAGE_REPRESENTATIVE}


def test_every_contributor_but_no_observer_may_follow_up_in_w4():
    followers = {r for r in Role.values if rules.can_in_phase(r, rules.FOLLOW_UP, 4)}
    assert followers == CONTRIBUTORS


def test_contact_persons_are_contacts_or_facilitators():
    assert {Role.CONTACT, Role.FACILITATOR} == rules.CONTACT_ROLES
