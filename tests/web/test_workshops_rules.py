"""The phase rules: who may add ideas and score in which workshop."""

from __future__ import annotations

import pytest

from samskab.projects import rules
from samskab.projects.models import Role

CONTRIBUTORS = [
    Role.FACILITATOR, Role.CONTACT, Role.VILLAGE_REPRESENTATIVE, Role.PARTICIPANT, Role.EXPERT
]  # fmt: skip


@pytest.mark.parametrize("role", CONTRIBUTORS)
def test_members_add_ideas_in_w2_only(role):
    assert [rules.can_in_phase(role, rules.ADD_IDEA, p) for p in (1, 2, 3, 4)] == [
        False, True, False, False
    ]  # fmt: skip


@pytest.mark.parametrize("role", CONTRIBUTORS)
def test_members_score_in_w3_only(role):
    assert [rules.can_in_phase(role, rules.SCORE_IDEA, p) for p in (1, 2, 3, 4)] == [
        False, False, True, False
    ]  # fmt: skip


@pytest.mark.parametrize("phase", [1, 2, 3, 4, None])
def test_observers_neither_add_nor_score(phase):
    assert not rules.can_in_phase(Role.OBSERVER, rules.ADD_IDEA, phase)
    assert not rules.can_in_phase(Role.OBSERVER, rules.SCORE_IDEA, phase)


def test_nothing_is_allowed_without_an_active_workshop_or_membership():
    assert not rules.can_in_phase(Role.FACILITATOR, rules.SCORE_IDEA, None)
    assert not rules.can_in_phase(None, rules.SCORE_IDEA, 3)


@pytest.mark.parametrize(
    "perm", [rules.MANAGE_WORKSHOPS, rules.EDIT_IDEAS, rules.ENTER_PAPER_SCORES]
)
def test_only_the_facilitator_manages_workshops_at_any_time(perm):
    assert [role for role in Role.values if rules.can(role, perm)] == [Role.FACILITATOR]


def test_every_member_sees_the_workshops_and_only_staff_export_named_scores():
    assert all(rules.can(role, rules.VIEW_WORKSHOPS) for role in Role.values)
    exporters = {role for role in Role.values if rules.can(role, rules.EXPORT_SCORES)}
    assert exporters == {Role.FACILITATOR, Role.CONTACT}
