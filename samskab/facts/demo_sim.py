"""A person-level simulation of who moves in, out and within the fictional demo municipality.

Each year, in this order: young adults leave their parents' home (many of them for the cities),
households move within or out of the municipality, households move in (a share of them people
who lived here before), children are born and people die. Rates are crude but chosen so that
the register shows the patterns the fact base looks for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from samskab.facts.demo_people import (
    FIRST_YEAR,
    LAST_YEAR,
    Register,
    World,
    destinations_for,
    newcomer_kind,
    origins_for,
    relocate,
    seed_population,
    settle,
)
from samskab.facts.demo_places import MUNICIPALITY, Parish

_AGE_BANDS = np.array([30, 45, 65])  # heads under 30, 30–44, 45–64, 65 and over
_OUT_RATES = np.array([0.130, 0.034, 0.016, 0.008])
_INTERNAL_RATES = np.array([0.070, 0.030, 0.014, 0.018])
_NEWCOMER_FACTOR = 2.5  # newcomers are far more likely to leave in their first three years
_LEAVE_HOME_RATE = 0.18
_RETURNER_SHARE = 0.40  # of households moving in, once enough former residents live outside


@dataclass
class _Year:
    """What the steps of one simulated year share."""

    year: int
    ages: npt.NDArray[np.int64]  # everyone's age reached this year
    residents: npt.NDArray[np.int64]  # people living in the municipality on 1 January
    moved: npt.NDArray[np.bool_]  # people who already moved this year


def _start_year(world: World, year: int) -> _Year:
    """Return the shared state for a year, and record its population on 1 January."""
    n = world.people
    alive = np.flatnonzero(world.alive[:n])
    residents = alive[world.parish[world.home[alive]] >= 0]
    parishes = world.parish[world.home[residents]]
    world.register.population[year] = np.bincount(parishes, minlength=len(world.places))
    on_new_year = year - world.birth[residents] - (world.birthday[residents] > 1)
    world.register.ages[year] = np.bincount(on_new_year, minlength=126)
    return _Year(year, year - world.birth[:n], residents, np.zeros(n, bool))


def _leave_home(world: World, yr: _Year) -> None:
    """Move young adults out of their parents' home: to the cities, or to a town nearby."""
    res, ages = yr.residents, yr.ages
    oldest = np.zeros(world.households, np.int64)
    np.maximum.at(oldest, world.home[res], ages[res])
    young = (ages[res] >= 19) & (ages[res] <= 28) & (oldest[world.home[res]] - ages[res] >= 18)
    candidates = res[young]
    for person in candidates[world.rng.random(len(candidates)) < _LEAVE_HOME_RATE]:
        when = world.date_in(yr.year)
        parish = int(world.parish[world.home[person]])
        if world.rng.random() < 0.55 * world.push[parish]:
            relocate(world, [int(person)], -1, world.municipality(destinations_for(20)), when)
        else:
            relocate(world, [int(person)], world.draw(world.pick_town), MUNICIPALITY, when)
        yr.moved[person] = True


class _Households:
    """People grouped by household, to look up the members of a few households quickly."""

    def __init__(self, world: World, people: npt.NDArray[np.int64]) -> None:
        self.people = people[np.argsort(world.home[people], kind="stable")]
        self.homes, self.starts, self.sizes = np.unique(
            world.home[self.people], return_index=True, return_counts=True
        )

    def members(self, home: int) -> list[int]:
        """Return the members of a household (none if it is not among the grouped)."""
        k = int(np.searchsorted(self.homes, home))
        if k == len(self.homes) or self.homes[k] != home:
            return []
        return [int(p) for p in self.people[self.starts[k] : self.starts[k] + self.sizes[k]]]


def _household_moves(world: World, yr: _Year) -> None:
    """Move whole households within the municipality or out of it."""
    stay = yr.residents[~yr.moved[yr.residents]]
    households = _Households(world, stay)
    heads = np.zeros(world.households, np.int64)
    np.maximum.at(heads, world.home[stay], yr.ages[stay])
    homes = households.homes
    band = np.searchsorted(_AGE_BANDS, heads[homes], side="right")
    arrived = world.arrived[homes]
    newcomer = (arrived >= yr.year - 3) & (arrived < yr.year)
    leave = _OUT_RATES[band] * world.push[world.parish[homes]]
    leave *= np.where(newcomer, _NEWCOMER_FACTOR, 1.0)
    draw = world.rng.random(len(homes))
    for k in np.flatnonzero(draw < leave + _INTERNAL_RATES[band]):
        home, head = int(homes[k]), int(heads[homes[k]])
        people = households.members(home)
        if draw[k] < leave[k]:
            where = world.municipality(destinations_for(head))
            relocate(world, people, -1, where, world.date_in(yr.year))
        else:
            parish = _internal_destination(world, int(world.parish[home]), head)
            relocate(world, people, parish, MUNICIPALITY, world.date_in(yr.year))
        yr.moved[people] = True


def _internal_destination(world: World, parish: int, head: int) -> int:
    """Return where a household moving inside the municipality goes."""
    # The retired, and some of the young, move towards the larger towns; others often stay close.
    if head >= 65 or (head < 30 and world.rng.random() < 0.5):
        return world.draw(world.pick_town)
    return parish if world.rng.random() < 0.4 else world.draw(world.pick_family)


def _arrival_level(year: int) -> float:
    """Return the expected number of people moving in during a year (fewer after the 2008 crash)."""
    if 2009 <= year <= 2013:
        return 1_620.0
    return 1_820.0 if year >= 2020 else 1_720.0


def _returner_pool(world: World, yr: _Year) -> list[int]:
    """Return former residents who may come back this year, most likely ones first."""
    n = world.people
    outside = np.flatnonzero(world.alive[:n] & (world.left[:n] < yr.year))
    outside = outside[world.parish[world.home[outside]] < 0]
    ages = yr.ages[outside]
    pool = outside[(ages >= 21) & (ages <= 55)]
    if len(pool) == 0:
        return []
    # Those who left young come back most often around the age of settling down with children.
    weight = np.where((yr.ages[pool] >= 26) & (yr.ages[pool] <= 42), 4.0, 1.0)
    order = world.rng.choice(len(pool), size=len(pool), replace=False, p=weight / weight.sum())
    return [int(p) for p in pool[order]]


def _outside_members(world: World, yr: _Year) -> _Households:
    """Return the households of former residents now living outside, by household."""
    n = world.people
    outside = np.flatnonzero(world.alive[:n] & (world.left[:n] < 9999))
    return _Households(world, outside[world.parish[world.home[outside]] < 0])


def _returning(world: World, person: int, households: _Households, when: dt.date) -> list[int]:
    """Return the household of a former resident moving back, with a new partner and children."""
    home = int(world.home[person])
    people = households.members(home) or [person]
    age = world.age_on(person, when)
    # A young adult who left alone often comes back with a family started in the city.
    if len(people) == 1 and age >= 27 and world.rng.random() < 0.5:
        partner = max(18, age + int(world.rng.integers(-3, 4)))
        people.append(world.new_person(partner, not world.female[person], home, when))
        for _ in range(int(world.rng.binomial(2, 0.5))):
            child = int(world.rng.integers(0, min(age - 24, 8) + 1))
            people.append(world.new_person(child, bool(world.rng.random() < 0.5), home, when))
    return people


def _newcomers(world: World, when: dt.date) -> tuple[list[int], int]:
    """Return a new household arriving from outside, and the parish it settles in."""
    kind = newcomer_kind(world)
    people = settle(world, kind, -1, world.municipality(origins_for(kind)), when)
    towns = kind in ("young_single", "shared", "old_single", "old_couple")
    return people, world.draw(world.pick_town if towns else world.pick_family)


def _arrivals(world: World, yr: _Year) -> None:
    """Move households in from outside until the year's number of in-movers is reached."""
    target = world.rng.normal(_arrival_level(yr.year), 50.0)
    pool, households = _returner_pool(world, yr), _outside_members(world, yr)
    count = 0
    while count < target:
        when = world.date_in(yr.year)
        if pool and world.rng.random() < _RETURNER_SHARE:
            person = pool.pop(0)
            if world.parish[world.home[person]] >= 0:
                continue  # came back already with their household
            people = _returning(world, person, households, when)
            parish = world.draw(world.pick_family)
        else:
            people, parish = _newcomers(world, when)
        relocate(world, people, parish, MUNICIPALITY, when)
        count += len(people)


def _births_and_deaths(world: World, yr: _Year) -> None:
    """Add this year's babies to couples' homes and remove this year's deaths."""
    res, ages = yr.residents, yr.ages
    adults = np.bincount(world.home[res][ages[res] >= 18], minlength=world.households)
    mothers = res[world.female[res] & (ages[res] >= 22) & (ages[res] <= 42)]
    mothers = mothers[(adults[world.home[mothers]] >= 2) & (world.parish[world.home[mothers]] >= 0)]
    end = dt.date(yr.year, 12, 31)
    for mother in mothers[world.rng.random(len(mothers)) < 0.12]:
        # Age 0 on 31 December: born some day this year.
        world.new_person(0, bool(world.rng.random() < 0.49), int(world.home[mother]), end)
    risk = np.minimum(0.5, 1.7e-5 * np.exp(0.1 * ages[res]))
    world.alive[res[world.rng.random(len(res)) < risk]] = False


def simulate(places: tuple[Parish, ...], *, seed: int) -> Register:
    """Return the move register for 2008–2024 and the population on 1 January 2008–2025."""
    world = World(np.random.default_rng(seed), places)
    seed_population(world)
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        yr = _start_year(world, year)
        _leave_home(world, yr)
        _household_moves(world, yr)
        _arrivals(world, yr)
        _births_and_deaths(world, yr)
    _start_year(world, LAST_YEAR + 1)
    return world.register
