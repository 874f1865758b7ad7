"""The audit log: who invited, who joined, whose role changed, who uploaded a register or a
survey and who exported the named scores, listed newest first for the facilitators only."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from samskab.projects.models import Membership, Role

from .segmentation_fixtures import survey_file_fixture  # noqa: F401  (fixture)
from .test_factbase_import import _uploads, storage_fixture, write_register  # noqa: F401


def _rows(html: str) -> list[tuple[str, str, str]]:
    """Return (who, what, detail) of each row of the log's table."""
    import re

    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(
        r"<tr><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", body
    )
    return [tuple(cell.replace("&gt;", ">") for cell in row) for row in rows]


def test_each_action_on_personal_data_or_permissions_is_listed_newest_first(
    client_for, facilitator, participant, project, storage, survey_file
):
    facilitator.first_name, facilitator.last_name = "Anna", "Holm"
    facilitator.save(update_fields=["first_name", "last_name"])
    client = client_for(facilitator)
    members = reverse("accounts:members", args=[project.pk])
    client.post(members, {"email": "bo@example.org", "role": "participant"})
    assert len(mail.outbox) == 1
    membership = Membership.objects.get(project=project, user=participant)
    client.post(reverse("projects:change_role", args=[project.pk, membership.pk]),
                {"role": Role.EXPERT})  # fmt: skip
    client.post(reverse("factbase:upload", args=[project.pk]),
                _uploads(write_register(storage / "source")))  # fmt: skip
    with survey_file.open("rb") as handle:
        client.post(reverse("segmentation:surveys", args=[project.pk]), {"file": handle})
    client.get(reverse("ideas:scores_csv", args=[project.pk]))
    page = client.get(reverse("projects:audit", args=[project.pk]))
    assert page.status_code == 200
    name = participant.get_full_name() or participant.email.split("@")[0]
    assert _rows(page.content.decode()) == [
        ("Anna Holm", "eksporterede de navngivne point", "scores.csv"),
        ("Anna Holm", "uploadede en spørgeskemaundersøgelse", survey_file.name),
        (
            "Anna Holm",
            "uploadede et register",
            "moves.csv, areas.csv, population.csv, parishes.geojson",
        ),
        ("Anna Holm", "ændrede et medlems rolle", f"{name}: Deltager → Ekspert"),
        ("Anna Holm", "inviterede et medlem", "bo@example.org (Deltager)"),
    ]


def test_only_a_facilitator_opens_the_log(client_for, participant, project):
    assert (
        client_for(participant).get(reverse("projects:audit", args=[project.pk])).status_code == 403
    )
