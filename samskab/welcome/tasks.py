"""The welcome app's background jobs: the confirmation mail after a sign-up and the invitations
to an event, sent by the worker so that a slow mail server never holds up a page."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import BadHeaderError
from django.utils import timezone
from django_tasks import task

from samskab.welcome.mail import confirmation, invitation_mail
from samskab.welcome.models import Invitation, Person

logger = logging.getLogger(__name__)


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
    left); mark each sent once it went out; return how many were. A mail that fails (a refused
    address, the mail server gone) is logged and left unsent for the next invitation round,
    and the others are still sent."""
    waiting = Invitation.objects.filter(event_id=event_id, mailed=None)
    sent = 0
    for invitation in waiting.select_related("event__city", "person__village"):
        try:
            invitation_mail(invitation).send()
        except (smtplib.SMTPException, OSError, BadHeaderError) as error:
            logger.warning("invitation %s to event %s not mailed: %s", invitation.pk, event_id,
                           type(error).__name__)  # fmt: skip
            continue
        Invitation.objects.filter(pk=invitation.pk).update(mailed=timezone.now())
        sent += 1
    return sent
