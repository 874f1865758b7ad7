"""The follow-up's mail: every notification not yet mailed is sent, in its recipient's
language, with a link to what it is about, and marked sent only once the mail went out. A mail
that fails is tried again on the next run (for a week); it never stops the others."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskab.core.links import absolute_url
from samskab.core.text import one_line
from samskab.initiatives.followup.messages import describe
from samskab.initiatives.followup.notices import notices_of
from samskab.initiatives.models import Notification

RETRY_FOR = datetime.timedelta(days=7)  # after a week without success, a mail is given up
LANGUAGES = {code for code, _name in settings.LANGUAGES}
Mail = Notification.Mail
log = logging.getLogger(__name__)


def deliver_pending(today: datetime.date) -> int:
    """Mail every notification not yet mailed; return how many mails went out."""
    pending = Notification.objects.filter(mail=Mail.PENDING)
    pending.filter(day__lt=today - RETRY_FOR).update(mail=Mail.FAILED)
    pending = pending.select_related("project", "initiative", "milestone", "recipient__profile")
    return sum(_deliver(notification) for notification in pending.order_by("day", "pk"))


def _deliver(notification: Notification) -> bool:
    message = compose(notification)
    attempted = Notification.objects.filter(pk=notification.pk, mail=Mail.PENDING)
    try:
        message.send()
    except Exception:  # whatever the mail server or a header did, the other mails go on
        log.warning("follow-up mail %s to %s failed", notification.pk, message.to, exc_info=True)
        attempted.update(mail_attempts=F("mail_attempts") + 1)
        return False
    attempted.update(mail=Mail.SENT, mailed=timezone.now(), mail_attempts=F("mail_attempts") + 1)
    return True


def compose(notification: Notification) -> EmailMessage:
    """Return the notification's mail in its recipient's language: a one-line subject, the
    message and absolute links."""
    recipient = notification.recipient
    with translation.override(recipient_language(recipient)):
        subject, link = _subject_and_link(notification)
        text = describe(notification, link_to=lambda pk: _initiative_url(notification, pk))
        body = "\n\n".join([text, _("Open it in samskab:") + "\n" + link, _footer(notification)])
    return EmailMessage(one_line(subject), body + "\n", settings.DEFAULT_FROM_EMAIL,
                        [recipient.email])  # fmt: skip


def recipient_language(user: object) -> str:
    """Return the language of the person's profile, else the default (Danish)."""
    profile = getattr(user, "profile", None)
    chosen = getattr(profile, "language", "")
    return chosen if chosen in LANGUAGES else settings.LANGUAGE_CODE


def _subject_and_link(notification: Notification) -> tuple[str, str]:
    project = notification.project
    registered = notices_of(notification.kind)
    if registered is not None:
        return registered.subject_and_link(notification)
    if notification.initiative_id is None:
        subject = _("samskab: weekly overview of %(project)s") % {"project": project.name}
        return subject, absolute_url(reverse("initiatives:dashboard", args=[project.pk]))
    title = notification.initiative.title if notification.initiative else ""
    link = _initiative_url(notification, notification.initiative_id)
    return _("samskab: %(title)s") % {"title": title}, link


def _initiative_url(notification: Notification, initiative_id: int) -> str:
    path = reverse("initiatives:detail", args=[notification.project_id, initiative_id])
    return absolute_url(path)


def _footer(notification: Notification) -> str:
    path = reverse("initiatives:notifications", args=[notification.project_id])
    everything = _("Every notification of %(project)s is also in the app: %(link)s") % {
        "project": notification.project.name,
        "link": absolute_url(path),
    }
    yours = _("What samskab holds about you, to download or delete: %(link)s") % {
        "link": absolute_url(reverse("accounts:my_data"))
    }
    return f"{everything}\n{yours}"
