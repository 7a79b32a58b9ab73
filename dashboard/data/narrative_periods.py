"""The periods a region's narrative is written for: up to each stuurgroep, or the three tertials."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from dashboard.data.steering import region_steering_groups
from dashboard.infra.db import Database
from dashboard.reports.narrative import Period

_TERTIALS = ((1, 4), (5, 8), (9, 12))
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")


def _tertials(year: int) -> list[Period]:
    periods = []
    for number, (first, last) in enumerate(_TERTIALS, start=1):
        end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
        periods.append(Period(f"{year}-T{number}", dt.date(year, first, 1), end))
    return periods


def periods_for(db: Database, region: str, year: int) -> list[Period]:
    """The periods of ``region`` in ``year``, in order, covering the whole year.

    With stuurgroep days known for that year, each period runs from the day after the previous
    stuurgroep (or 1 January) up to and including a stuurgroep (``sg-2026-06-19``), and the rest
    of the year after the last one is its own period (``na-sg-2026-10-02``). Without any, the
    three tertials (``2026-T1`` … ``2026-T3``).
    """
    return periods_from(region_steering_groups(db, region, dt.date(year, 12, 31)), year)


def periods_from(steering_days: Iterable[dt.date], year: int) -> list[Period]:
    """``periods_for`` from a region's stuurgroep days (oldest first; later years are left out)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = [d for d in steering_days if first <= d <= last]
    if not days:
        return _tertials(year)
    periods, start = [], first
    for day in days:
        periods.append(Period(f"sg-{day.isoformat()}", start, day, day))
        start = day + dt.timedelta(days=1)
    if start <= last:
        periods.append(Period(f"na-sg-{days[-1].isoformat()}", start, last))
    return periods


def containing(periods: Iterable[Period], day: dt.date) -> Period:
    """The period of ``periods`` (which cover ``day``'s year) that ``day`` falls in."""
    return next(p for p in periods if p.start <= day <= p.end)


def period_of(db: Database, region: str, day: dt.date) -> Period:
    """The period of ``region`` that ``day`` falls in."""
    return containing(periods_for(db, region, day.year), day)


def period_by_key(db: Database, region: str, key: str) -> Period | None:
    """The period of ``region`` named ``key``, or None when the region has no such period now."""
    found = _YEAR.search(key or "")
    if found is None or len(key) > 32:
        return None
    return next((p for p in periods_for(db, region, int(found[1])) if p.key == key), None)
