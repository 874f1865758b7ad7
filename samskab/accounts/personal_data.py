"""What samskab holds about one member: every row of every table that points at their account
(found from the models themselves, so a table added later is included without a change here),
for the member's own page and their download (the GDPR's rights of access and portability)."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models

# Secrets of the account itself, never shown or exported (a password hash, a login token).
_SECRET_FIELDS = {"password", "token", "form_token"}
# Links that name the member as the one who acted on other people (an invitation they sent, an
# audit entry of theirs): those rows hold the other people's data, so they are not the member's.
_ACTING_ON_OTHERS = {("accounts.invitation", "invited_by"), ("projects.auditevent", "actor")}


@dataclass(frozen=True)
class Records:
    """The rows of one table that point at the member: the table's readable name, which of
    its columns points at them, and the rows as plain values."""

    name: str
    label: str
    via: str
    rows: list[dict[str, Any]]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    return value


def _row(instance: models.Model) -> dict[str, Any]:
    row = {}
    for field in instance._meta.concrete_fields:
        if field.name in _SECRET_FIELDS:
            continue
        value = getattr(instance, field.attname)
        row[field.name] = _plain(value)
    return row


def _account(user: User) -> dict[str, Any]:
    fields = ("username", "first_name", "last_name", "email", "date_joined", "last_login")
    return {name: _plain(getattr(user, name)) for name in fields}


def member_records(user: User) -> list[Records]:
    """Return every table's rows that point at `user` (by a foreign key, a one-to-one field or
    a many-to-many field), the account itself first; tables with no row are left out."""
    found = [Records("auth.user", str(User._meta.verbose_name), "id", [_account(user)])]
    for model in apps.get_models():
        if model is User or model._meta.app_label in ("admin", "sessions", "auth"):
            continue
        for field in model._meta.get_fields():
            relation = getattr(field, "related_model", None)
            if (
                relation is not User
                or field.auto_created
                or (not field.concrete and not field.many_to_many)
                or (model._meta.label_lower, field.name) in _ACTING_ON_OTHERS
            ):
                continue
            rows = [_row(row) for row in model._default_manager.filter(**{field.name: user})]
            if rows:
                label = f"{model._meta.verbose_name_plural} ({field.verbose_name})"
                found.append(Records(model._meta.label_lower, label, field.name, rows))
    return found


def export_json(user: User) -> bytes:
    """Return everything member_records finds as one JSON document."""
    document = {
        "exported": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "tables": [
            {"table": r.name, "title": r.label, "points_at_you_by": r.via, "rows": r.rows}
            for r in member_records(user)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
