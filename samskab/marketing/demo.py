"""The demo project's marketing plan: the families and the seniors, each with why, what to build
on, its messages and channels, and the demo initiatives that carry it out."""

from __future__ import annotations

from django.db import transaction

from samskab.marketing.actions import do_save_plan
from samskab.marketing.models import SegmentPlan
from samskab.projects.models import Project
from samskab.segmentation.demo import DEMO_NAMES

# (segment, why, assets, messages, channels, the titles of the initiatives that carry it out)
PLANS = (
    (DEMO_NAMES[0],
     "Det største segment blandt tilflytterne, og det, der lettest påvirkes: de fleste flytter, "
     "når den rette bolig dukker op, og bliver boende. De kommer fra nabokommunerne.",
     "Friskolerne og børnehaverne, naturen lige uden for døren, foreningslivet.",
     ("Skole og børnehave i gåafstand – og plads til at lege.",
      "Et hus med have for det samme som en lejlighed i byen.",
      "Et foreningsliv, der tager imod jer fra første dag."),
     "Ejendomsmæglerne, lokalaviserne i nabokommunerne, boligmessen og Facebook-grupper for "
     "børnefamilier.",
     ("Byggegrunde ved skolen", "Fælles velkomstpakke til tilflyttere")),
    (DEMO_NAMES[2],
     "Et mindre segment, der søger natur og ro og vil blive i området, når huset bliver for "
     "stort; de mangler en mindre bolig at flytte i.",
     "Fjorden, heden og klitten; fællesspisning og forsamlingshuse.",
     ("Bo småt og tæt på naturen – uden at flytte fra fællesskabet.",
      "Et bofællesskab med have, værksted og naboer."),
     "Pensionistforeninger, menighedsbladene og ældresagen lokalt.",
     ("Seniorbofællesskab i den gamle præstegård",)),
)  # fmt: skip


@transaction.atomic
def seed_demo_marketing(project: Project) -> None:
    """Write (or rewrite) the demo's marketing plan for two target groups."""
    project.segment_plans.all().delete()
    for segment, why, assets, messages, channels, titles in PLANS:
        first, second, third = (*messages, "", "")[:3]
        plan = SegmentPlan(project=project, segment=segment, why=why, resources=assets,
                           message_1=first, message_2=second, message_3=third,
                           channels=channels)  # fmt: skip
        do_save_plan(plan, initiatives=project.initiatives.filter(title__in=titles))
