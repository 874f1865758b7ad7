"""The members' part of the record of processing (samskab.core.processing)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from samskab.accounts.models import Invitation, Profile
from samskab.core.processing import Processing

RECORD = (
    Processing(
        User,
        _("A member's account: signing in, and their name on what they write and do in a "
          "project."),
        _("As long as the member keeps the account; they delete it themselves under “Your "
          "data”, or a facilitator of every project they take part in deletes it on the "
          "members page, which removes their name, e-mail address and login."),
        _("The project's members see the name; the facilitators also the e-mail address, and "
          "download a member's data when they run every project the member takes part in."),
        technical=frozenset({"password", "groups", "user_permissions", "is_superuser",
                             "is_staff", "is_active", "last_login", "date_joined"}),
    ),
    Processing(
        Profile,
        _("The member's language for pages and mails."),
        _("Deleted with the account."),
        _("No one but the member."),
        technical=frozenset({"user"}),
    ),
    Processing(
        Invitation,
        _("An invitation to join a project, sent to an e-mail address."),
        _("Until it is accepted or the project is deleted; an open one is deleted with the "
          "invited person's account."),
        _("The project's facilitators."),
        technical=frozenset({"invited_by"}),
    ),
)  # fmt: skip
