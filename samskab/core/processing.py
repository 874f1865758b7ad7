"""The record of processing (GDPR art. 30) for the whole product, for the municipality's data
protection officer: for each model that holds data about people, what it stores (its fields,
read from the model itself, so the record cannot drift from the code), why, for how long, and
who can see it. Each app registers its own models once (in its AppConfig.ready), so this module
needs no app and an app added later adds its part."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

# Fields that only tie a record to others or to its own link, not data about the person.
TECHNICAL = {"id", "village", "event", "person", "token", "project", "idea", "initiative", "round"}


@dataclass(frozen=True)
class Processing:
    model: type[models.Model]
    purpose: str | Promise
    retention: str | Promise  # with %(name)s for the values of `periods`
    who: str | Promise
    periods: tuple[tuple[str, int], ...] = ()
    technical: frozenset[str] = field(default_factory=frozenset)
    # The periods a project sets for itself, read from the project (they replace `periods`).
    project_periods: Callable[[Any], Mapping[str, int]] | None = None

    @property
    def kept(self) -> str:
        """Return how long the records are kept, in the active language."""
        return str(self.retention) % dict(self.periods)

    def kept_in(self, project: Any) -> str:
        """Return how long the project keeps the records (its own periods where it sets
        them), in the active language."""
        periods = dict(self.periods)
        if self.project_periods is not None:
            periods.update(self.project_periods(project))
        return str(self.retention) % periods

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def fields(self) -> list[str]:
        """Return the names (as the forms show them) of the fields the model stores."""
        skip = TECHNICAL | self.technical
        return [str(f.verbose_name) for f in self.model._meta.get_fields()
                if f.concrete and f.name not in skip]  # fmt: skip


_REGISTERED: dict[str, tuple[Processing, ...]] = {}


def register(part: str, *entries: Processing) -> None:
    """Add a part of the product's record (registered again: replaced, not doubled)."""
    _REGISTERED[part] = entries


def record() -> list[Processing]:
    """Return every registered entry, part by part in the order they were registered."""
    return [entry for entries in _REGISTERED.values() for entry in entries]
