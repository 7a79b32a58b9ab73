"""Published moments: the days on which organisation-level figures are released.

Organisations deliver quarterly, so their figures are published per quarter end. Offering any
calendar day instead would let a reader subtract two days' tables and learn the few starts of
one organisation in between, which the tables themselves hide (differencing over time).
"""

from __future__ import annotations

import datetime as dt

_QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


def is_published_moment(day: dt.date) -> bool:
    """Whether ``day`` is a quarter end."""
    return (day.month, day.day) in _QUARTER_ENDS


def published_moment(day: dt.date) -> dt.date:
    """The last quarter end on or before ``day``."""
    for month, last in reversed(_QUARTER_ENDS):
        candidate = dt.date(day.year, month, last)
        if candidate <= day:
            return candidate
    return dt.date(day.year - 1, 12, 31)


def previous_moment(moment: dt.date) -> dt.date:
    """The quarter end before ``moment`` (itself taken as its own quarter's end or earlier)."""
    return published_moment(published_moment(moment) - dt.timedelta(days=1))
