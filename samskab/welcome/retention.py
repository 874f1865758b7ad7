"""How long the lists keep a person, and the purge the daily follow-up runs: a sign-up never
confirmed is deleted after UNCONFIRMED, a confirmed one KEPT after the consent was given (the
purpose on each form says so); a welcome letter's code after CODES_KEPT, used or not."""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils import timezone

from samskab.projects import audit
from samskab.projects.models import AuditAction
from samskab.welcome.models import Kind, LetterCode, Person

UNCONFIRMED = datetime.timedelta(days=14)
KEPT = {Kind.NEWCOMER: datetime.timedelta(days=365),
        Kind.FORMER_RESIDENT: datetime.timedelta(days=3 * 365)}  # fmt: skip
CODES_KEPT = datetime.timedelta(days=365)
PURGED = AuditAction.PEOPLE_PURGED


def expired(today: datetime.date) -> list[Person]:
    """Return the people whose time on their list is over by the start of `today`."""
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    people = Person.objects.select_related("village__project")
    found = list(people.filter(confirmed=None, consented__lte=start - UNCONFIRMED))
    for kind, kept in KEPT.items():
        found += people.filter(kind=kind, consented__lte=start - kept).exclude(confirmed=None)
    return found


def purge(today: datetime.date) -> int:
    """Delete every expired person and letter code; write one line per project to its audit
    log (how many people, never who); return how many people were deleted."""
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    LetterCode.objects.filter(created__lte=start - CODES_KEPT).delete()
    people = expired(today)
    per_project = Counter(person.village.project for person in people)
    Person.objects.filter(pk__in=[person.pk for person in people]).delete()
    for project, count in per_project.items():
        audit.record(project, None, PURGED, str(count))
    return len(people)
