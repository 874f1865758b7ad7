"""`places_named`: the places of a segment card, joined as a sentence names them."""

from __future__ import annotations

from django import template
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from samskab.segmentation.services import CardPlaces

register = template.Library()


@register.filter
def places_named(where: CardPlaces) -> str:
    """Return "Lemvig, Herning and Holstebro" (in Danish "Lemvig, Herning og Holstebro")."""
    return str(get_text_list([place.text for place in where.places.places], _("and")))
