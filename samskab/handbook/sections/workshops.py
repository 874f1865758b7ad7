"""The handbook's workshops: their dates, who took part (counted by role and village; names
only of the members who agreed), and what the municipality and the villages committed."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from samskab.handbook.sections.tables import Table, published_table
from samskab.projects.models import Membership, Project
from samskab.workshops.models import MunicipalCommitment, VillageCommitment, Workshop


@dataclass
class People:
    """Who takes part: counts by role and village, and the names that may be published."""

    members: Table
    named: list[tuple[str, str, str]]  # (name, role, village) of those who agreed
    consenting: frozenset[int]  # user ids whose name may be published

    def name(self, user: User | None) -> str:
        """Return the person's name if they agreed to its publication, else ""."""
        if user is None or user.pk not in self.consenting:
            return ""
        return user.get_full_name() or user.username


def people(project: Project) -> People:
    """Return the project's members counted by role and village, and the consenting names."""
    members = list(Membership.objects.filter(project=project).select_related("user", "village"))
    rows = [(m.get_role_display(), m.village.name if m.village else "–") for m in members]
    role, village, count = _("Role"), _("Village"), _("Members")
    frame = pd.DataFrame(rows, columns=[role, village])
    counted = frame.groupby([role, village], as_index=False).size().rename(columns={"size": count})
    agreed = [m for m in members if m.name_in_handbook]
    return People(
        members=published_table("members", _("Members by role and village"), counted,
                                counts=[count]),
        named=[(m.user.get_full_name() or m.user.username, m.get_role_display(),
                m.village.name if m.village else "") for m in agreed],
        consenting=frozenset(m.user_id for m in agreed),
    )  # fmt: skip


def workshops(project: Project) -> list[Workshop]:
    """Return the project's workshops that have been set up, in order."""
    return list(Workshop.objects.filter(project=project).order_by("number"))


@dataclass
class Expectations:
    municipal: MunicipalCommitment | None
    contact: str  # the contact person's name, where they agreed to its publication
    villages: list[tuple[str, str]]  # (village, what it commits)


def expectations(project: Project, named: People) -> Expectations:
    """Return what the municipality and each village committed (W1)."""
    municipal = (
        MunicipalCommitment.objects.select_related("contact_person").filter(project=project).first()
    )
    parts = {c.village_id: c.commits for c in VillageCommitment.objects.filter(
        village__project=project)}  # fmt: skip
    return Expectations(
        municipal=municipal,
        contact=named.name(municipal.contact_person) if municipal else "",
        villages=[(v.name, parts.get(v.pk, "")) for v in project.villages.all()],
    )
