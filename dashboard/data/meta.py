"""What is in the database: the data date, whether it is demo data, and the import log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select

from dashboard.data.models import ImportLog, NationalSteeringGroup, Trajectory
from dashboard.data.narrative_models import NarrativeVersion
from dashboard.data.snapshot_models import Publication
from dashboard.infra import clock
from dashboard.infra.db import Database

IMPORT_LOG_COLUMNS = [
    "tijdstip",
    "soort",
    "bestandsnaam",
    "rijen",
    "nieuw",
    "gewijzigd",
    "ongewijzigd",
    "gebruiker",
]


@dataclass(frozen=True)
class DataStatus:
    """The state of the reporting database as the UI needs to tell it."""

    last_import: dt.datetime | None
    imports: int
    demo: bool
    highest_id: int = 0
    steering_groups: str = ""
    narratives: str = ""
    publications: str = ""

    @property
    def version(self) -> str:
        """A value that changes with every committed import; cache keys include it.

        Both count and highest id: ids are handed out before commit, so two overlapping imports
        can commit in the other order, and the highest id alone would not change for the later one.
        The recorded national stuurgroep days (how many, the last time one was recorded) count too:
        they decide the national comparison day, so a cached answer must not outlive a change.
        """
        base = f"{self.imports}-{self.highest_id}"
        if self.steering_groups:
            base = f"{base}-{self.steering_groups}"
        # Publishing or withdrawing a snapshot changes what organisation figures others are shown.
        return f"{base}-p{self.publications}" if self.publications else base


def data_status(db: Database) -> DataStatus:
    """When data last came in, how many imports there were, whether any was demo data, the data version."""
    # One round trip: this runs once per request.
    query = select(
        func.max(ImportLog.tijdstip),
        func.count(ImportLog.id),
        func.coalesce(func.max(func.cast(ImportLog.voorbeelddata, ImportLog.id.type)), 0),
        func.coalesce(func.max(ImportLog.id), 0),
        select(func.count()).select_from(NationalSteeringGroup).scalar_subquery(),
        select(func.max(NationalSteeringGroup.vastgelegd)).scalar_subquery(),
        select(func.count()).select_from(NarrativeVersion).scalar_subquery(),
        select(func.max(NarrativeVersion.id)).scalar_subquery(),
        select(func.count(Publication.id)).scalar_subquery(),
        select(func.count(Publication.ingetrokken)).scalar_subquery(),
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).one()
    last, count, demo, highest, recorded, latest, stories, newest, made, withdrawn = row
    steering = f"{recorded}@{latest.isoformat()}" if recorded else ""
    # Narratives are saved between imports. They are not part of ``version``: a save must not
    # throw away every cached figure, only the answers that show a narrative (signals, trend marks).
    narratives = f"{stories}-{newest}" if stories else ""
    return DataStatus(
        last_import=last,
        imports=int(count),
        demo=bool(demo),
        highest_id=int(highest),
        steering_groups=steering,
        narratives=narratives,
        publications=f"{made}-{withdrawn}" if made else "",
    )


def reference_date(status: DataStatus, fixed: dt.date | None, today: dt.date | None = None) -> dt.date:
    """The default peildatum: a fixed one when configured, else today or the last import if earlier."""
    if fixed is not None:
        return fixed
    today = today or clock.today()
    if status.last_import is None:
        return today
    last = status.last_import
    # SQLite hands back naive UTC; the data date is the Dutch calendar day of the import.
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    return min(today, last.astimezone(clock.AMSTERDAM).date())


def import_log(db: Database, limit: int = 200) -> pd.DataFrame:
    """The newest imports first, without anything about the people in the files."""
    query = (
        select(*(getattr(ImportLog, c) for c in IMPORT_LOG_COLUMNS))
        .order_by(ImportLog.id.desc())
        .limit(limit)
    )
    with db.engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=IMPORT_LOG_COLUMNS)


def trajectory_count(db: Database) -> int:
    """How many trajectories the database holds."""
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.count(Trajectory.id))).scalar_one())
