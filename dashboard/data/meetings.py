"""Meeting cadence per region: how many of each kind, and when the last case discussion was."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import func, select

from dashboard.data.models import Meeting, Region
from dashboard.infra.cache import cached
from dashboard.infra.db import Database
from dashboard.rules.metrics import effective_date

CADENCE_COLUMNS = ["code", "naam", "soort", "aantal"]


@cached
def meetings_by_region(db: Database, year: int, peildatum: dt.date) -> pd.DataFrame:
    """Meetings held per region and kind in ``year`` up to the peildatum (kinds with none omitted)."""
    query = (
        select(Region.code, Region.naam, Meeting.soort, func.count(Meeting.id))
        .join(Meeting, Meeting.region_code == Region.code)
        .where(Meeting.datum.between(dt.date(year, 1, 1), effective_date(year, peildatum)))
        .group_by(Region.code, Region.naam, Meeting.soort)
        .order_by(Region.code, Meeting.soort)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=CADENCE_COLUMNS)


@cached
def last_case_discussion(db: Database, peildatum: dt.date) -> pd.DataFrame:
    """Per region the date of the last case discussion on or before the peildatum (NaT when none)."""
    last = (
        select(Meeting.region_code, func.max(Meeting.datum).label("laatste"))
        .where(Meeting.soort == "casusbespreking", Meeting.datum <= peildatum)
        .group_by(Meeting.region_code)
        .subquery()
    )
    query = (
        select(Region.code, last.c.laatste)
        .outerjoin(last, last.c.region_code == Region.code)
        .order_by(Region.code)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=["code", "laatste"])
