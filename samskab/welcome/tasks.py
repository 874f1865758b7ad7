"""The welcome app's background job: the confirmation mail after a sign-up, sent by the worker
so that a slow mail server never holds up the public page."""

from __future__ import annotations

from django_tasks import task

from samskab.welcome.mail import confirmation
from samskab.welcome.models import Person


@task()
def mail_confirmation(person_id: int, language: str) -> bool:
    """Mail the person the link that confirms their address; return False when they are gone
    (deleted before the worker came to it) or confirmed already."""
    person = Person.objects.select_related("village").filter(pk=person_id).first()
    if person is None or person.confirmed is not None:
        return False
    confirmation(person, language).send()
    return True
