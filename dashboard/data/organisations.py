"""Organisations: what each delivered per quarter, and when its data last came in."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import func, select

from dashboard.cache import cached
from dashboard.db import Database
from dashboard.models import ImportLog, Organisation, Region, Trajectory

DELIVERY_COLUMNS = ["code", "regio", "organisatie", "soort", "jaar", "maand", "gestart"]


def quarter_label(year: int, quarter: int) -> str:
    """``2026-K1`` (K for *kwartaal*)."""
    return f"{year}-K{quarter}"


def recent_quarters(peildatum: dt.date, count: int) -> list[tuple[int, int]]:
    """The ``count`` quarters up to and including the peildatum's, oldest first."""
    year, quarter = peildatum.year, (peildatum.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        result.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return result[::-1]


@cached
def delivery_status(db: Database, peildatum: dt.date, quarters: int = 8) -> pd.DataFrame:
    """Per organisation the trajectories started in each of the last ``quarters`` quarters.

    Returns:
        One row per organisation with ``code``, ``regio``, ``organisatie``, ``soort``, one column
        per quarter label (count, or -1 for *geen levering*: nothing in a quarter after the
        organisation's first delivery; NaN before it) and ``laatst_aangeleverd`` (last import).
    """
    periods = recent_quarters(peildatum, quarters)
    first_day = dt.date(periods[0][0], 3 * periods[0][1] - 2, 1)
    year = func.extract("year", Trajectory.startdatum)
    month = func.extract("month", Trajectory.startdatum)
    monthly = (
        select(Region.code, Region.naam, Organisation.naam, Organisation.soort, year, month, func.count())
        .join(Organisation, Organisation.region_code == Region.code)
        .join(Trajectory, Trajectory.organisation_id == Organisation.id)
        .where(Trajectory.startdatum.between(first_day, peildatum))
        .group_by(Region.code, Region.naam, Organisation.naam, Organisation.soort, year, month)
    )
    first_and_last = (
        select(
            Region.code,
            Region.naam,
            Organisation.naam,
            Organisation.soort,
            func.min(Trajectory.startdatum),
            func.max(ImportLog.tijdstip),
        )
        .join(Organisation, Organisation.region_code == Region.code)
        .join(Trajectory, Trajectory.organisation_id == Organisation.id)
        .join(ImportLog, ImportLog.id == Trajectory.import_id)
        .where(Trajectory.startdatum <= peildatum)
        .group_by(Region.code, Region.naam, Organisation.naam, Organisation.soort)
    )
    with db.engine.connect() as connection:
        counts = pd.DataFrame(connection.execute(monthly).all(), columns=DELIVERY_COLUMNS)
        extremes = pd.DataFrame(
            connection.execute(first_and_last).all(),
            columns=["code", "regio", "organisatie", "soort", "eerste_start", "laatst"],
        )
    counts["kwartaal"] = [
        quarter_label(int(y), (int(m) - 1) // 3 + 1)
        for y, m in zip(counts["jaar"], counts["maand"], strict=True)
    ]
    table = counts.pivot_table(
        index=["code", "organisatie"], columns="kwartaal", values="gestart", aggfunc="sum"
    )
    labels = [quarter_label(y, q) for y, q in periods]
    table = table.reindex(columns=labels).reset_index()
    # Every organisation that ever delivered, also those silent for all recent quarters.
    merged = extremes.merge(table, on=["code", "organisatie"], how="left")
    for (y, q), label in zip(periods, labels, strict=True):
        quarter_start = dt.date(y, 3 * q - 2, 1)
        # A quarter after the first delivery without any start is a missing delivery, not "no data".
        started_before = pd.to_datetime(merged["eerste_start"]).dt.date <= quarter_start
        merged.loc[merged[label].isna() & started_before, label] = -1
    merged = merged.rename(columns={"laatst": "laatst_aangeleverd"}).drop(columns=["eerste_start"])
    return merged.sort_values(["code", "organisatie"]).reset_index(drop=True)
