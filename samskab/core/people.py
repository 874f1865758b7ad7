"""How a person is named on every page, picker and export, and what the admin offers them."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, When
from django.utils.translation import gettext as _

# The login of an account its member deleted (samskab.accounts.actions.do_delete_account).
DELETED_PREFIX = "deleted-"


def person_name(user: Any) -> str:
    """Return the person's full name; without one, the local part of their e-mail address
    (never the login, which may be a whole address or a word like "contact"); "Former member"
    for an account its member deleted."""
    if user is None:
        return ""
    if str(getattr(user, "username", "")).startswith(DELETED_PREFIX):
        return _("Former member")
    full = f"{user.first_name} {user.last_name}".strip()
    if full:
        return full
    local = (user.email or "").partition("@")[0].strip()
    return local or _("Unnamed member")


def by_name(people: Any) -> list[Any]:
    """Return the people sorted by the name `person_name` gives them, case ignored."""
    return sorted(people, key=lambda user: person_name(user).casefold())


def label_people(field: Any) -> None:
    """Show the people of a model choice field by `person_name`, in the order of their names."""
    people = by_name(field.queryset)
    order = Case(*(When(pk=p.pk, then=i) for i, p in enumerate(people)), default=len(people))
    field.queryset = field.queryset.order_by(order)
    field.label_from_instance = person_name


def opens_admin(user: Any) -> bool:
    """Return True when Django's admin is for the user: the installation's superusers. A staff
    account (every municipal facilitator has one, to create projects) finds it empty; asking
    for its model permissions would cost two queries on every page."""
    return bool(user.is_active and user.is_superuser)
