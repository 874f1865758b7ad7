"""The demo project's evaluation: the round after W4, opened today for three weeks, answered by the
demo's members (but the participant, who can try it) and by twelve members of the village
associations; and an initiative with a target group, whose before/after page shows its trend."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from samskab.evaluation.actions import do_answer, do_open_round
from samskab.evaluation.models import EvaluationRound, Response
from samskab.initiatives.models import Initiative
from samskab.projects.models import Membership, Project, Role

DAYS = datetime.timedelta(days=1)
# (username, what worked, villages, municipality, expectations, again, comment); the demo's
# people first, then the villages' members (two per village of the first six).
ANSWERS = (
    ("facilitator", 4, 4, 4, 3, "yes", ""),
    ("contact", 4, 3, 4, 3, "yes", "Godt at have en fast kontaktperson."),
    ("village", 5, 4, 3, 3, "yes", "Fællesspisningen samlede landsbyerne."),
    ("expert", 3, 3, 4, 4, "unsure", ""),
    *((f"forening{n:02d}", *row) for n, row in enumerate((
        (4, 4, 3, 3, "yes", ""), (5, 5, 4, 4, "yes", "Mere af det samme, tak."),
        (3, 2, 2, 2, "no", "Kommunen lovede mere, end den holdt."), (4, 3, 3, 3, "yes", ""),
        (4, 4, 4, 4, "yes", ""), (2, 3, 2, 1, "no", ""), (5, 4, 4, 5, "yes", ""),
        (3, 3, 3, 3, "unsure", "Workshop 2 var for lang."), (4, 5, 4, 4, "yes", ""),
        (4, 4, 3, 4, "yes", ""), (3, 4, 3, 2, "unsure", ""), (5, 5, 5, 4, "yes", ""),
    ), start=1)),
)  # fmt: skip
TARGETED = "Byggegrunde ved skolen"


@transaction.atomic
def seed_demo_evaluation(project: Project, today: datetime.date | None = None) -> None:
    """Create (or refresh) the demo's evaluation round with its answers, and give an
    initiative its target group: families aged 30–44 in the first village's area."""
    today = today or timezone.localdate()
    _seed_village_members(project)
    EvaluationRound.objects.filter(project=project).delete()
    facilitator = User.objects.get(username="facilitator")
    evaluation = do_open_round(project, EvaluationRound.Stage.AFTER_W4, today + 21 * DAYS,
                               by=facilitator, today=today)  # fmt: skip
    fields = ("what_worked", "villages_cooperation", "municipality_cooperation",
              "expectations_met", "again", "comment")  # fmt: skip
    for username, *answers in ANSWERS:
        response = Response.objects.get(round=evaluation, member__username=username)
        do_answer(response, dict(zip(fields, answers, strict=True)), today=today)
    _target(project)


def _seed_village_members(project: Project) -> None:
    """Give each of the first six villages two members of its association (no log-in)."""
    villages = list(project.villages.order_by("name"))[:6]
    for number in range(1, 13):
        user, made = User.objects.get_or_create(username=f"forening{number:02d}")
        if made:
            user.first_name, user.email = f"Medlem {number}", f"forening{number:02d}@example.org"
            user.set_unusable_password()
            user.save()
        role = Role.VILLAGE_REPRESENTATIVE if number % 2 else Role.PARTICIPANT
        Membership.objects.update_or_create(project=project, user=user, defaults={
            "role": role, "village": villages[(number - 1) // 2 % len(villages)]})  # fmt: skip


def _target(project: Project) -> None:
    initiative = Initiative.objects.filter(project=project, title=TARGETED).first()
    first_area = project.areas.order_by("order").first()
    if initiative is None or first_area is None:
        return
    initiative.target_areas.set([first_area])
    initiative.target_age_band, initiative.target_household = "30-44", "couple_with_children"
    # The plots by the school were the village association's work before the project took them
    # up, so the register's last years already come after the start.
    initiative.started = datetime.date(2021, 3, 1)
    initiative.save(update_fields=["target_age_band", "target_household", "started"])
