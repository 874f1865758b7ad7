"""The demo project's housing register: homes and plots in its villages with real gaps against
two target groups — the families, who find no family home they can afford in several villages,
and the seniors, who find a small home to move into in the town only. Their demand is set by
hand first and read from the demo survey once it is segmented."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from samskab.housing.actions import do_demand_from_survey
from samskab.housing.models import Demand, Dwelling, Home, Kind, Note, Status
from samskab.housing.survey_demand import guessed_questions
from samskab.projects.models import Project
from samskab.segmentation.demo import DEMO_NAMES
from samskab.segmentation.models import Fit

FAMILIES, SENIORS = DEMO_NAMES[0], DEMO_NAMES[2]
DEMANDS = (
    (FAMILIES, [Kind.HOUSE, Kind.TERRACED, Kind.PLOT], 4, 2_000_000, 38),
    (SENIORS, [Kind.FLAT, Kind.TERRACED], 2, 1_500_000, 17),
)
# Per village in the areas' order: (type, status, m², rooms, price, address).
HOMES = (
    ((Kind.FLAT, Status.FOR_RENT, 75, 3, 6_800, "Stationsvej 12, 2. tv."),
     (Kind.TERRACED, Status.FOR_SALE, 95, 3, 1_450_000, "Havnegade 7"),
     (Kind.HOUSE, Status.FOR_SALE, 160, 5, 2_950_000, "Fjordvej 3")),
    ((Kind.HOUSE, Status.FOR_SALE, 145, 5, 1_750_000, "Sivkærvej 21"),
     (Kind.PLOT, Status.PLOT_AVAILABLE, 950, None, 185_000, "Engtoften 4")),
    ((Kind.HOUSE, Status.FOR_SALE, 130, 4, 1_350_000, "Bækbrovej 9"),
     (Kind.HOUSE, Status.SOLD, 120, 4, 1_200_000, "Lyngbjergvej 2")),
    ((Kind.HOUSE, Status.FOR_SALE, 110, 3, 1_250_000, "Klitvej 40"),
     (Kind.PLOT, Status.SOLD, 1_100, None, 150_000, "Sandlevvej 1"),
     (Kind.FARM, Status.FOR_SALE, 210, 6, 3_400_000, "Havtornvej 18")),
    ((Kind.HOUSE, Status.FOR_SALE, 180, 6, 2_650_000, "Ådalsvej 55"),
     (Kind.HOUSE, Status.RESERVED, 140, 5, 1_650_000, "Vadstedvej 8"),
     (Kind.PLOT, Status.RESERVED, 900, None, 160_000, "Skovåvej 11")),
    ((Kind.FARM, Status.FOR_SALE, 190, 5, 1_900_000, "Hedelundvej 30"),),
    ((Kind.HOUSE, Status.FOR_SALE, 100, 3, 650_000, "Kærbyvej 6"),),
)  # fmt: skip
NOTE = ("Familierne spørger efter 4–5 værelser, en stor have og gåafstand til skolen, og de "
        "fleste kan låne op til 2 mio. kr. De ældre, der vil sælge deres parcelhus, finder intet "
        "mindre at flytte i uden for Bykernen.")  # fmt: skip


def seed_demo_demand_from_survey(fit: Fit) -> None:
    """Read the families' and the seniors' demand from the demo survey's questions on the home
    wanted, as a facilitator would with the form's suggestions."""
    questions = guessed_questions(fit.survey.read_codebook())
    assert questions is not None, "the demo survey asks which home people want"
    targets = [DEMO_NAMES.index(FAMILIES) + 1, DEMO_NAMES.index(SENIORS) + 1]
    do_demand_from_survey(fit, questions, segments=targets, below=settings.SUPPRESS_BELOW)


@transaction.atomic
def seed_demo_housing(project: Project, today: datetime.date | None = None) -> None:
    """Write (or rewrite) the demo's register, its two target groups' demand and a note."""
    today = today or datetime.date.today()
    Home.objects.filter(village__project=project).delete()
    villages = list(project.villages.order_by("area__order", "name"))
    for number, (village, homes) in enumerate(zip(villages, HOMES, strict=False)):
        Home.objects.bulk_create(
            Home(village=village, kind=kind, status=status, area=area, rooms=rooms, price=price,
                 address=address, listed=today - datetime.timedelta(days=30 * (number + 1)))
            for kind, status, area, rooms, price, address in homes
        )  # fmt: skip
    project.housing_demands.all().delete()
    for segment, kinds, rooms, price, share in DEMANDS:
        Demand.objects.create(project=project, segment=segment, kinds=kinds, min_rooms=rooms,
                              max_price=price, share=share)  # fmt: skip
    project.housing_notes.all().delete()
    Note.objects.create(project=project, text=NOTE, author=User.objects.get(username="expert"))
    _seed_building_register(villages)


# The building register's extract: per village a number of homes, a few of them empty (one in
# three of those a flexbolig) and, in every third village, one condemned.
STOCK = (42, 18, 25, 31, 22, 14, 9)
KINDS = (Kind.HOUSE, Kind.HOUSE, Kind.HOUSE, Kind.FARM, Kind.TERRACED, Kind.FLAT)


def _seed_building_register(villages: list) -> None:
    Dwelling.objects.filter(village__in=villages).delete()
    rows = []
    for number, (village, size) in enumerate(zip(villages, STOCK, strict=False)):
        empty = 1 + number % 3
        for n in range(size):
            kind = KINDS[(n + number) % len(KINDS)]
            rows.append(Dwelling(
                village=village, kind=kind, area=70 + (n * 17) % 120,
                rooms=2 + (n * 3) % 5, year_built=1890 + (n * 7 + number * 11) % 130,
                occupied=n >= empty, flexbolig=n < empty and n % 3 == 0,
                condemned=number % 3 == 0 and n == 0,
                address=f"{village.name.split()[0]}vej {n + 1}",
            ))  # fmt: skip
    Dwelling.objects.bulk_create(rows)
