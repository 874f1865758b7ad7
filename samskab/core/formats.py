"""Numbers as a page shows them, rounded: Django's number_format cuts a number's decimals off
(0.49 with one decimal reads "0,4"), so every figure with decimals goes through here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def rounded(value: float | int | Decimal, decimals: int, *, force_grouping: bool = False) -> str:
    """Return the number in the active language's format with `decimals` decimals, rounded
    half away from zero as one rounds by hand (0.49 → "0,5", 2.25 → "2,3", −0.05 → "−0,1"
    in Danish)."""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(exact, decimal_pos=decimals, force_grouping=force_grouping)
