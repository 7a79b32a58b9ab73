"""Rounding of every shown or exported figure: halves away from zero, as Dutch statistics round."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

Number = float | int | Decimal


def exact(value: Number) -> Decimal:
    """The decimal number a float stands for: ``1.005`` → ``Decimal("1.005")``.

    A float is read through its 15 significant digits, the precision a double holds for certain
    (DBL_DIG), not through its exact binary value (1.00499999999999989…). A figure written as 1.005
    therefore rounds as 1.005, and arithmetic noise in the last bits is gone before rounding:
    ``100 * 0.285`` is 28.499999999999996 as a float, 28.5 here, so 57 of 200 shows as 29 %, as it
    does on paper. Ints and Decimals are taken as they are.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    number = float(value)
    if not math.isfinite(number):
        return Decimal(str(number))
    return Decimal(f"{number:.15g}")


def rounded(value: Number, decimals: int = 0) -> Decimal:
    """``value`` to ``decimals`` places, halves away from zero: 12.5 → 13, -2.5 → -3, 0.125 → 0.13 (2).

    ``ROUND_HALF_UP`` in :mod:`decimal` rounds the absolute value, so it is symmetric around zero,
    unlike ``round()`` and Babel, which round halves to even (12.5 → 12). NaN and infinity come
    back unrounded, for the caller to show as it does.
    """
    number = exact(value)
    if not number.is_finite():
        return number
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def whole(value: Number) -> int:
    """A count as a whole number, halves away from zero: an expected 3407.5 starts → 3408."""
    return int(rounded(value))
