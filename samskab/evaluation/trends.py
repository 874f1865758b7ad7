"""Before and after an initiative: the fact base's yearly moves of the group it targets, with
the year it started marked. A trend, not an effect: many things move people besides it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samskab.factbase.group_moves import yearly_moves
from samskab.factbase.services import cached, current_dataset
from samskab.initiatives.models import Initiative

Cell = int | str  # a count, or "<5" / ".." where suppressed


def native(value: Any) -> Any:
    """Return a NumPy number as the Python number it is (a suppressed table's cells are)."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value


@dataclass(frozen=True)
class YearMoves:
    year: int
    in_movers: Cell  # moved into the target areas from anywhere else
    out_movers: Cell  # moved out of them to anywhere else
    net: Cell  # in − out


@dataclass(frozen=True)
class BeforeAfter:
    initiative: Initiative
    areas: list[str]  # the target areas, with the areas of the target villages
    age_band: str  # "" for all ages
    household_type: str  # "" for all households
    start_year: int  # the year the initiative started (or was made)
    years: list[YearMoves]  # empty without a fact base or without target areas
    has_facts: bool  # False when the project has no fact base yet
    suppressed: bool

    @property
    def last_year(self) -> int | None:
        return self.years[-1].year if self.years else None

    @property
    def has_after(self) -> bool:
        """Return True when the series has a year from the initiative's start on."""
        return self.last_year is not None and self.last_year >= self.start_year


def before_after(initiative: Initiative, *, suppressed: bool) -> BeforeAfter:
    """Return the initiative's target group's moves per year of the project's fact base."""
    areas = target_area_names(initiative)
    dataset = current_dataset(initiative.project)
    years: list[YearMoves] = []
    if dataset is not None and areas:
        group = (tuple(areas), initiative.target_age_band, initiative.target_household)
        table = cached(dataset, "before_after", (*group, suppressed),
                       lambda: yearly_moves(dataset, *group, suppressed=suppressed))  # fmt: skip
        years = [YearMoves(**{k: native(v) for k, v in row.items()})
                 for row in table.to_dict("records")]  # fmt: skip
    return BeforeAfter(
        initiative=initiative, areas=areas, age_band=initiative.target_age_band,
        household_type=initiative.target_household, start_year=initiative.start_year,
        years=years, has_facts=dataset is not None, suppressed=suppressed,
    )  # fmt: skip


def target_area_names(initiative: Initiative) -> list[str]:
    """Return the names of the target areas and of the target villages' areas, in the
    project's order of areas."""
    chosen = {area.pk for area in initiative.target_areas.all()}
    chosen |= {v.area_id for v in initiative.target_villages.all() if v.area_id is not None}
    return [area.name for area in initiative.project.areas.all() if area.pk in chosen]
