"""Steering-group days: a region's from its meetings, the country's as data management records them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, insert, select

from dashboard.data.models import Meeting, NationalSteeringGroup
from dashboard.infra import clock
from dashboard.infra.cache import cached
from dashboard.infra.db import Database

STEERING_GROUP = "stuurgroep"


@cached
def region_steering_groups(db: Database, region: str, until: dt.date) -> list[dt.date]:
    """The days region ``region`` held a stuurgroep, up to and including ``until``, oldest first."""
    query = (
        select(Meeting.datum)
        .where(Meeting.region_code == region, Meeting.soort == STEERING_GROUP, Meeting.datum <= until)
        .distinct()
        .order_by(Meeting.datum)
    )
    with db.engine.connect() as connection:
        return list(connection.scalars(query).all())


def steering_groups_by_region(db: Database, until: dt.date) -> dict[str, list[dt.date]]:
    """``region_steering_groups`` of every region that held one, in one read."""
    query = (
        select(Meeting.region_code, Meeting.datum)
        .where(Meeting.soort == STEERING_GROUP, Meeting.datum <= until)
        .distinct()
        .order_by(Meeting.region_code, Meeting.datum)
    )
    days: dict[str, list[dt.date]] = {}
    with db.engine.connect() as connection:
        for region, day in connection.execute(query):
            days.setdefault(region, []).append(day)
    return days


def national_steering_groups(db: Database) -> list[dt.date]:
    """Every recorded national stuurgroep day, oldest first.

    Not cached: recording a day is no import, so it does not change the data version.
    """
    with db.engine.connect() as connection:
        return list(connection.scalars(select(NationalSteeringGroup.datum).order_by("datum")).all())


def last_national_steering_group(db: Database, before: dt.date) -> dt.date | None:
    """The last recorded national stuurgroep day strictly before ``before``, or None."""
    query = select(func.max(NationalSteeringGroup.datum)).where(NationalSteeringGroup.datum < before)
    with db.engine.connect() as connection:
        return connection.scalar(query)


def record_national_steering_group(db: Database, day: dt.date, by: str) -> bool:
    """Record that the national stuurgroep met on ``day``; False when that day was already recorded."""
    with db.engine.begin() as connection:
        known = connection.scalar(
            select(NationalSteeringGroup.datum).where(NationalSteeringGroup.datum == day)
        )
        if known is not None:
            return False
        connection.execute(
            insert(NationalSteeringGroup).values(datum=day, vastgelegd=clock.utc_now(), door=by[:120])
        )
    return True


def remove_national_steering_group(db: Database, day: dt.date) -> bool:
    """Forget a recorded national stuurgroep day; False when it was not recorded."""
    with db.engine.begin() as connection:
        result = connection.execute(delete(NationalSteeringGroup).where(NationalSteeringGroup.datum == day))
    return bool(result.rowcount)
