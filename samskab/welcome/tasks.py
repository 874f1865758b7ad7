"""The welcome app's background jobs: the confirmation mail after a sign-up and the invitations
to an event, sent by the worker so that a slow mail server never holds up a page."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from samskab.welcome.mail import confirmation, invitation_mail
from samskab.welcome.models import Invitation, Person


@task()
def mail_confirmation(person_id: int) -> bool:
    """Mail the person the link that confirms their address; return False when they are gone
    (deleted before the worker came to it) or confirmed already."""
    person = Person.objects.select_related("village").filter(pk=person_id).first()
    if person is None or person.confirmed is not None:
        return False
    confirmation(person).send()
    return True


@task()
def mail_invitations(event_id: int) -> int:
    """Mail every invitation to the event not mailed yet (a person deleted meanwhile has none
    left); mark each sent once it went out; return how many were."""
    waiting = Invitation.objects.filter(event_id=event_id, mailed=None)
    sent = 0
    for invitation in waiting.select_related("event__city", "person__village"):
        invitation_mail(invitation).send()
        Invitation.objects.filter(pk=invitation.pk).update(mailed=timezone.now())
        sent += 1
    return sent
