"""The facilitator's checklist per workshop: points to keep in mind, grouped by the five themes.

Our own wording. Each point has a stable key (stored with its done/undone state per project)
and a translatable text, so the checklist reads in Danish and English alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.workshops.models import Theme


@dataclass(frozen=True)
class Point:
    key: str
    theme: str
    text: Promise


POINTS: dict[int, tuple[Point, ...]] = {
    1: (
        Point("w1-villages-invited", Theme.VILLAGE_COOPERATION,
              _("Every village association has been invited and knows who speaks for it.")),
        Point("w1-expectations", Theme.CO_CREATION,
              _("The municipality has said plainly what it brings and what it cannot promise.")),
        Point("w1-facts-shown", Theme.FACT_BASED,
              _("The fact base has been shown: who moves in, who moves out, who stays.")),
        Point("w1-housing-picture", Theme.HOUSING_SUPPLY,
              _("Vacant homes, building plots and rentals in each village have been mapped.")),
        Point("w1-assets", Theme.MARKETING,
              _("The room has named what is special about the place and worth telling others.")),
    ),
    2: (
        Point("w2-shared-ideas", Theme.VILLAGE_COOPERATION,
              _("Ideas that several villages could carry together have been looked for.")),
        Point("w2-every-voice", Theme.CO_CREATION,
              _("Everyone has had a chance to add ideas, also on paper.")),
        Point("w2-link-to-facts", Theme.FACT_BASED,
              _("Each idea says which group of people it is meant for.")),
        Point("w2-housing-ideas", Theme.HOUSING_SUPPLY,
              _("The room has considered whether the homes newcomers look for exist.")),
        Point("w2-duplicates", Theme.MARKETING,
              _("Duplicate ideas have been merged before scoring.")),
    ),
    3: (
        Point("w3-scale-explained", Theme.CO_CREATION,
              _("The three questions and the scale have been explained before scoring.")),
        Point("w3-all-scored", Theme.VILLAGE_COOPERATION,
              _("Every participant has scored every idea, paper sheets included.")),
        Point("w3-disagreement", Theme.FACT_BASED,
              _("The ideas the room disagrees most about have been discussed.")),
        Point("w3-quick-wins", Theme.HOUSING_SUPPLY,
              _("Quick wins have been picked out so something happens soon.")),
        Point("w3-story", Theme.MARKETING,
              _("The chosen ideas fit the story the area wants to tell about itself.")),
    ),
    4: (
        Point("w4-owners", Theme.VILLAGE_COOPERATION,
              _("Every chosen idea has an owner who has said yes.")),
        Point("w4-contact", Theme.CO_CREATION,
              _("The municipal contact person for each initiative is named.")),
        Point("w4-milestones", Theme.FACT_BASED,
              _("Milestones have dates, and a review date is set.")),
        Point("w4-resources", Theme.HOUSING_SUPPLY,
              _("Resources needed and resources promised are written down.")),
        Point("w4-tell", Theme.MARKETING,
              _("It is agreed how the villages will hear about progress.")),
    ),
}  # fmt: skip

BY_KEY = {point.key: point for points in POINTS.values() for point in points}
