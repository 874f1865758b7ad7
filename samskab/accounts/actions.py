"""State changes for accounts: inviting someone to a project and accepting the invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import Invitation
from samskab.projects.models import Membership, Project, Village


def do_invite(
    request: HttpRequest,
    project: Project,
    *,
    email: str,
    role: str,
    village: Village | None,
) -> Invitation:
    """Create an invitation and mail its link; return it."""
    invitation = Invitation.objects.create(
        project=project, email=email, role=role, village=village, invited_by=request.user
    )
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[invitation.token]))
    subject = _("Invitation to the settlement project %(project)s") % {"project": project.name}
    body = _(
        "You are invited to take part in %(project)s as %(role)s.\n\n"
        "Open this link to join (valid for 14 days):\n%(link)s\n"
    ) % {"project": project.name, "role": invitation.get_role_display(), "link": link}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    return invitation


@transaction.atomic
def do_accept(invitation: Invitation, user: AbstractBaseUser) -> Membership:
    """Make the user a member of the invitation's project (keeping a role they already
    have there) and close the invitation; return the membership."""
    membership, _created = Membership.objects.get_or_create(
        project=invitation.project,
        user=user,
        defaults={"role": invitation.role, "village": invitation.village},
    )
    invitation.accepted = timezone.now()
    invitation.save(update_fields=["accepted"])
    return membership
