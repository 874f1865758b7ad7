"""Templates ask what a person may do in one way: the `may` filter, bound to the names of
samskab.projects.rules, so a misspelt permission fails instead of hiding a link from everyone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

from samskab.projects.access import ProjectAccess
from samskab.projects.models import Membership

TEMPLATES = Path(__file__).resolve().parents[2] / "samskab" / "templates"


def test_no_template_asks_for_a_permission_another_way():
    other_ways = re.compile(r"\.perms\b|[{ (]may\.[a-z_]")
    found = [f"{path.relative_to(TEMPLATES)}: {match[0]}"
             for path in sorted(TEMPLATES.rglob("*.html"))
             for match in other_ways.finditer(path.read_text(encoding="utf-8"))]  # fmt: skip
    assert found == []


def test_the_filter_answers_by_the_rules(project, observer, facilitator):
    template = Template('{% load permissions %}{% if access|may:"manage_facts" %}yes{% endif %}')
    for person, shown in ((facilitator, "yes"), (observer, "")):
        membership = Membership.objects.get(project=project, user=person)
        access = ProjectAccess(project=project, membership=membership)
        assert template.render(Context({"access": access})) == shown


def test_a_misspelt_permission_fails_loudly(project, facilitator):
    membership = Membership.objects.get(project=project, user=facilitator)
    access = ProjectAccess(project=project, membership=membership)
    template = Template('{% load permissions %}{% if access|may:"manage_fact" %}yes{% endif %}')
    with pytest.raises(TemplateSyntaxError, match="manage_fact"):
        template.render(Context({"access": access}))
