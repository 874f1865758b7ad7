"""The retention rule for uploaded register extracts and survey files on the daily follow-up
(the rule itself: samskab.projects.retention): the project's facilitators are told once,
WARN_BEFORE the day, that an upload is going to be deleted, and on the day it is deleted.

The fact base and the segments sit below the follow-up, so they cannot register with it; the
initiatives app registers their purge and warnings here (in its AppConfig.ready), and the purge
writes one audit line per project for both."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samskab.core.links import absolute_url
from samskab.factbase import retention as registers
from samskab.initiatives.followup.due import Due, Repeat
from samskab.initiatives.followup.notices import ProjectNotices
from samskab.initiatives.models import Notification
from samskab.projects.models import Role
from samskab.projects.retention import REGISTER, Upload, record_purged
from samskab.segmentation import retention as surveys

KIND = Notification.Kind.RETENTION


def purge_uploads(today: datetime.date) -> int:
    """Delete every upload whose day has come by `today` and log them, in one transaction (the
    files go once it is committed); return how many."""
    with transaction.atomic():
        purged = registers.purge(today) + surveys.purge(today)
        record_purged(purged)
    return len(purged)


def upload_dues(today: datetime.date) -> list[tuple[int, Due]]:
    """Return a warning to each facilitator of the project of every upload deleted within
    WARN_BEFORE of `today` (once per upload and day of deletion)."""
    found: list[tuple[int, Due]] = []
    facilitators: dict[int, list[User]] = {}
    for item in registers.warned(today) + surveys.warned(today):
        project_id = item.project.pk
        if project_id not in facilitators:
            facilitators[project_id] = list(User.objects.filter(
                memberships__project=project_id, memberships__role=Role.FACILITATOR,
            ).order_by("pk"))  # fmt: skip
        fields = {"details": _details(item), "days_left": (item.deleted_on - today).days}
        due = Due(KIND, item.key, facilitators[project_id], fields, Repeat.ONCE)
        if due.people:
            found.append((project_id, due))
    return found


def _details(item: Upload) -> dict[str, str]:
    """What the warning says, kept with it: the upload may be gone when it is read."""
    return {"kind": item.kind, "files": item.files, "uploaded": item.uploaded.isoformat(),
            "deleted": item.deleted_on.isoformat()}  # fmt: skip


def describe(notification: Notification) -> str:
    """Return the warning in the active language."""
    details = notification.details
    values = {
        "files": details.get("files", ""),
        "uploaded": date_format(datetime.date.fromisoformat(details["uploaded"])),
        "deleted": date_format(datetime.date.fromisoformat(details["deleted"])),
    }
    if details.get("kind") == REGISTER:
        return (
            _(
                "The register extract %(files)s uploaded on %(uploaded)s is deleted on %(deleted)s "
                "by the retention rule; change the period in the project's settings to keep it "
                "longer."
            )
            % values
        )
    return (
        _(
            "The survey file %(files)s uploaded on %(uploaded)s is deleted on %(deleted)s by the "
            "retention rule; change the period in the project's settings to keep it longer."
        )
        % values
    )


def subject_and_link(notification: Notification) -> tuple[str, str]:
    """Return the mail's subject and the link to the project's settings."""
    subject = _("samskab: uploaded files of %(project)s are deleted soon") % {
        "project": notification.project.name
    }
    return subject, absolute_url(reverse("projects:edit", args=[notification.project_id]))


UPLOAD_NOTICES = ProjectNotices(KIND, upload_dues, describe, subject_and_link)
