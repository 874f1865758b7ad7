"""State changes for accounts: inviting someone to a project and accepting the invitation, and
a member's data exported or their account deleted, by themselves or by a facilitator who runs
every project they take part in."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import Invitation, Profile
from samskab.accounts.personal_data import Records, export_json, member_records
from samskab.core.people import DELETED_PREFIX, person_name
from samskab.core.text import one_line
from samskab.projects import audit, rules
from samskab.projects.models import AuditAction, AuditEvent, Membership, Project, Role, Village

logger = logging.getLogger(__name__)

# The tables whose rows about a member go with their account when it is deleted (the account's
# own row is emptied of the person); every other row stays, as the project's, under no name.
_GONE_WITH_ACCOUNT = frozenset({"auth.user", "projects.membership", "accounts.profile"})


class InvitationNotSent(Exception):
    """The mail server could not be reached or refused the mail; nothing was saved."""


class InvitationClosed(Exception):
    """The invitation was accepted, or expired, before this acceptance."""


class InvitationForAnotherAddress(Exception):
    """The invitation was sent to another address than the account's."""


class MemberElsewhere(Exception):
    """The member also takes part in a project the facilitator does not run: their data there
    is not the facilitator's to read or delete."""


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
def do_delete_account(user: User, *, by: AbstractBaseUser | None = None) -> None:
    """Delete a member's personal data (the GDPR's right to erasure): their name, e-mail
    address, login and password, their memberships (and with them their roles and consent to be
    named in a handbook), their profile and any open invitation to their address. What they
    wrote or scored in a project stays as the project's record, under no name; each of their
    projects' audit logs records the deletion and who did it (the member, or `by`: a facilitator,
    named with the member's role only, never the member's name), and the earlier rows that named
    them name a former member instead. The account can never sign in again."""
    memberships = list(Membership.objects.filter(user=user).select_related("project"))
    _forget_in_audit(user, [membership.project for membership in memberships])
    for membership in memberships:
        if by is None:
            audit.record(membership.project, user, AuditAction.PERSON_DELETED,
                         _("their own account"))  # fmt: skip
        else:
            audit.record(membership.project, by, AuditAction.PERSON_DELETED,
                         _member_detail(membership))  # fmt: skip
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


def _forget_in_audit(user: User, projects: list[Project]) -> None:
    """Put "Former member" for the member's name and e-mail address in the earlier rows of
    their projects' audit logs that name them: a role change names the member ("Ida Holm:
    Deltager → Facilitator"), an invitation the address ("ida@example.org (Deltager)")."""
    former = str(_("Former member"))
    events = AuditEvent.objects.filter(project__in=projects)
    name = person_name(user)
    changed = events.filter(action=AuditAction.ROLE_CHANGED, detail__startswith=f"{name}: ")
    for event in changed:
        event.detail = former + event.detail[len(name) :]
        event.save(update_fields=["detail"])
    if user.email:
        invited = events.filter(action=AuditAction.INVITED, detail__istartswith=f"{user.email} (")
        for event in invited:
            event.detail = former + event.detail[len(user.email) :]
            event.save(update_fields=["detail"])


def kept_after_deletion(member: User) -> list[Records]:
    """Return what do_delete_account keeps of the member, under no name, as the projects'
    record: what they wrote, scored or answered."""
    return [r for r in member_records(member) if r.name not in _GONE_WITH_ACCOUNT]


def _member_detail(membership: Membership) -> str:
    # The audit row names the member's role, never the member: it outlives their account.
    return _("a member (%(role)s)") % {"role": membership.get_role_display()}


def _run_by(person: AbstractBaseUser) -> QuerySet[Project]:
    """Return the projects where the person may manage the members: those they run."""
    roles = [role for role in Role.values if rules.can(role, rules.MANAGE_MEMBERS)]
    return Project.objects.filter(memberships__user=person, memberships__role__in=roles)


def members_elsewhere(project: Project, by: AbstractBaseUser) -> set[int]:
    """Return the user ids of the project's members who also take part in a project that `by`
    does not run (for the members page, which offers their data only for the others)."""
    elsewhere = Membership.objects.filter(user__in=project.memberships.values("user")).exclude(
        project__in=_run_by(by).values("pk")
    )
    return set(elsewhere.values_list("user_id", flat=True))


def check_member_data(member: User, by: AbstractBaseUser) -> None:
    """Raise MemberElsewhere unless `by` runs every project the member takes part in: a
    facilitator reads or deletes a member's data only when all of it belongs to their projects
    (the member themselves can always do it, under “Your data”)."""
    others = Membership.objects.filter(user=member).exclude(project__in=_run_by(by).values("pk"))
    if others.exists():
        raise MemberElsewhere


def do_export_member(member: User, *, by: AbstractBaseUser) -> bytes:
    """Return everything samskab holds about the member as JSON, the same document as their own
    download (the GDPR's right of access), for a facilitator who runs every project they take
    part in; each of those projects' audit logs records the export. Raise MemberElsewhere as
    check_member_data does."""
    check_member_data(member, by)
    for membership in Membership.objects.filter(user=member).select_related("project"):
        audit.record(membership.project, by, AuditAction.PERSON_EXPORTED,
                     _member_detail(membership))  # fmt: skip
    return export_json(member)


@transaction.atomic
def do_delete_member(member: User, *, by: AbstractBaseUser) -> None:
    """Delete the member's account as do_delete_account does, for a facilitator who runs every
    project they take part in; raise MemberElsewhere as check_member_data does (nothing is
    deleted)."""
    check_member_data(member, by)
    do_delete_account(member, by=by)
