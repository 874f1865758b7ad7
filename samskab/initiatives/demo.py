"""The demo project's follow-up: W1's expectations, and initiatives from the ideas in every
state (on track, overdue, stalled, done) with milestones, updates and notifications.

W4 becomes the active workshop, dated ten weeks ago, so the follow-up has a history."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from samskab.ideas.models import Idea
from samskab.initiatives.actions import do_post_update
from samskab.initiatives.followup.run import run_followup
from samskab.initiatives.models import Initiative, Milestone, Notification
from samskab.projects.models import Project
from samskab.workshops import actions
from samskab.workshops.actions import municipal_commitment, village_commitment
from samskab.workshops.models import Workshop

VILLAGE_PARTS = (
    "Borgerforeningen står for velkomstbesøg og holder fællesspisning hver måned.",
    "Præstegårdsgruppen samler interesserede seniorer og laver en skitse til bofællesskabet.",
    "Landsbyrådet stiller lokaler til rådighed og inviterer til åbne møder.",
)

Status = Initiative.Status
# (idea title, owner username, owner village index or None, status, goal, review in days,
#  milestones as (title, days from today, done), updates as (author, days ago, text))
INITIATIVES = (
    ("Fælles velkomstpakke til tilflyttere", "village", 0, Status.ON_TRACK,
     "Alle nye tilflyttere får en velkomstpakke inden for en måned.", 60,
     (("Tekster fra foreningerne samlet", -20, True), ("Pakken trykt", 6, False)),
     (("village", 30, "Foreningerne har sendt deres tekster."),
      ("village", 5, "Korrektur er i gang; trykkeriet er bestilt."))),
    ("Byggegrunde ved skolen", "contact", None, Status.ON_TRACK,
     "Ti byggegrunde er udstykket og sat til salg.", 20,
     (("Lokalplan i høring", -10, False), ("Grundene sat til salg", 90, False)),
     (("contact", 12, "Lokalplanforslaget er sendt til politisk behandling."),)),
    ("Seniorbofællesskab i den gamle præstegård", "participant", 1, Status.PLANNED,
     "En andelsforening er stiftet og har købt præstegården.", 120,
     (("Informationsmøde", 30, False),),
     (("participant", 60, "Vi har fundet tolv interesserede."),)),
    ("Ambassadører på boligmessen", "expert", None, Status.DONE,
     "Otte ambassadører har stået på boligmessen.", None,
     (("Ambassadører fundet", -40, True), ("Boligmessen", -14, True)),
     (("expert", 13, "Messen gik godt: 140 samtaler og 35 kontakter."),)),
)  # fmt: skip


@transaction.atomic
def seed_demo_initiatives(project: Project, today: datetime.date | None = None) -> None:
    """Create (or refresh) the demo project's expectations, initiatives and notifications."""
    today = today or timezone.localdate()
    _make_w4_active(project, today)
    _seed_expectations(project)
    Initiative.objects.filter(project=project).delete()
    for row in INITIATIVES:
        _initiative(project, row, today)
    _joint_event(project, today)
    run_followup(today, email=False)
    Notification.objects.filter(project=project, recipient__username="expert").update(read=True)


def _make_w4_active(project: Project, today: datetime.date) -> None:
    for workshop in actions.ensure_workshops(project):
        workshop.date = today - datetime.timedelta(weeks=10 + 4 * (4 - workshop.number))
        workshop.save(update_fields=["date"])
    actions.do_activate(Workshop.objects.get(project=project, number=4))


def _seed_expectations(project: Project) -> None:
    municipal = municipal_commitment(project)
    municipal.contact_person = User.objects.get(username="contact")
    municipal.money, municipal.staff_hours = 250_000, 400
    municipal.offers = "En fast kontaktperson, hjælp til fondsansøgninger og lokaler på skolen."
    municipal.cannot_promise = "Kommunen kan ikke love nye kommunale byggegrunde i alle landsbyer."
    municipal.save()
    for village, text in zip(project.villages.order_by("name"), VILLAGE_PARTS, strict=False):
        part = village_commitment(village)
        part.commits = text
        part.save()


def _initiative(project: Project, row: tuple, today: datetime.date) -> None:
    title, owner, village_index, status, goal, review, milestones, updates = row
    villages = list(project.villages.order_by("name"))
    day = datetime.timedelta(days=1)
    initiative = Initiative.objects.create(
        project=project, idea=Idea.objects.filter(project=project, title=title).first(),
        title=title, owner=User.objects.get(username=owner),
        owner_village=villages[village_index] if village_index is not None else None,
        contact=User.objects.get(username="contact"), goal=goal, status=status,
        review_date=today + review * day if review is not None else None,
        resources_needed="Tid fra frivillige og et mindre beløb til tryk og forplejning.",
        resources_promised="Kommunens kontaktperson hjælper med ansøgninger.",
    )  # fmt: skip
    Initiative.objects.filter(pk=initiative.pk).update(
        created=timezone.now() - datetime.timedelta(weeks=10)
    )
    Milestone.objects.bulk_create(
        Milestone(initiative=initiative, title=m, due=today + days * day, done=done)
        for m, days, done in milestones
    )
    for author, days_ago, text in updates:
        when = timezone.now() - days_ago * day
        do_post_update(initiative, User.objects.get(username=author), text, when=when)


def _joint_event(project: Project, today: datetime.date) -> None:
    """A summer party the villages hold together, its tasks as milestones."""
    villages = list(project.villages.order_by("name"))
    day = datetime.timedelta(days=1)
    midsummer = datetime.date(today.year, 6, 20)
    if midsummer < today + 60 * day:
        midsummer = datetime.date(today.year + 1, 6, 20)
    event = Initiative.objects.create(
        project=project, kind=Initiative.Kind.JOINT_EVENT, event_date=midsummer,
        title="Fælles sommerfest for landsbyerne", owner=User.objects.get(username="village"),
        owner_village=villages[0] if villages else None,
        contact=User.objects.get(username="contact"), status=Status.PLANNED,
        goal="Landsbyerne mødes, og nye tilflyttere bliver inviteret personligt.",
        resources_needed="Telt, musik og frivillige fra alle landsbyer.",
    )  # fmt: skip
    event.target_villages.set(villages)
    Milestone.objects.bulk_create(
        Milestone(initiative=event, title=title, due=today + days * day)
        for title, days in (("Telt og musik bestilt", 30), ("Invitationer sendt", 50))
    )
