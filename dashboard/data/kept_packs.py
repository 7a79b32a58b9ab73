"""Meeting packs kept for each region's stuurgroep: which are due, keeping one, listing them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select

from dashboard.data import planned_steering
from dashboard.data.job_models import KeptPack
from dashboard.data.models import Meeting
from dashboard.infra import clock
from dashboard.infra.db import Database

STEERING = "stuurgroep"


@dataclass(frozen=True)
class Kept:
    """One kept pack as a page lists it (without its file)."""

    id: int
    region: str
    meeting: dt.date
    made: dt.datetime
    format: str


def due(
    db: Database, today: dt.date, days_before: int, regions: tuple[str, ...] = ()
) -> list[tuple[str, dt.date]]:
    """(region, meeting day) of each stuurgroep in the coming ``days_before`` days without a kept pack.

    These are the packs a daily run builds now (from ``today`` up to that many days ahead). A
    coming stuurgroep is a planned day (``hzw stuurgroep gepland``) or a meeting row on or after
    ``today``; the meetings import refuses later days, so the planned ones are what usually fires.
    """
    until = today + dt.timedelta(days=days_before)
    query = (
        select(Meeting.region_code, Meeting.datum)
        .where(Meeting.soort == STEERING, Meeting.datum >= today, Meeting.datum <= until)
        .distinct()
    )
    if regions:
        query = query.where(Meeting.region_code.in_(regions))
    with db.engine.connect() as connection:
        found = {(str(code), day) for code, day in connection.execute(query)}
        kept = {
            (str(code), day)
            for code, day in connection.execute(select(KeptPack.region_code, KeptPack.vergadering))
        }
    found |= set(planned_steering.upcoming(db, today, until, regions))
    # Meeting day first, then region: the order the daily run works through them.
    return sorted(found - kept, key=lambda pair: (pair[1], pair[0]))


def keep(
    db: Database, region: str, meeting: dt.date, peildatum: dt.date, fmt: str, name: str, content: bytes
) -> None:
    """Keep ``content`` as the region's pack for that meeting (a newer one replaces it)."""
    with db.transaction() as session:
        session.execute(
            delete(KeptPack).where(
                KeptPack.region_code == region, KeptPack.vergadering == meeting, KeptPack.formaat == fmt
            )
        )
        session.add(
            KeptPack(
                region_code=region,
                vergadering=meeting,
                peildatum=peildatum,
                formaat=fmt,
                gemaakt=clock.utc_now(),
                bestandsnaam=name,
                bestand=content,
            )
        )


def kept_for(db: Database, region: str) -> list[Kept]:
    """The region's kept packs, the next meeting first."""
    query = (
        select(KeptPack.id, KeptPack.region_code, KeptPack.vergadering, KeptPack.gemaakt, KeptPack.formaat)
        .where(KeptPack.region_code == region)
        .order_by(KeptPack.vergadering.desc(), KeptPack.formaat)
    )
    with db.engine.connect() as connection:
        return [Kept(*row) for row in connection.execute(query)]


def kept_file(db: Database, pack_id: int) -> tuple[str, str, bytes] | None:
    """The kept pack's region, file name and file."""
    query = select(KeptPack.region_code, KeptPack.bestandsnaam, KeptPack.bestand).where(
        KeptPack.id == pack_id
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    return (row[0], row[1], row[2]) if row is not None else None
