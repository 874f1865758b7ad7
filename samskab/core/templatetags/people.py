"""Template filters for naming people, `{{ user|person_name }}`, and `{% if user|opens_admin %}`."""

from __future__ import annotations

from typing import Any

from django import template

from samskab.core import people

register = template.Library()


@register.filter
def person_name(user: Any) -> str:
    """Return the name the app shows for the person (see samskab.core.people)."""
    return people.person_name(user)


@register.filter
def opens_admin(user: Any) -> bool:
    """Return True when the admin has something to show the user."""
    return user.is_authenticated and people.opens_admin(user)
