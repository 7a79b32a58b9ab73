"""Small hand-made datasets whose right answers are known."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.db import Database
from dashboard.importing import ImportResult, import_frame
from dashboard.importing.rules import SCHEMAS

TRAJECTORY_HEADER = [column.name for column in SCHEMAS["trajecten"]]


def trajectory(
    traject_id: str, start: str, regio: str = "AM09", organisatie: str = "GGZ Test", **extra: str
) -> dict[str, str]:
    """One trajectory row as a delivered file would hold it (all cells text)."""
    row = {column: "" for column in TRAJECTORY_HEADER}
    row.update(
        traject_id=traject_id,
        regio=regio,
        organisatie=organisatie,
        organisatie_type="GGZ",
        methode="IPS",
        startdatum=start,
    )
    row.update(extra)
    return row


def load(
    db: Database, kind: str, rows: list[dict[str, str]], today: dt.date = dt.date(2026, 6, 30)
) -> ImportResult:
    """Import rows through the real import path."""
    return import_frame(
        db, kind, pd.DataFrame(rows), file_name=f"test-{kind}.csv", sha256="0" * 64, user="test", today=today
    )
