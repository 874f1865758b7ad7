"""Every figure with decimals is rounded as one rounds by hand, never cut off: Django's
number_format cuts (0.49 with one decimal read "0,4" in the handbook's ranking and the fact
base's tables)."""

from __future__ import annotations

import pytest
from django.utils import translation

from samskab.core.formats import rounded


@pytest.mark.parametrize(
    ("value", "decimals", "danish", "english"),
    [
        (0.49, 1, "0,5", "0.5"),
        (3.17, 1, "3,2", "3.2"),
        (2.25, 1, "2,3", "2.3"),  # half up, not to the even 2,2
        (0.125, 2, "0,13", "0.13"),
        (-0.05, 1, "-0,1", "-0.1"),
        (16004.96, 1, "16.005,0", "16,005.0"),
        (7, 1, "7,0", "7.0"),
        (35.7, 0, "36", "36"),
    ],
)
def test_a_number_is_rounded_in_the_pages_language(value, decimals, danish, english):
    with translation.override("da"):
        assert rounded(value, decimals, force_grouping=True) == danish
    with translation.override("en"):
        assert rounded(value, decimals, force_grouping=True) == english
