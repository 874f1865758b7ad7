"""The one way a template asks what the person may do: `{% if access|may:"manage_facts" %}`.

`access` is whatever access object the view put in the context (a project's, or a workshop's,
which also knows the active phase); the name must be one of the permissions of rules.py, so a
misspelt name fails loudly instead of hiding a link from everyone."""

from __future__ import annotations

from typing import Any

from django import template

from samskab.projects import rules

register = template.Library()

KNOWN = frozenset(
    value
    for name, value in vars(rules).items()
    if name.isupper() and isinstance(value, str) and not name.startswith("_")
)


@register.filter
def may(access: Any, perm: str) -> bool:
    """Return True when the access object grants the permission; raise TemplateSyntaxError
    for a name that is no permission."""
    if perm not in KNOWN:
        raise template.TemplateSyntaxError(
            f"{perm!r} is not a permission of samskab.projects.rules"
        )
    return bool(access is not None and access.can(perm))


@register.filter
def starts_projects(user: Any) -> bool:
    """Return True when the person may start a project (rules.starts_projects)."""
    return rules.starts_projects(user)
