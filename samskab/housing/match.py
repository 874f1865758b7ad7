"""The match of what each target segment looks for against what the villages have on offer,
with every gap named in words ("No detached houses under 2.000.000 kr. on offer in Ådalen")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.housing.models import ON_OFFER, Demand, Home, Kind
from samskab.projects.models import Project, Village

PLURALS = {
    Kind.HOUSE: gettext_lazy("detached houses"),
    Kind.TERRACED: gettext_lazy("terraced houses"),
    Kind.FLAT: gettext_lazy("flats"),
    Kind.FARM: gettext_lazy("farms"),
    Kind.PLOT: gettext_lazy("building plots"),
}


@dataclass(frozen=True)
class Cell:
    """One segment against one village (None: the whole cluster): how many homes on offer
    fit, and the gap in words when none does."""

    demand: Demand
    village: Village | None
    offered: int
    gap: str | None

    @property
    def initiative_query(self) -> str:
        """Return the query that opens a new initiative's form filled in from the gap: its
        words as title and goal, the village as a target village."""
        fields = {"title": (self.gap or "")[:200], "goal": self.gap or ""}
        if self.village is not None:
            fields["village"] = str(self.village.pk)
        return urlencode(fields)


def fits(home: Home, demand: Demand) -> bool:
    """Return True when the home is on offer and is what the segment looks for (a plot has no
    rooms: a family can build them)."""
    if home.status not in ON_OFFER or home.kind not in demand.kinds:
        return False
    if demand.min_rooms and home.kind != Kind.PLOT and (home.rooms or 0) < demand.min_rooms:
        return False
    return not demand.max_price or (home.price is not None and home.price <= demand.max_price)


def wanted(demand: Demand) -> str:
    """Return what the segment looks for in words: "detached houses with at least 4 rooms
    under 2.000.000 kr."."""
    built = [str(PLURALS[Kind(kind)]) for kind in demand.kinds if kind != Kind.PLOT]
    plots = Kind.PLOT in demand.kinds
    if demand.min_rooms and built:
        # The rooms are the homes': a plot has none ("houses with at least 4 rooms, or plots").
        rooms = demand.min_rooms
        what = _("%(what)s with at least %(rooms)s rooms") % {"what": _any(built), "rooms": rooms}
        if plots:
            what = _("%(homes)s, or %(plots)s") % {"homes": what, "plots": PLURALS[Kind.PLOT]}
    else:
        what = _any(built + ([str(PLURALS[Kind.PLOT])] if plots else []))
    if demand.max_price:
        price = number_format(demand.max_price, force_grouping=True)
        if demand.min_rooms and built and plots:  # the price is the homes' and the plots'
            what = _("%(what)s, under %(price)s kr.") % {"what": what, "price": price}
        else:
            what = _("%(what)s under %(price)s kr.") % {"what": what, "price": price}
    return what


def _any(kinds: list[str]) -> str:
    """Return "a, b or c"."""
    return _(" or ").join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)


def gap_text(demand: Demand, village: Village | None) -> str:
    """Return the gap in words, for a village or (None) for the whole cluster."""
    if village is None:
        return _("No %(what)s on offer in any village of the cluster.") % {"what": wanted(demand)}
    return _("No %(what)s on offer in %(village)s.") % {"what": wanted(demand),
                                                        "village": village.name}  # fmt: skip


def match_table(project: Project) -> list[tuple[Demand, list[Cell]]]:
    """Return per segment one cell per village (in name order) and a last one for the cluster."""
    villages = list(project.villages.all())
    homes = list(Home.objects.filter(village__project=project, status__in=ON_OFFER))
    return [(demand, _cells(demand, villages, homes)) for demand in project.housing_demands.all()]


def _cells(demand: Demand, villages: list[Village], homes: Iterable[Home]) -> list[Cell]:
    fitting = [home for home in homes if fits(home, demand)]
    cells = []
    for village in [*villages, None]:
        count = sum(1 for h in fitting if village is None or h.village_id == village.pk)
        cells.append(Cell(demand, village, count, None if count else gap_text(demand, village)))
    return cells
