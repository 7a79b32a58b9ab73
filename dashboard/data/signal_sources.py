"""What the signal rules read besides the reports: meeting days, organisation ids and last files."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import func, select

from dashboard.data.models import Delivery, ImportLog, Meeting, Organisation
from dashboard.data.organisations import delivered_by
from dashboard.infra import clock
from dashboard.infra.cache import cached
from dashboard.infra.db import Database

LAST_FILE_COLUMNS = ["org", "code", "organisatie", "import_id", "tijdstip", "gewijzigd", "ongewijzigd"]


@cached
def meeting_days(db: Database, kind: str, year: int, until: dt.date) -> dict[str, list[dt.date]]:
    """Per region code the days of its meetings of ``kind`` in ``year`` up to ``until``."""
    query = (
        select(Meeting.region_code, Meeting.datum)
        .where(Meeting.soort == kind, Meeting.datum.between(dt.date(year, 1, 1), until))
        .order_by(Meeting.region_code, Meeting.datum)
    )
    result: dict[str, list[dt.date]] = {}
    with db.engine.connect() as connection:
        for code, day in connection.execute(query):
            result.setdefault(str(code), []).append(day)
    return result


@cached
def organisation_ids(db: Database) -> dict[tuple[str, str], int]:
    """Per (region code, organisation name) the organisation's id (for links to its page)."""
    query = select(Organisation.region_code, Organisation.naam, Organisation.id)
    with db.engine.connect() as connection:
        return {(str(code), str(name)): int(id_) for code, name, id_ in connection.execute(query)}


@cached
def last_files(db: Database, day: dt.date) -> pd.DataFrame:
    """Per organisation the last file by ``day`` that delivered its trajectories, with the file's counts.

    Returns:
        ``org``, ``code``, ``organisatie``, ``import_id``, ``tijdstip`` (UTC), ``gewijzigd`` and
        ``ongewijzigd`` (rows of the whole file that changed, or came again unchanged).
    """
    latest = (
        select(Delivery.organisation_id.label("org"), func.max(ImportLog.id).label("import_id"))
        .join(ImportLog, ImportLog.id == Delivery.import_id)
        .where(delivered_by(day))
        .group_by(Delivery.organisation_id)
        .subquery()
    )
    query = (
        select(
            Organisation.id,
            Organisation.region_code,
            Organisation.naam,
            ImportLog.id,
            ImportLog.tijdstip,
            ImportLog.gewijzigd,
            ImportLog.ongewijzigd,
        )
        .join(latest, latest.c.org == Organisation.id)
        .join(ImportLog, ImportLog.id == latest.c.import_id)
        .order_by(Organisation.region_code, Organisation.naam)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=LAST_FILE_COLUMNS)


@cached
def delivered_between(db: Database, first: dt.date, last: dt.date) -> frozenset[int]:
    """The organisations a file delivered trajectories for from ``first`` to ``last`` (Amsterdam days)."""
    query = (
        select(Delivery.organisation_id)
        .join(ImportLog, ImportLog.id == Delivery.import_id)
        .where(ImportLog.tijdstip >= clock.end_of_day(first - dt.timedelta(days=1)), delivered_by(last))
        # An explicit empty delivery (0 rows) is for the quarter it names, read from the status.
        .where(Delivery.rijen > 0)
        .distinct()
    )
    with db.engine.connect() as connection:
        return frozenset(int(org) for org in connection.scalars(query))
