"""The daily follow-up purges the lists: a sign-up never confirmed after two weeks, a newcomer
a year and a former resident three years after their consent; the audit log counts them."""

from __future__ import annotations

import datetime

from django.core.management import call_command

from samskab.projects.models import AuditEvent
from samskab.welcome.models import Kind, LetterCode, Person

from .welcome_fixtures import hoven_page_fixture, sign_up  # noqa: F401  (fixture)

TODAY = datetime.date(2026, 6, 1)


def _signed_up(page, name, days_ago, **fields):
    person = sign_up(page, name, **fields)
    moment = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC) - datetime.timedelta(days_ago)
    Person.objects.filter(pk=person.pk).update(consented=moment)
    return person


def _left() -> list[str]:
    return sorted(Person.objects.values_list("name", flat=True))


def test_the_followup_purges_what_has_passed_its_retention_period(project, hoven_page):
    _signed_up(hoven_page, "Ubekræftet", 15, confirmed=False)
    _signed_up(hoven_page, "Ny", 13, confirmed=False)
    _signed_up(hoven_page, "Gammel", 366)
    _signed_up(hoven_page, "Sidste år", 300)
    _signed_up(hoven_page, "Udflyttet", 366, kind=Kind.FORMER_RESIDENT, city_code=851)
    _signed_up(hoven_page, "Længe væk", 3 * 365 + 1, kind=Kind.FORMER_RESIDENT, city_code=851)
    call_command("followup", today=TODAY)
    assert _left() == ["Ny", "Sidste år", "Udflyttet"]
    event = AuditEvent.objects.get(project=project)
    assert (event.actor, event.action, event.detail) == (None, "people_purged", "3")


def test_nothing_to_purge_writes_nothing_to_the_log(project, hoven_page):
    _signed_up(hoven_page, "Ny", 1)
    call_command("followup", today=TODAY)
    assert _left() == ["Ny"] and not AuditEvent.objects.exists()


def test_the_followup_deletes_letter_codes_after_a_year(project, hoven_page):
    old = LetterCode.objects.create(village=hoven_page.village, code="OLDCODE2")
    LetterCode.objects.create(village=hoven_page.village, code="NEWCODE3")
    moment = datetime.datetime(2025, 5, 31, 12, tzinfo=datetime.UTC)
    LetterCode.objects.filter(pk=old.pk).update(created=moment)
    call_command("followup", today=TODAY)
    assert list(LetterCode.objects.values_list("code", flat=True)) == ["NEWCODE3"]
