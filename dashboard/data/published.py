"""Organisation tables at published moments, protected against the disclosure audit.

A table is audited together with the one published at the quarter end before it, so the chain of
moments of one start cohort is worked out from its first quarter on; each link is cached per
data version, so a new import costs one pass and every later request reads the cache.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.data import cohorts
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules.disclosure import COLUMNS
from dashboard.rules.moments import previous_moment, published_moment
from dashboard.rules.protection import Protection, protect


def arrays(frame: pd.DataFrame) -> tuple[tuple[int, ...], np.ndarray, np.ndarray]:
    """Organisation ids, true counts (``COLUMNS``) and rows without data of ``funnel_by_organisation``."""
    ids = tuple(int(i) for i in frame["id"])
    return ids, frame[list(COLUMNS)].to_numpy(dtype=np.int64), ~frame["geleverd"].to_numpy(dtype=bool)


@cached
def protection(db: Database, region: str, year: int, moment: dt.date, minimum: int) -> Protection:
    """Which cells of region ``region``'s table (start cohort ``year``) at published ``moment`` are hidden.

    Audited with the table of the moment before, as published (its own protection): a reader who
    holds both learns nothing about a small count, or a small change between them, that the
    audit does not allow.
    """
    before = previous_moment(moment)
    # Before its year a start cohort has no trajectories at all: nothing to difference against.
    previous = protection(db, region, year, before, minimum) if before >= dt.date(year, 1, 1) else None
    return step(db, region, year, moment, minimum, previous)


def step(
    db: Database, region: str, year: int, moment: dt.date, minimum: int, previous: Protection | None
) -> Protection:
    """The protection at ``moment`` given the one published at the moment before (None: the first)."""
    ids, values, without_data = arrays(cohorts.funnel_by_organisation(db, region, year, moment))
    if previous is not None and previous.ids == ids and np.array_equal(previous.values, values):
        return previous  # nothing changed: the same cells stay hidden, no difference to protect
    return protect(ids, values, without_data, minimum, None if previous is None else previous.table)


def chain(
    db: Database, region: str, year: int, moment: dt.date, minimum: int
) -> list[tuple[dt.date, Protection]]:
    """Every published moment of start cohort ``year`` up to ``moment`` with its protection, in order.

    The same steps as ``protection``, worked forward in one pass (for audits outside the app).
    """
    found: list[tuple[dt.date, Protection]] = []
    for day in reversed([m for m in _back_to(year, moment)]):
        found.append((day, step(db, region, year, day, minimum, found[-1][1] if found else None)))
    return found


def _back_to(year: int, moment: dt.date) -> list[dt.date]:
    days = []
    while moment >= dt.date(year, 1, 1):
        days.append(moment)
        moment = previous_moment(moment)
    return days


def moments_of(year: int, day: dt.date) -> list[dt.date]:
    """The published moments in ``year`` up to ``day`` (the quarter ends whose starts differ)."""
    found = []
    moment = published_moment(min(day, dt.date(year, 12, 31)))
    while moment >= dt.date(year, 1, 1):
        found.append(moment)
        moment = previous_moment(moment)
    return found[::-1]
