"""The demo project's workshops: ideas from several villages, scores from the demo members,
and W3 (How?) active so the results board has something to show."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction

from samskab.ideas.actions import do_record_scores
from samskab.ideas.models import Idea
from samskab.projects.models import Project
from samskab.workshops import actions
from samskab.workshops.models import Theme, Workshop

# (title, theme, village indexes (empty: shared), target group, description)
IDEAS = (
    ("Fælles velkomstpakke til tilflyttere", Theme.VILLAGE_COOPERATION, (), "Nye tilflyttere",
     "Én pakke for alle landsbyerne med foreninger, dagpleje og fællesspisning."),
    ("Byggegrunde ved skolen", Theme.HOUSING_SUPPLY, (0,), "Unge familier",
     "Kommunen udstykker ti grunde tæt på skolen og markedsfører dem sammen med byen."),
    ("Seniorbofællesskab i den gamle præstegård", Theme.HOUSING_SUPPLY, (1,), "Seniorer",
     "Frigør familieboliger ved at give ældre et godt sted at bo i landsbyen."),
    ("Ambassadører på boligmessen", Theme.MARKETING, (), "Tilbageflyttere",
     "Lokale ambassadører fortæller på boligmessen om livet i landsbyerne."),
    ("Tilflytterdata til foreningerne", Theme.FACT_BASED, (0, 1), "Alle",
     "Foreningerne får hvert år et overblik over flytninger i deres sogn."),
    ("Åbent landsbyråd hver måned", Theme.CO_CREATION, (2,), "Alle borgere",
     "Et fast møde, hvor borgere og kommunens kontaktperson følger op sammen."),
)  # fmt: skip

# Scores per demo user: one (difference, manageable, desire) per idea above, in order.
SCORES = {
    "facilitator": ((4, 4, 5), (5, 2, 4), (3, 3, 3), (3, 5, 4), (2, 4, 2), (3, 5, 4)),
    "contact": ((4, 5, 4), (5, 1, 3), (4, 2, 3), (3, 4, 4), (3, 5, 3), (2, 4, 3)),
    "village": ((5, 4, 5), (5, 3, 5), (2, 3, 2), (4, 5, 5), (2, 4, 2), (4, 4, 5)),
    "participant": ((4, 5, 5), (2, 2, 2), (5, 4, 5), (3, 4, 4), (1, 3, 1), (3, 5, 4)),
    "expert": ((3, 4, 4), (4, 2, 3), (4, 3, 4), (2, 5, 3), (4, 4, 3), (3, 4, 4)),
}


@transaction.atomic
def seed_demo_workshops(project: Project) -> None:
    """Create (or refresh) the demo project's workshops, ideas and scores; W3 is active."""
    workshops = actions.ensure_workshops(project)
    today = datetime.date.today()
    for workshop in workshops:
        workshop.date = today + datetime.timedelta(weeks=4 * (workshop.number - 3))
        workshop.save(update_fields=["date"])
    actions.do_activate(next(w for w in workshops if w.number == 3))
    Workshop.objects.filter(project=project, number__lt=3).update(
        minutes="Referat fra workshoppen findes i projektets mappe."
    )
    villages = list(project.villages.order_by("name"))
    facilitator = User.objects.get(username="facilitator")
    ideas = [_idea(project, row, villages, facilitator) for row in IDEAS]
    for username, triples in SCORES.items():
        person = User.objects.get(username=username)
        scores = {idea.pk: triple for idea, triple in zip(ideas, triples, strict=True)}
        do_record_scores(project, person, scores, entered_by=person)


def _idea(project: Project, row: tuple, villages: list, author: User) -> Idea:
    title, theme, indexes, target, description = row
    idea, _ = Idea.objects.update_or_create(
        project=project,
        title=title,
        defaults={"theme": theme, "target_segment": target, "description": description,
                  "author": author},
    )  # fmt: skip
    idea.villages.set([villages[i] for i in indexes if i < len(villages)])
    return idea
