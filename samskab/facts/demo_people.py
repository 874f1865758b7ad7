"""The people of the demo simulation: households, ages, and where movers come from and go.

People live in households; a household moves as a whole, and young adults leave their parents'
household. Everyone keeps one pseudonymous id for life, so a person who moves away and later comes
back appears in the register twice — which is what return-migration analyses look for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from samskab.facts.demo_places import MUNICIPALITY, Parish
from samskab.facts.municipalities import ABROAD, municipality_codes

FIRST_YEAR, LAST_YEAR = 2008, 2024
CITIES = (751, 101, 461, 851, 561)  # Aarhus, København, Odense, Aalborg, Esbjerg
NEARBY = (657, 661, 756, 573, 665)  # Herning, Holstebro, Ikast-Brande, Varde, Lemvig
_CITY_WEIGHTS = np.array([0.35, 0.25, 0.12, 0.13, 0.15])  # Aarhus and København draw the most
_OTHER = tuple(sorted(municipality_codes() - {MUNICIPALITY, 411, *CITIES, *NEARBY}))

# Where movers go or come from: shares of the cities, the nearby towns, elsewhere and abroad.
_OUT_YOUNG = (0.65, 0.17, 0.10, 0.08)
_OUT_FAMILY = (0.15, 0.57, 0.18, 0.10)
_OUT_OLDER = (0.12, 0.45, 0.35, 0.08)
_IN_YOUNG = (0.22, 0.38, 0.20, 0.20)
_IN_FAMILY = (0.10, 0.62, 0.18, 0.10)

# Household kinds: ages of the adults and how common each kind is among residents and newcomers.
_KINDS = ("young_single", "single", "old_single", "young_couple", "couple", "old_couple",
          "family", "lone_parent", "shared")  # fmt: skip
_RESIDENT_MIX = (0.07, 0.13, 0.11, 0.05, 0.18, 0.12, 0.25, 0.06, 0.03)
_NEWCOMER_MIX = (0.22, 0.12, 0.03, 0.14, 0.08, 0.05, 0.29, 0.05, 0.02)
_ADULT_AGES = {"young_single": (19, 29), "single": (30, 64), "old_single": (65, 92),
               "young_couple": (22, 34), "couple": (45, 69), "old_couple": (65, 88),
               "family": (27, 52), "lone_parent": (25, 50), "shared": (20, 40)}  # fmt: skip
_MONTH_WEIGHTS = np.array([6, 6, 7, 8, 8, 10, 11, 12, 9, 8, 8, 7], dtype=float)
_CAPACITY = 250_000


@dataclass(frozen=True)
class Move:
    """One row of the move register; parish None when outside the municipality or unknown."""

    date: dt.date
    from_municipality: int
    to_municipality: int
    from_parish: int | None
    to_parish: int | None
    person: int
    age: int
    household_type: str
    female: bool


@dataclass
class Register:
    """The simulation's output: the moves, and residents on 1 January of each year."""

    moves: list[Move] = field(default_factory=list)
    population: dict[int, npt.NDArray[np.int64]] = field(default_factory=dict)  # by parish index
    ages: dict[int, npt.NDArray[np.int64]] = field(default_factory=dict)  # by age in whole years


class World:
    """The state of everyone who ever lived in or moved to the municipality."""

    def __init__(self, rng: np.random.Generator, places: tuple[Parish, ...]) -> None:
        self.rng = rng
        self.places = places
        self.codes = [p.code for p in places]
        sizes = np.array([p.residents for p in places], dtype=float)
        pull = np.array([p.area.pull for p in places])
        self.push = np.array([p.area.push for p in places])
        # Families pick villages by size and pull; the young and the old favour the larger towns.
        self.pick_family = sizes * pull
        self.pick_town = sizes**1.3 * pull
        self.birth = np.zeros(_CAPACITY, np.int64)
        self.birthday = np.ones(_CAPACITY, np.int64)  # day of year
        self.female = np.zeros(_CAPACITY, bool)
        self.home = np.zeros(_CAPACITY, np.int64)
        self.alive = np.zeros(_CAPACITY, bool)
        self.left = np.full(_CAPACITY, 9999, np.int64)  # year of the latest move out
        self.parish = np.full(_CAPACITY, -1, np.int64)  # per household; -1 outside
        self.where = np.zeros(_CAPACITY, np.int64)  # per household: municipality when outside
        self.arrived = np.full(_CAPACITY, -9999, np.int64)  # per household
        self.people = 1  # person 0 is unused so that ids start at P000001
        self.households = 0
        self.register = Register()

    def new_household(self, parish: int, where: int, arrived: int) -> int:
        """Return the index of a new household."""
        h = self.households
        self.parish[h], self.where[h], self.arrived[h] = parish, where, arrived
        self.households += 1
        return h

    def new_person(self, age: int, female: bool, home: int, when: dt.date) -> int:
        """Return the index of a new person who is `age` on the date `when`."""
        i = self.people
        day = int(self.rng.integers(1, 366))
        before_birthday = when.timetuple().tm_yday < day
        self.birth[i] = when.year - age - int(before_birthday)
        self.birthday[i], self.female[i], self.home[i], self.alive[i] = day, female, home, True
        self.people += 1
        return i

    def age_on(self, person: int, when: dt.date) -> int:
        """Return a person's age in whole years on a date."""
        before_birthday = when.timetuple().tm_yday < self.birthday[person]
        return int(when.year - self.birth[person] - before_birthday)

    def date_in(self, year: int) -> dt.date:
        """Return a random date in a year, more often in summer, when most people move."""
        month = self.draw(_MONTH_WEIGHTS) + 1
        days = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.date(year, month, 1)).days
        return dt.date(year, month, int(self.rng.integers(1, days + 1)))

    def municipality(self, shares: tuple[float, float, float, float]) -> int:
        """Return a municipality (or ABROAD) outside this one, from shares of the four kinds."""
        group = self.draw(np.array(shares))
        if group == 0:
            return CITIES[self.draw(_CITY_WEIGHTS)]
        options = (NEARBY, _OTHER, (ABROAD,))[group - 1]
        return options[int(self.rng.integers(len(options)))]

    def draw(self, weights: npt.NDArray[np.float64]) -> int:
        """Return an index drawn with probability proportional to its weight."""
        cumulative = np.cumsum(weights)
        return int(np.searchsorted(cumulative, self.rng.random() * cumulative[-1], side="right"))


def household_type(ages: list[int]) -> str:
    """Return the contract's household type for the ages of a household's members."""
    adults = sorted(a for a in ages if a >= 18)
    children = len(ages) - len(adults)
    if len(adults) == 1:
        return "single_with_children" if children else "single_no_children"
    # Two adults far apart in age are a parent and a grown child, not a couple.
    if len(adults) == 2 and adults[1] - adults[0] < 16:
        return "couple_with_children" if children else "couple_no_children"
    return "other"


def members_of(kind: str, rng: np.random.Generator, *, newcomer: bool) -> list[tuple[int, bool]]:
    """Return (age, female) of the members of a new household of a kind."""
    # Families moving in are young families; those already living here include grown children.
    low, high = (30, 44) if newcomer and kind == "family" else _ADULT_AGES[kind]
    head = int(rng.integers(low, high + 1))
    female = bool(rng.random() < 0.5)
    people = [(head, female)]
    if kind in ("young_couple", "couple", "old_couple", "family"):
        people.append((max(18, head + int(rng.integers(-4, 5))), not female))
    if kind == "shared":
        people += [(int(rng.integers(low, high + 1)), bool(rng.random() < 0.5)) for _ in range(2)]
    if kind in ("family", "lone_parent"):
        oldest = min(head - 21, 22 if kind == "family" and not newcomer else 17)
        count = 1 + int(rng.binomial(2, 0.45))
        people += [(int(rng.integers(0, max(oldest, 0) + 1)), bool(rng.random() < 0.5))
                   for _ in range(count)]  # fmt: skip
    return people


def settle(world: World, kind: str, parish: int, where: int, when: dt.date) -> list[int]:
    """Return the people of a new household in a parish, or of newcomers-to-be (parish -1)."""
    newcomer = parish < 0
    home = world.new_household(parish, where, when.year if newcomer else -9999)
    members = members_of(kind, world.rng, newcomer=newcomer)
    return [world.new_person(age, female, home, when) for age, female in members]


def seed_population(world: World) -> None:
    """Fill every parish with households until it reaches its population in 2008."""
    start = dt.date(FIRST_YEAR, 1, 1)
    mix = np.array(_RESIDENT_MIX)
    for place in world.places:
        count = 0
        while count < place.residents:
            kind = _KINDS[world.draw(mix)]
            count += len(settle(world, kind, place.index, ABROAD, start))


def newcomer_kind(world: World) -> str:
    """Return the kind of household that moves in from outside."""
    return _KINDS[world.draw(np.array(_NEWCOMER_MIX))]


def origins_for(kind: str) -> tuple[float, float, float, float]:
    """Return where a kind of household comes from: shares of cities, nearby, elsewhere, abroad."""
    if kind in ("young_single", "shared"):
        return _IN_YOUNG
    if kind in ("young_couple", "family", "lone_parent"):
        return _IN_FAMILY
    return _OUT_OLDER


def destinations_for(head_age: int) -> tuple[float, float, float, float]:
    """Return where a household leaving the municipality goes, by the age of its oldest adult."""
    if head_age < 30:
        return _OUT_YOUNG
    return _OUT_FAMILY if head_age < 45 else _OUT_OLDER


def relocate(world: World, people: list[int], parish: int, where: int, when: dt.date) -> None:
    """Move people together into a new household: a parish, or outside (-1) in `where`."""
    old = int(world.home[people[0]])
    inside = world.parish[old] >= 0
    # Newcomers stay newcomers when they move on inside the municipality.
    arrived = int(world.arrived[old]) if inside else when.year
    new = world.new_household(parish, where, arrived)
    ages = [world.age_on(p, when) for p in people]
    kind = household_type(ages)
    from_parish = world.codes[world.parish[old]] if inside else None
    to_parish = world.codes[parish] if parish >= 0 else None
    # A register now and then lacks one end's address for a move inside the municipality.
    if inside and parish >= 0 and world.rng.random() < 0.004:
        from_parish, to_parish = (
            (None, to_parish) if world.rng.random() < 0.5 else (from_parish, None)
        )
    source = MUNICIPALITY if inside else int(world.where[old])
    for person, age in zip(people, ages, strict=True):
        world.register.moves.append(
            Move(when, source, where, from_parish, to_parish, person, age, kind,
                 bool(world.female[person]))
        )  # fmt: skip
    world.home[people] = new
    if parish < 0:
        world.left[people] = when.year
