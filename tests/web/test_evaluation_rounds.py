"""Opening an evaluation round and answering it: by the personal link, or signed in."""

from __future__ import annotations

import datetime

from django.core import mail
from django.urls import reverse

from samskab.evaluation.models import EvaluationRound, Response
from samskab.initiatives.models import Notification

from .evaluation_fixtures import CLOSES, OPENED, on_day_fixture, open_round  # noqa: F401

FULL_ANSWER = {
    "what_worked": "4", "villages_cooperation": "3", "municipality_cooperation": "5",
    "expectations_met": "2", "again": "yes", "comment": "Flere fællesmøder",
}  # fmt: skip


def test_opening_a_round_asks_every_member_but_the_observers(
    client_for, project, facilitator, contact, village_representative, participant, expert,
    observer,
):  # fmt: skip
    response = client_for(facilitator).post(
        reverse("evaluation:open_round", args=[project.pk]),
        {"stage": "after_w4", "closes": "2099-01-31"},
    )
    assert response.status_code == 302
    evaluation = EvaluationRound.objects.get(project=project)
    asked = set(
        Response.objects.filter(round=evaluation).values_list("member__username", flat=True)
    )
    assert asked == {"facilitator", "contact", "villagerep", "participant", "expert"}


def test_the_invitation_is_in_the_app_and_in_a_mail_with_the_personal_link(project, participant):
    evaluation = open_round(project)
    notification = Notification.objects.get(recipient=participant, kind="evaluation")
    assert notification.day == OPENED and notification.project == project
    token = Response.objects.get(round=evaluation, member=participant).token
    [sent] = [m for m in mail.outbox if m.to == ["participant@example.org"]]
    assert f"/projects/{project.pk}/evaluation/answer/{token}/" in sent.body
    assert sent.subject == "samskab: evaluering af Bosætning i Vest"
    assert "23. marts 2026" in sent.body


def test_a_round_opened_twice_names_the_field(client_for, project, facilitator, on_day):
    open_round(project)
    response = client_for(facilitator).post(
        reverse("evaluation:open_round", args=[project.pk]),
        {"stage": "after_w4", "closes": "2099-01-31"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"stage": ["Vælg en runde, der ikke er åbnet endnu."]}


def test_a_closing_date_in_the_past_is_refused_by_name(client_for, project, facilitator):
    response = client_for(facilitator).post(
        reverse("evaluation:open_round", args=[project.pk]),
        {"stage": "six_months", "closes": "2001-01-01"},
    )
    assert response.context["form"].errors == {"closes": ["Lukkedatoen kan ikke ligge i fortiden."]}
    assert not EvaluationRound.objects.exists()


def test_a_member_answers_through_the_personal_link_without_signing_in(
    client_for, project, village_representative, on_day
):
    hoven = project.villages.get()
    village_representative.memberships.update(village=hoven)
    evaluation = open_round(project)
    mine = Response.objects.get(round=evaluation, member=village_representative)
    url = reverse("evaluation:answer", args=[project.pk, mine.token])
    anonymous = client_for(None)
    assert "Hvor godt fungerede forløbet for dig?" in anonymous.get(url).content.decode()
    page = anonymous.post(url, FULL_ANSWER)
    assert "Tak for dine svar" in page.content.decode()
    mine.refresh_from_db()
    assert (mine.what_worked, mine.villages_cooperation, mine.municipality_cooperation,
            mine.expectations_met, mine.again) == (4, 3, 5, 2, "yes")  # fmt: skip
    assert (mine.role, mine.village, mine.comment) == ("village_representative", hoven,
                                                       "Flere fællesmøder")  # fmt: skip


def test_a_missing_answer_is_named_and_nothing_is_saved(client_for, project, participant, on_day):
    evaluation = open_round(project)
    mine = Response.objects.get(round=evaluation, member=participant)
    url = reverse("evaluation:answer", args=[project.pk, mine.token])
    page = client_for(None).post(url, {**FULL_ANSWER, "again": ""}).content.decode()
    assert "Vælg ja, nej eller ved ikke." in page
    mine.refresh_from_db()
    assert mine.answered is None


def test_a_closed_round_takes_no_answers(client_for, project, participant, on_day):
    evaluation = open_round(project)
    on_day(CLOSES + datetime.timedelta(days=1))
    mine = Response.objects.get(round=evaluation, member=participant)
    url = reverse("evaluation:answer", args=[project.pk, mine.token])
    page = client_for(None).post(url, FULL_ANSWER).content.decode()
    assert "Denne evalueringsrunde er lukket." in page
    mine.refresh_from_db()
    assert mine.answered is None


def test_a_link_of_another_project_is_not_found(client_for, project, participant, outsider):
    evaluation = open_round(project)
    mine = Response.objects.get(round=evaluation, member=participant)
    other = outsider.memberships.get().project_id
    url = reverse("evaluation:answer", args=[other, mine.token])
    assert client_for(None).get(url).status_code == 404


def test_a_signed_in_member_answers_from_the_evaluation_page(
    client_for, project, participant, on_day
):
    evaluation = open_round(project)
    client = client_for(participant)
    overview = client.get(reverse("evaluation:overview", args=[project.pk])).content.decode()
    answer_url = reverse("evaluation:answer_mine", args=[project.pk, evaluation.pk])
    assert answer_url in overview and "Besvar evalueringen" in overview
    client.post(answer_url, FULL_ANSWER)
    overview = client.get(reverse("evaluation:overview", args=[project.pk])).content.decode()
    assert "Ret dine svar" in overview and "1 af 1 adspurgte medlemmer har svaret." in overview


def test_a_member_who_joins_while_a_round_is_open_is_asked_and_invited(
    client, client_for, project, facilitator, observer
):
    from django.utils import timezone

    from samskab.accounts.models import Invitation
    from samskab.initiatives.followup.run import run_followup
    from samskab.projects.models import Membership, Role

    client_for(facilitator).post(reverse("evaluation:open_round", args=[project.pk]),
                                 {"stage": "after_w4", "closes": "2099-01-31"})  # fmt: skip
    evaluation = EvaluationRound.objects.get(project=project)
    invitation = Invitation.objects.create(project=project, email="ny@example.org",
                                           role=Role.PARTICIPANT)  # fmt: skip
    joined = client.post(reverse("accounts:invitation", args=[invitation.token]),
                         {"first_name": "Ny", "last_name": "Deltager",
                          "password": "en-lang-god-adgangskode-7"})  # fmt: skip
    assert joined.status_code == 302
    assert Response.objects.filter(round=evaluation, member__email="ny@example.org").exists()
    # An observer is not asked; made a participant, they are.
    assert not Response.objects.filter(round=evaluation, member=observer).exists()
    membership = Membership.objects.get(project=project, user=observer)
    client_for(facilitator).post(reverse("projects:change_role", args=[project.pk, membership.pk]),
                                 {"role": Role.PARTICIPANT})  # fmt: skip
    assert Response.objects.filter(round=evaluation, member=observer).exists()
    mail.outbox.clear()
    run_followup(timezone.localdate())
    invited = {address for sent in mail.outbox for address in sent.to}
    assert {"ny@example.org", "observer@example.org"} <= invited
