"""Planned stuurgroep days of each region: recorded ahead, so a pack can be made before the meeting.

A planned day is no meeting held: only ``kept_packs.due`` reads these. Meeting counts, the "since
the last stuurgroep" comparison and the narrative periods keep reading the meetings table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from dashboard.data.models import PlannedSteering
from dashboard.infra import clock
from dashboard.infra.db import Database


@dataclass(frozen=True)
class Planned:
    """One planned stuurgroep day, with who recorded it and when."""

    region: str
    day: dt.date
    by: str
    recorded: dt.datetime


def plan(db: Database, region: str, day: dt.date, by: str) -> bool:
    """Record that ``region`` plans a stuurgroep on ``day``; False when it was already planned."""
    with db.engine.begin() as connection:
        known = connection.scalar(
            select(PlannedSteering.datum).where(
                PlannedSteering.region_code == region, PlannedSteering.datum == day
            )
        )
        if known is not None:
            return False
        connection.execute(
            insert(PlannedSteering).values(
                region_code=region, datum=day, door=by[:120], vastgelegd=clock.utc_now()
            )
        )
    return True


def remove(db: Database, region: str, day: dt.date) -> bool:
    """Forget a planned day; False when it was not planned."""
    with db.engine.begin() as connection:
        result = connection.execute(
            delete(PlannedSteering).where(PlannedSteering.region_code == region, PlannedSteering.datum == day)
        )
    return bool(result.rowcount)


def planned(db: Database, region: str | None = None) -> list[Planned]:
    """Every planned day (of ``region``, or of all regions), by region and then oldest first."""
    query = select(
        PlannedSteering.region_code, PlannedSteering.datum, PlannedSteering.door, PlannedSteering.vastgelegd
    ).order_by(PlannedSteering.region_code, PlannedSteering.datum)
    if region is not None:
        query = query.where(PlannedSteering.region_code == region)
    with db.engine.connect() as connection:
        return [Planned(*row) for row in connection.execute(query)]


def upcoming(
    db: Database, since: dt.date, until: dt.date, regions: tuple[str, ...] = ()
) -> list[tuple[str, dt.date]]:
    """(region, day) of each planned stuurgroep from ``since`` up to and including ``until``."""
    query = select(PlannedSteering.region_code, PlannedSteering.datum).where(
        PlannedSteering.datum >= since, PlannedSteering.datum <= until
    )
    if regions:
        query = query.where(PlannedSteering.region_code.in_(regions))
    with db.engine.connect() as connection:
        return [(str(code), day) for code, day in connection.execute(query)]
