"""The demo project's village profiles: what each village's people say about it, the cluster's
shared identity, and a stakeholder map with the partners the handbook names."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from samskab.projects.models import Project, Village
from samskab.villages.actions import cluster_of, do_save_cluster, do_save_profile, profile_of
from samskab.villages.models import ResourceKind, Stakeholder

IDENTITY = (
    "Landsbyer mellem fjord, klit og å, hvor foreningerne bærer hverdagen og der er højt til "
    "himlen. Vi vil kendes for natur lige uden for døren, skoler med plads til det enkelte barn "
    "og et fællesskab, man kan melde sig ind i fra første dag."
)
# (strengths, challenges, {kind: text}) for the villages in the areas' order.
PROFILES = (
    ("Butikker, lægehus og station; kort til arbejdspladserne i Fjordhavn.",
     "Få rækkehuse og lejeboliger til unge og ældre, der vil blive i byen.",
     {ResourceKind.JOBS: "Industrihavnen og sygehuset inden for ti minutter.",
      ResourceKind.TRANSPORT: "Tog hver time til Herning og Holstebro."}),
    ("Fjorden, havnen og et stærkt sejlerliv.",
     "Skolen er truet af faldende børnetal.",
     {ResourceKind.NATURE: "Fjordstien og fuglereservatet ved Ålekær.",
      ResourceKind.ASSOCIATIONS: "Sejlklub, roklub og borgerforening med fællesspisning."}),
    ("Hal, friskole og et aktivt idrætsliv.",
     "Dårlig mobildækning i de yderste sogne.",
     {ResourceKind.SCHOOL: "Bækbro Friskole og børnehus med udeliv.",
      ResourceKind.ASSOCIATIONS: "Idrætsforening med 600 medlemmer."}),
    ("Klitten og Vesterhavet; sommerhusgæster, der kommer igen.",
     "Ingen byggegrunde til salg; mange huse står tomme om vinteren.",
     {ResourceKind.NATURE: "Klitplantagen, stranden og cykelruten langs kysten.",
      ResourceKind.BROADBAND: "Fiber i hele Klitby siden 2022."}),
    ("Ådalen med laks og vandreruter; billige huse med stor have.",
     "Familieboligerne er få, og de gode sælges uden for markedet.",
     {ResourceKind.NATURE: "Skovå og Laksbjerg Plantage.",
      ResourceKind.SCHOOL: "Ådal Skole, 0.–9. klasse, og to børnehaver.",
      ResourceKind.TRANSPORT: "Regionalbus hver halve time til Bykernen."}),
    ("Heden og de store vidder; plads til dyr og værksteder.",
     "Lang vej til arbejde for dem, der ikke arbejder hjemme.",
     {ResourceKind.NATURE: "Hedelund Hede og Ravnmose.",
      ResourceKind.BROADBAND: "Fiber til alle husstande via den lokale andelsforening."}),
    ("Et tæt naboskab og en aktiv menighed.",
     "Ingen dagligvarebutik længere.",
     {ResourceKind.ASSOCIATIONS: "Forsamlingshus og lokalråd med egen hjemmeside."}),
)  # fmt: skip
STAKEHOLDERS = (
    ("Vest Bolig", Stakeholder.Kind.ESTATE_AGENT, 4, "contact",
     "Flere handler i landsbyerne og et bedre billede af købernes ønsker.",
     "Fortæller på workshop 2, hvad tilflytterne spørger efter."),
    ("Andelskassen Vest", Stakeholder.Kind.BANK, None, "facilitator",
     "Lån til huse i landsbyerne, som i dag er svære at belåne.",
     "Kan gennemgå finansieringen af et typisk landsbyhus."),
    ("Planafdelingen", Stakeholder.Kind.PLANNING, None, "facilitator",
     "Lokalplaner og byggegrunde, der passer til efterspørgslen.",
     "Kan udlægge nye grunde og svare på spørgsmål om landzone."),
    ("Boligselskabet Fjordbo", Stakeholder.Kind.HOUSING_ASSOCIATION, 1, "contact",
     "Udlejning af de almene boliger i Fjordlandet.",
     "Kan overveje seniorboliger, hvis der er efterspørgsel."),
    ("Ådalens Idrætsforening", Stakeholder.Kind.ASSOCIATION, 4, "village",
     "Flere børnefamilier og medlemmer.",
     "Kan tage imod nye familier med en prøvetræning."),
)  # fmt: skip


@transaction.atomic
def seed_demo_villages(project: Project) -> None:
    """Write (or rewrite) the demo's village profiles, cluster identity and stakeholder map."""
    facilitator = User.objects.get(username="facilitator")
    villages = list(project.villages.order_by("area__order", "name"))
    for village, (strengths, challenges, assets) in zip(villages, PROFILES, strict=False):
        profile = profile_of(village)
        profile.strengths, profile.challenges = strengths, challenges
        do_save_profile(profile, {kind: assets.get(kind, "") for kind in ResourceKind},
                        by=facilitator)  # fmt: skip
    cluster = cluster_of(project)
    cluster.identity = IDENTITY
    do_save_cluster(cluster)
    _seed_stakeholders(project, villages)


def _seed_stakeholders(project: Project, villages: list[Village]) -> None:
    project.stakeholders.all().delete()
    members = {m.user.username: m for m in project.memberships.select_related("user")}
    for name, kind, position, holder, interest, role in STAKEHOLDERS:
        village = villages[position] if position is not None and position < len(villages) else None
        Stakeholder.objects.create(
            project=project, name=name, kind=kind, interest=interest, role=role, village=village,
            contact_holder=members.get(holder),
        )  # fmt: skip
