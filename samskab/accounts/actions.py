"""State changes for accounts: inviting someone to a project and accepting the invitation."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import Invitation, Profile
from samskab.core.people import DELETED_PREFIX
from samskab.core.text import one_line
from samskab.projects import audit
from samskab.projects.models import AuditAction, Membership, Project, Village

logger = logging.getLogger(__name__)


class InvitationNotSent(Exception):
    """The mail server could not be reached or refused the mail; nothing was saved."""


class InvitationClosed(Exception):
    """The invitation was accepted, or expired, before this acceptance."""


class InvitationForAnotherAddress(Exception):
    """The invitation was sent to another address than the account's."""


class AccountExists(Exception):
    """An account with the invitation's address was made meanwhile (another invitation to the
    same address, accepted in another tab or at the same moment): the person signs in instead."""


def do_invite(
    request: HttpRequest,
    project: Project,
    *,
    email: str,
    role: str,
    village: Village | None,
) -> Invitation:
    """Mail an invitation's link, then save the invitation; return it. When the mail cannot
    be sent, raise InvitationNotSent and keep nothing: an open invitation is one that was sent.
    (The mail goes out before the save, outside any transaction, so that a slow mail server
    holds no database lock.)"""
    invitation = Invitation(
        project=project, email=email, role=role, village=village, invited_by=request.user
    )
    try:
        _mail_invitation(request, invitation)
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("An invitation could not be sent: %s", error)
        raise InvitationNotSent from error
    invitation.save()
    audit.record(project, request.user, AuditAction.INVITED,
                 f"{email} ({invitation.get_role_display()})")  # fmt: skip
    return invitation


def _mail_invitation(request: HttpRequest, invitation: Invitation) -> None:
    project = invitation.project
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[invitation.token]))
    subject = _("Invitation to the settlement project %(project)s") % {"project": project.name}
    body = _(
        "You are invited to take part in %(project)s as %(role)s.\n\n"
        "Open this link to join (valid for 14 days):\n%(link)s\n"
    ) % {"project": project.name, "role": invitation.get_role_display(), "link": link}
    send_mail(one_line(subject), body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def is_invited(invitation: Invitation, user: AbstractBaseUser) -> bool:
    """Return True when the account's address is the one the invitation was sent to (in any
    case): a forwarded invitation does not let another account join."""
    address = str(getattr(user, "email", "") or "")
    return address.casefold() == invitation.email.casefold()


@transaction.atomic
def do_accept(invitation: Invitation, user: AbstractBaseUser) -> Membership:
    """Make the user a member of the invitation's project (keeping a role they already
    have there) and close the invitation; return the membership.

    Raise InvitationForAnotherAddress for an account of another address, and InvitationClosed
    when the invitation was accepted or expired meanwhile: it is closed by one conditional
    UPDATE, so of two acceptances at once (on PostgreSQL the second waits for the first's row
    lock and then finds it closed; SQLite lets one writer at a time) only one goes through."""
    if not is_invited(invitation, user):
        raise InvitationForAnotherAddress
    now = timezone.now()
    closed_now = Invitation.objects.filter(
        pk=invitation.pk, accepted__isnull=True, expires__gt=now
    ).update(accepted=now)
    if closed_now != 1:
        raise InvitationClosed
    invitation.accepted = now
    membership, _created = Membership.objects.get_or_create(
        project=invitation.project,
        user=user,
        defaults={"role": invitation.role, "village": invitation.village},
    )
    audit.record(invitation.project, user, AuditAction.JOINED, membership.get_role_display())
    return membership


def do_sign_up(
    invitation: Invitation, *, first_name: str, last_name: str, password: str
) -> AbstractBaseUser:
    """Make an account for the invitation's address (its user name) and accept the invitation
    with it, in one transaction; return the account. Raise AccountExists when an account with
    that address exists by now (nothing is saved), and InvitationClosed as do_accept does."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=invitation.email.lower(),
                email=invitation.email,
                password=password,
                first_name=first_name,
                last_name=last_name,
            )
            do_accept(invitation, user)
    except IntegrityError as error:
        raise AccountExists from error
    return user


def do_set_language(user: AbstractBaseUser, language: str) -> None:
    """Remember a signed-in person's interface language (for pages and for the mails sent to
    them)."""
    Profile.objects.update_or_create(user=user, defaults={"language": language})


@transaction.atomic
def do_delete_account(user: User) -> None:
    """Delete a member's personal data (the GDPR's right to erasure): their name, e-mail
    address, login and password, their memberships (and with them their roles and consent to be
    named in a handbook), their profile and any open invitation to their address. What they
    wrote or scored in a project stays as the project's record, under no name; each of their
    projects' audit logs records the deletion. The account can never sign in again."""
    for project in Project.objects.filter(memberships__user=user).distinct():
        audit.record(project, user, AuditAction.PERSON_DELETED, _("their own account"))
    Membership.objects.filter(user=user).delete()
    if user.email:
        Invitation.objects.filter(email__iexact=user.email, accepted__isnull=True).delete()
    Profile.objects.filter(user=user).delete()
    user.username = f"{DELETED_PREFIX}{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
